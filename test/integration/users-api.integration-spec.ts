import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AppModule } from '../../backend/src/app.module.js';
import { loadAuthSettings } from '../../backend/src/config/auth-config.js';
import type { Role } from '../../backend/src/modules/auth/principal.js';
import { authHeader, createUserWithToken } from '../utils/auth.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

const USERS = '{ users { email role departments disabled lastSignInAt } }';
const CREATE_USER = `mutation($input: CreateUserInput!) {
  createUser(input: $input) { id email role departments disabled }
}`;
const DISABLE_USER = `mutation($input: DisableUserInput!) { disableUser(input: $input) { email disabled } }`;
const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { name token } }`;
const REVOKE_TOKEN = `mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { email } }`;

describe('users and API tokens over GraphQL', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await NestFactory.create(
      AppModule.forRoot({ dataSource: database.dataSource, authSettings: loadAuthSettings({}) }),
      { logger: false },
    );
    await app.init();
    for (const role of ['ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR'] as const) {
      tokens[role] = (
        await createUserWithToken(database.dataSource, {
          role,
          email: `${role.toLowerCase()}@example.org`,
          departments: role === 'QUALITY_MANAGER' ? ['Emergency'] : null,
        })
      ).token;
    }
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const graphql = (
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => request(app.getHttpServer()).post('/graphql').set(headers).send({ query, variables });

  const as = (role: Role) => authHeader(tokens[role]);

  it('lets ADMIN and AUDITOR list users, and refuses the other roles and anonymous callers', async () => {
    for (const role of ['ADMIN', 'AUDITOR'] as const) {
      const response = await graphql(USERS, {}, as(role));
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.users.map((user: { email: string }) => user.email)).toEqual([
        'admin@example.org',
        'auditor@example.org',
        'committee@example.org',
        'quality_manager@example.org',
      ]);
    }
    for (const role of ['QUALITY_MANAGER', 'COMMITTEE'] as const) {
      const response = await graphql(USERS, {}, as(role));
      expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    expect((await graphql(USERS)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lets only ADMIN create users; the read-only AUDITOR is refused every mutation', async () => {
    const input = {
      input: {
        email: 'New.Manager@Example.org',
        role: 'QUALITY_MANAGER',
        departments: ['Surgery'],
        password: 'a long enough passphrase',
      },
    };
    for (const role of ['AUDITOR', 'COMMITTEE', 'QUALITY_MANAGER'] as const) {
      const refused = await graphql(CREATE_USER, input, as(role));
      expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const created = await graphql(CREATE_USER, input, as('ADMIN'));
    expect(created.body.data.createUser).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'new.manager@example.org',
      role: 'QUALITY_MANAGER',
      departments: ['Surgery'],
      disabled: false,
    });
    const duplicate = await graphql(CREATE_USER, input, as('ADMIN'));
    expect(duplicate.body.errors[0]).toMatchObject({
      message: 'A user with the email new.manager@example.org already exists.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const weak = await graphql(
      CREATE_USER,
      { input: { email: 'weak@example.org', role: 'ADMIN', password: 'short' } },
      as('ADMIN'),
    );
    expect(weak.body.errors[0].message).toBe('The password must be at least 12 characters long.');
    const [audit] = await database.dataSource.query(
      `SELECT actor, actor_kind, details FROM audit_events WHERE action = 'user.created'`,
    );
    expect(audit).toEqual({
      actor: 'admin@example.org',
      actor_kind: 'token',
      details: expect.objectContaining({
        after: {
          email: 'new.manager@example.org',
          role: 'QUALITY_MANAGER',
          departments: ['Surgery'],
          localPassword: true,
        },
        tokenId: expect.any(String),
      }),
    });
  });

  it('creates a token that works at once, shown once, and stops working when revoked', async () => {
    const created = await graphql(
      CREATE_TOKEN,
      { input: { email: 'new.manager@example.org', name: 'nightly' } },
      as('ADMIN'),
    );
    const { token, name } = created.body.data.createApiToken;
    expect(name).toBe('nightly');
    const me = await graphql('{ me { email role departments } }', {}, authHeader(token));
    expect(me.body.data.me).toEqual({
      email: 'new.manager@example.org',
      role: 'QUALITY_MANAGER',
      departments: ['Surgery'],
    });
    const revoked = await graphql(
      REVOKE_TOKEN,
      { input: { email: 'new.manager@example.org', name: 'nightly' } },
      as('ADMIN'),
    );
    expect(revoked.body.data.revokeApiToken).toBe(true);
    const after = await graphql('{ me { email } }', {}, authHeader(token));
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const again = await graphql(
      REVOKE_TOKEN,
      { input: { email: 'new.manager@example.org', name: 'nightly' } },
      as('ADMIN'),
    );
    expect(again.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('disables a user: their session and tokens stop working, and it is audited', async () => {
    const tokenResponse = await graphql(
      CREATE_TOKEN,
      { input: { email: 'new.manager@example.org' } },
      as('ADMIN'),
    );
    const token = tokenResponse.body.data.createApiToken.token;
    const signIn = await graphql(SIGN_IN, {
      input: { email: 'new.manager@example.org', password: 'a long enough passphrase' },
    });
    const cookie = (signIn.headers['set-cookie'] as unknown as string[])
      .find((line) => line.startsWith('cg_session='))!
      .split(';')[0];
    expect((await graphql('{ me { email } }', {}, { Cookie: cookie })).body.data.me).toEqual({
      email: 'new.manager@example.org',
    });

    const disabled = await graphql(
      DISABLE_USER,
      { input: { email: 'new.manager@example.org' } },
      as('ADMIN'),
    );
    expect(disabled.body.data.disableUser).toEqual({
      email: 'new.manager@example.org',
      disabled: true,
    });
    for (const headers of [{ Cookie: cookie }, authHeader(token)]) {
      const refused = await graphql('{ me { email } }', {}, headers);
      expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const signInAgain = await graphql(SIGN_IN, {
      input: { email: 'new.manager@example.org', password: 'a long enough passphrase' },
    });
    expect(signInAgain.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const [audit] = await database.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'user.disabled'`,
    );
    expect(audit.details).toMatchObject({ before: { disabled: false }, after: { disabled: true } });
  });

  it('refuses UPDATE and DELETE of the audit trail to an application role granted INSERT and SELECT', async () => {
    const role = `grounds_app_test_${randomBytes(4).toString('hex')}`;
    const query = (sql: string) => database.dataSource.query(sql);
    await query(`CREATE ROLE ${role} NOLOGIN`);
    try {
      await query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await query(`GRANT INSERT, SELECT ON audit_events TO ${role}`);
      await query(`GRANT USAGE ON SEQUENCE audit_events_id_seq TO ${role}`);
      const runner = database.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.query(`SET ROLE ${role}`);
        await runner.query(
          `INSERT INTO audit_events (actor, actor_kind, action) VALUES ('app', 'system', 'spec.app_role')`,
        );
        await expect(runner.query(`UPDATE audit_events SET actor = 'x'`)).rejects.toThrow(
          /permission denied|append-only/,
        );
        await expect(runner.query(`DELETE FROM audit_events`)).rejects.toThrow(
          /permission denied|append-only/,
        );
        await runner.query('RESET ROLE');
      } finally {
        await runner.release();
      }
    } finally {
      await query(`REVOKE ALL ON audit_events FROM ${role}`);
      await query(`REVOKE ALL ON SEQUENCE audit_events_id_seq FROM ${role}`);
      await query(`REVOKE ALL ON SCHEMA public FROM ${role}`);
      await query(`DROP ROLE ${role}`);
    }
    const [{ count }] = await query(
      `SELECT count(*)::int AS count FROM audit_events WHERE action = 'spec.app_role'`,
    );
    expect(count).toBe(1);
  });
});
