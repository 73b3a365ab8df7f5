import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  generateSecretToken,
  hashSecretToken,
} from '../../backend/src/modules/auth/secret-token.js';
import type { Role } from '../../backend/src/modules/auth/principal.js';

export interface TestUserOptions {
  readonly role: Role;
  /** Department names; omitted or null = site-wide. */
  readonly departments?: readonly string[] | null;
  /** Default: a unique address per call, e.g. `quality_manager-1a2b3c@test.local`. */
  readonly email?: string;
}

export interface TestUserWithToken {
  readonly userId: string;
  readonly email: string;
  /** The bearer token, as `user token` would print it. */
  readonly token: string;
  readonly tokenId: string;
}

/**
 * A user and an API token straight in the database (the same hashing as the app), for specs
 * that need a signed-in caller: `request(...).set(authHeader(token))`.
 */
export async function createUserWithToken(
  dataSource: DataSource,
  options: TestUserOptions,
): Promise<TestUserWithToken> {
  const email = (
    options.email ?? `${options.role.toLowerCase()}-${randomBytes(3).toString('hex')}@test.local`
  ).toLowerCase();
  const [user]: { id: string }[] = await dataSource.query(
    `INSERT INTO users (email, role, departments) VALUES ($1, $2, $3)
     ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role, departments = EXCLUDED.departments
     RETURNING id`,
    [email, options.role, options.departments ? [...options.departments] : null],
  );
  const token = generateSecretToken('cg_');
  const [created]: { id: string }[] = await dataSource.query(
    `INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id`,
    [user.id, `test-${randomBytes(3).toString('hex')}`, hashSecretToken(token)],
  );
  return { userId: user.id, email, token, tokenId: created.id };
}

/** The header a script sends: `Authorization: Bearer <token>`. */
export const authHeader = (token: string): { Authorization: string } => ({
  Authorization: `Bearer ${token}`,
});
