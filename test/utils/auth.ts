import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  generateSecretToken,
  hashSecretToken,
} from '../../backend/src/modules/auth/secret-token.js';
import type { Principal, Role } from '../../backend/src/modules/auth/principal.js';

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

/** A principal as the guard sets it for a user of `role` (site-wide unless `departments`). */
export const testPrincipal = (role: Role, departments: string[] | null = null): Principal => ({
  kind: 'user',
  userId: null,
  tokenId: null,
  email: `${role.toLowerCase()}@example.org`,
  role,
  departments,
  sessionId: null,
});

/**
 * A bearer token for each role (site-wide), and one for each named caller scoped to
 * departments, e.g. `{ SURGERY_MANAGER: { role: 'QUALITY_MANAGER', departments: ['Surgery'] } }`.
 */
export async function createRoleTokens(
  dataSource: DataSource,
  scoped: Record<string, { role: Role; departments: readonly string[] }> = {},
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const role of ['ADMIN', 'COMMITTEE', 'AUDITOR', 'QUALITY_MANAGER'] as const) {
    tokens[role] = (await createUserWithToken(dataSource, { role })).token;
  }
  for (const [name, options] of Object.entries(scoped)) {
    tokens[name] = (await createUserWithToken(dataSource, options)).token;
  }
  return tokens;
}
