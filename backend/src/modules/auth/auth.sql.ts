// SQL of the auth module, each statement whole with what its parameters are.

/**
 * The user behind an unrevoked API token, and the token marked used in the same statement (one
 * round trip per request): at most once a minute so a busy script does not write per request,
 * and only for an enabled user. $1 token hash.
 */
export const AUTHENTICATE_TOKEN = `
  WITH principal AS (
    SELECT t.id AS "tokenId", t.name AS "tokenName", u.id AS "userId", u.email, u.role,
           u.departments, u.disabled
    FROM api_tokens t
    JOIN users u ON u.id = t.user_id
    WHERE t.token_hash = $1 AND t.revoked_at IS NULL
  ), touched AS (
    UPDATE api_tokens t SET last_used_at = now()
    FROM principal p
    WHERE t.id = p."tokenId" AND NOT p.disabled
      AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute')
  )
  SELECT * FROM principal`;

/**
 * The user behind a live session (not revoked, not idle for longer than $2 minutes, not older
 * than $3 hours), and the idle timeout slid in the same statement (at most once every 30 s,
 * only for an enabled user). $1 session id (hash of the cookie token).
 */
export const AUTHENTICATE_SESSION = `
  WITH principal AS (
    SELECT s.id AS "sessionId", s.csrf_token AS "csrfToken", u.id AS "userId", u.email, u.role,
           u.departments, u.disabled
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    WHERE s.id = $1
      AND s.revoked_at IS NULL
      AND s.last_seen_at > now() - make_interval(mins => $2::int)
      AND s.created_at > now() - make_interval(hours => $3::int)
  ), touched AS (
    UPDATE sessions s SET last_seen_at = now()
    FROM principal p
    WHERE s.id = p."sessionId" AND NOT p.disabled
      AND s.last_seen_at < now() - interval '30 seconds'
  )
  SELECT * FROM principal`;

/** $1 session id (hash), $2 user id, $3 CSRF token. */
export const INSERT_SESSION = `
  INSERT INTO sessions (id, user_id, csrf_token) VALUES ($1, $2, $3)`;

/** $1 session id. */
export const REVOKE_SESSION = `
  UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`;

/** Every live session of a user (disable, lock). $1 user id. */
export const REVOKE_USER_SESSIONS = `
  UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`;

const USER_COLUMNS = `
  id, email, role, departments, password_hash AS "passwordHash", disabled,
  failed_attempts AS "failedAttempts", locked_until AS "lockedUntil",
  last_sign_in_at AS "lastSignInAt", oidc_issuer AS "oidcIssuer", oidc_subject AS "oidcSubject",
  created_at AS "createdAt"`;

/** $1 email (lower-cased). */
export const FIND_USER_BY_EMAIL = `SELECT ${USER_COLUMNS} FROM users WHERE email = $1`;

/** $1 user id. */
export const FIND_USER_BY_ID = `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`;

export const LIST_USERS = `SELECT ${USER_COLUMNS} FROM users ORDER BY email`;

/** $1 email, $2 role, $3 departments (null = site-wide), $4 password hash or null. */
export const INSERT_USER = `
  INSERT INTO users (email, role, departments, password_hash)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (email) DO NOTHING
  RETURNING ${USER_COLUMNS}`;

/** A new password ends any lock-out. $1 user id, $2 argon2id hash. */
export const SET_PASSWORD = `
  UPDATE users SET password_hash = $2, failed_attempts = 0, locked_until = NULL, updated_at = now()
  WHERE id = $1`;

/** $1 user id. */
export const DISABLE_USER = `
  UPDATE users SET disabled = true, updated_at = now() WHERE id = $1
  RETURNING ${USER_COLUMNS}`;

/** $1 user id, $2 token name, $3 token hash. */
export const INSERT_API_TOKEN = `
  INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3)
  ON CONFLICT (user_id, name) WHERE revoked_at IS NULL DO NOTHING
  RETURNING id`;

/** $1 user id, $2 token name. */
export const REVOKE_API_TOKEN = `
  UPDATE api_tokens SET revoked_at = now()
  WHERE user_id = $1 AND name = $2 AND revoked_at IS NULL
  RETURNING id`;

