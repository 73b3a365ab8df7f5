import { ConfigError } from './config-error.js';

/**
 * Sign-in settings from the environment (README, "Sign-in"), validated at start with the rest
 * of the configuration.
 */
export interface AuthSettings {
  /** NODE_ENV=production: no introspection or sandbox, no demo accounts, secure defaults. */
  readonly production: boolean;
  /** Local email + password sign-in (LOCAL_SIGN_IN, default on). */
  readonly localSignIn: boolean;
  /** A browser session ends after this many minutes without a request. */
  readonly sessionIdleMinutes: number;
  /** ... and this many hours after sign-in, whatever the activity. */
  readonly sessionAbsoluteHours: number;
  /** Failed passwords in a row before an account is locked. */
  readonly maxFailedSignIns: number;
  readonly lockoutMinutes: number;
  /** Sign-in attempts allowed per address and per account in one rate-limit window. */
  readonly signInRateLimit: number;
  readonly signInRateWindowMinutes: number;
  /**
   * Express `trust proxy`: false (default), true, a hop count or a list of addresses. Behind a
   * TLS-terminating proxy, set it so X-Forwarded-Proto marks cookies Secure and rate limits
   * see the client's address.
   */
  readonly trustProxy: boolean | number | string;
  /** The address users reach the app at (e.g. https://grounds.example.org). */
  readonly publicUrl: string | null;
  readonly oidc: OidcSettings | null;
  /** GraphQL: deepest nesting and estimated fields per operation (GRAPHQL_MAX_*). */
  readonly graphqlMaxDepth: number;
  readonly graphqlMaxComplexity: number;
}

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string | null;
  /** Where the provider sends users back: OIDC_REDIRECT_URL or PUBLIC_URL + /auth/oidc/callback. */
  readonly redirectUrl: string;
  /** Claim holding the role (a string or an array; first recognised role wins). */
  readonly roleClaim: string;
  /** Claim holding department names (an array or a comma-separated string); absent = site-wide. */
  readonly departmentClaim: string;
  /** Identity-provider values to roles (OIDC_ROLE_MAP `group=ROLE,...`). */
  readonly roleMap: Readonly<Record<string, RoleName>>;
  /** Role given when the claim names none; null refuses the sign-in. */
  readonly defaultRole: RoleName | null;
  readonly scopes: string;
}

const readPositiveInteger = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new ConfigError(`${name} must be a whole number of at least 1, not "${value}".`);
  }
  return number;
};

const readBoolean = (name: string, value: string | undefined, fallback: boolean) => {
  if (value === undefined || value.trim() === '') return fallback;
  const normalised = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(normalised)) return true;
  if (['0', 'false', 'no', 'off'].includes(normalised)) return false;
  throw new ConfigError(`${name} must be true or false, not "${value}".`);
};

const readHttpUrl = (name: string, value: string | undefined): string | null => {
  if (value === undefined || value.trim() === '') return null;
  try {
    const url = new URL(value.trim());
    if (!['http:', 'https:'].includes(url.protocol)) throw new Error('protocol');
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(`${name} must be an http:// or https:// URL, not "${value}".`);
  }
};

const readTrustProxy = (value: string | undefined): boolean | number | string => {
  if (value === undefined || value.trim() === '') return false;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (['true', 'false'].includes(trimmed.toLowerCase())) return trimmed.toLowerCase() === 'true';
  return trimmed; // addresses or subnets, comma-separated, or loopback/linklocal/uniquelocal
};

const ROLE_NAMES = ['ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR'] as const;
type RoleName = (typeof ROLE_NAMES)[number];
const isRoleName = (value: string): value is RoleName =>
  (ROLE_NAMES as readonly string[]).includes(value);

const readRoleMap = (value: string | undefined): Record<string, RoleName> => {
  const map: Record<string, RoleName> = {};
  for (const entry of (value ?? '').split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const index = entry.lastIndexOf('=');
    const role = entry
      .slice(index + 1)
      .trim()
      .toUpperCase();
    if (index <= 0 || !isRoleName(role)) {
      throw new ConfigError(
        `OIDC_ROLE_MAP must be a comma-separated list of value=ROLE (ROLE one of ${ROLE_NAMES.join(', ')}), not "${entry}".`,
      );
    }
    map[entry.slice(0, index).trim()] = role;
  }
  return map;
};

function readOidc(env: NodeJS.ProcessEnv, publicUrl: string | null): OidcSettings | null {
  const issuer = readHttpUrl('OIDC_ISSUER', env.OIDC_ISSUER);
  if (!issuer) return null;
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID must be set when OIDC_ISSUER is set.');
  const redirectUrl =
    readHttpUrl('OIDC_REDIRECT_URL', env.OIDC_REDIRECT_URL) ??
    (publicUrl ? `${publicUrl}/auth/oidc/callback` : null);
  if (!redirectUrl) {
    throw new ConfigError('Set PUBLIC_URL (or OIDC_REDIRECT_URL) when OIDC_ISSUER is set.');
  }
  const defaultRoleGiven = env.OIDC_DEFAULT_ROLE?.trim().toUpperCase() || null;
  if (defaultRoleGiven && !isRoleName(defaultRoleGiven)) {
    throw new ConfigError(`OIDC_DEFAULT_ROLE must be one of ${ROLE_NAMES.join(', ')}.`);
  }
  const defaultRole = defaultRoleGiven as RoleName | null;
  return {
    // the issuer identifier is compared exactly: keep it as given, without a trailing slash
    issuer: env.OIDC_ISSUER!.trim().replace(/\/$/, ''),
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET?.trim() || null,
    redirectUrl,
    roleClaim: env.OIDC_ROLE_CLAIM?.trim() || 'roles',
    departmentClaim: env.OIDC_DEPARTMENT_CLAIM?.trim() || 'departments',
    roleMap: readRoleMap(env.OIDC_ROLE_MAP),
    defaultRole,
    scopes: env.OIDC_SCOPES?.trim() || 'openid email profile',
  };
}

export function loadAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const publicUrl = readHttpUrl('PUBLIC_URL', env.PUBLIC_URL);
  return {
    production: env.NODE_ENV === 'production',
    localSignIn: readBoolean('LOCAL_SIGN_IN', env.LOCAL_SIGN_IN, true),
    sessionIdleMinutes: readPositiveInteger('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: readPositiveInteger(
      'SESSION_ABSOLUTE_HOURS',
      env.SESSION_ABSOLUTE_HOURS,
      12,
    ),
    maxFailedSignIns: readPositiveInteger('SIGNIN_MAX_FAILURES', env.SIGNIN_MAX_FAILURES, 5),
    lockoutMinutes: readPositiveInteger('SIGNIN_LOCKOUT_MINUTES', env.SIGNIN_LOCKOUT_MINUTES, 15),
    signInRateLimit: readPositiveInteger('SIGNIN_RATE_LIMIT', env.SIGNIN_RATE_LIMIT, 20),
    signInRateWindowMinutes: readPositiveInteger(
      'SIGNIN_RATE_WINDOW_MINUTES',
      env.SIGNIN_RATE_WINDOW_MINUTES,
      15,
    ),
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    publicUrl,
    oidc: readOidc(env, publicUrl),
    graphqlMaxDepth: readPositiveInteger('GRAPHQL_MAX_DEPTH', env.GRAPHQL_MAX_DEPTH, 12),
    graphqlMaxComplexity: readPositiveInteger(
      'GRAPHQL_MAX_COMPLEXITY',
      env.GRAPHQL_MAX_COMPLEXITY,
      25_000,
    ),
  };
}
