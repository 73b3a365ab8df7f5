import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Role } from '../../backend/src/modules/auth/principal.js';
import {
  generateSecretToken,
  hashSecretToken,
} from '../../backend/src/modules/auth/secret-token.js';

export interface BrowserSession {
  readonly userId: string;
  readonly email: string;
  /** The cg_session cookie's value. */
  readonly sessionToken: string;
  /** The cg_csrf cookie's value. */
  readonly csrfToken: string;
}

/**
 * A user and a live browser session straight in the database, stored the way signing in stores
 * them (the session row keyed by the SHA-256 of the cookie's token), for browser specs.
 */
export async function createBrowserSession(
  dataSource: DataSource,
  options: { readonly role: Role; readonly departments?: readonly string[] | null },
): Promise<BrowserSession> {
  const email = `${options.role.toLowerCase().replace('_', '-')}-${randomBytes(3).toString('hex')}@hospital.test`;
  const [user]: { id: string }[] = await dataSource.query(
    `INSERT INTO users (email, role, departments) VALUES ($1, $2, $3) RETURNING id`,
    [email, options.role, options.departments ? [...options.departments] : null],
  );
  const sessionToken = generateSecretToken('cgs_');
  const csrfToken = randomBytes(24).toString('base64url');
  await dataSource.query(`INSERT INTO sessions (id, user_id, csrf_token) VALUES ($1, $2, $3)`, [
    hashSecretToken(sessionToken),
    user.id,
    csrfToken,
  ]);
  return { userId: user.id, email, sessionToken, csrfToken };
}