/** Unrevoked token names of a user (to pick a free default name). $1 user id. */
export const LIST_ACTIVE_TOKEN_NAMES = `
  SELECT name FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY name`;

/**
 * Counts a wrong password; locks the account for $3 minutes when it reaches $2 failures in a
 * row (and starts the count again). $1 user id.
 */
export const RECORD_FAILED_SIGN_IN = `
  UPDATE users SET
    failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
    locked_until = CASE WHEN failed_attempts + 1 >= $2
                        THEN now() + make_interval(mins => $3::int) ELSE locked_until END
  WHERE id = $1
  RETURNING locked_until > now() AS "lockedNow"`;

/** A successful sign-in. $1 user id. */
export const RECORD_SIGN_IN = `
  UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = now()
  WHERE id = $1`;

/** Department names a site-wide principal may filter by. */
export const LIST_DEPARTMENT_NAMES = `SELECT name FROM departments ORDER BY name`;

/**
 * TypeORM answers an UPDATE or DELETE with `[rows, affectedCount]` and anything else with the
 * rows: this gives the RETURNING rows either way.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}

/** $1 issuer, $2 subject. */
export const FIND_USER_BY_OIDC_SUBJECT = `
  SELECT id, email, role, departments, password_hash AS "passwordHash", disabled,
         failed_attempts AS "failedAttempts", locked_until AS "lockedUntil",
         last_sign_in_at AS "lastSignInAt", oidc_issuer AS "oidcIssuer",
         oidc_subject AS "oidcSubject", created_at AS "createdAt"
  FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2`;

/**
 * Links an account to its OIDC identity and applies the role and departments the identity
 * provider says. $1 user id, $2 issuer, $3 subject, $4 role, $5 departments, $6 email.
 */
export const UPDATE_OIDC_USER = `
  UPDATE users SET oidc_issuer = $2, oidc_subject = $3, role = $4, departments = $5,
                   email = $6, updated_at = now()
  WHERE id = $1
  RETURNING id, email, role, departments, password_hash AS "passwordHash", disabled,
            failed_attempts AS "failedAttempts", locked_until AS "lockedUntil",
            last_sign_in_at AS "lastSignInAt", oidc_issuer AS "oidcIssuer",
            oidc_subject AS "oidcSubject", created_at AS "createdAt"`;

/** $1 email, $2 role, $3 departments, $4 issuer, $5 subject. */
export const INSERT_OIDC_USER = `
  INSERT INTO users (email, role, departments, oidc_issuer, oidc_subject)
  VALUES ($1, $2, $3, $4, $5)
  RETURNING id, email, role, departments, password_hash AS "passwordHash", disabled,
            failed_attempts AS "failedAttempts", locked_until AS "lockedUntil",
            last_sign_in_at AS "lastSignInAt", oidc_issuer AS "oidcIssuer",
            oidc_subject AS "oidcSubject", created_at AS "createdAt"`;

/**
 * Stores an OIDC login step until its callback: $1 the SHA-256 of the browser cookie's value,
 * $2 state, $3 nonce, $4 PKCE code verifier, $5 the path to return to, $6 lifetime in seconds.
 */
export const INSERT_OIDC_LOGIN_STATE = `
  INSERT INTO oidc_login_states (id, state, nonce, code_verifier, return_to, expires_at)
  VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6::int))`;

/**
 * Removes expired login steps, and the oldest beyond the newest $1 (a flood of unfinished
 * sign-ins cannot grow the table without bound).
 */
export const PRUNE_OIDC_LOGIN_STATES = `
  DELETE FROM oidc_login_states
   WHERE expires_at < now()
      OR id IN (SELECT id FROM oidc_login_states ORDER BY expires_at DESC OFFSET $1::int)`;

/**
 * Takes a login step for its callback, once: the row ($1, the cookie value's SHA-256) is
 * deleted as it is read, so a second callback with the same cookie finds nothing, whichever
 * backend instance it reaches. An expired row is deleted and answers `expired`.
 */
export const TAKE_OIDC_LOGIN_STATE = `
  DELETE FROM oidc_login_states WHERE id = $1
  RETURNING state, nonce, code_verifier AS "codeVerifier", return_to AS "returnTo",
            expires_at < now() AS expired`;
