import 'reflect-metadata';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import request from 'supertest';
import { AppModule } from '../../backend/src/app.module.js';
import { loadAuthSettings } from '../../backend/src/config/auth-config.js';
import { DatabaseModule } from '../../backend/src/database/database.module.js';
import { AuditService } from '../../backend/src/modules/auth/audit/audit.service.js';
import { AuthModule } from '../../backend/src/modules/auth/auth.module.js';
import { Public, Roles } from '../../backend/src/modules/auth/principal.js';
import { hashSecretToken } from '../../backend/src/modules/auth/secret-token.js';
import { authHeader, createUserWithToken } from '../utils/auth.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

const VOLUME = '{ monthlyOrderVolume { month } }';

@Resolver()
class ProbeResolver {
  @Query(() => String)
  undeclared(): string {
    return 'reached';
  }

  @Roles('ADMIN')
  @Query(() => String)
  adminOnly(): string {
    return 'admin';
  }

  @Public()
  @Query(() => String)
  open(): string {
    return 'open';
  }
}

describe('the global auth guard', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let probe: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    const authSettings = loadAuthSettings({});
    app = await NestFactory.create(
      AppModule.forRoot({ dataSource: database.dataSource, authSettings }),
      { logger: false },
    );
    await app.init();

    @Module({
      imports: [
        DatabaseModule.forDataSource(database.dataSource),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
        }),
        AuthModule.forSettings(authSettings),
      ],
      providers: [ProbeResolver],
    })
    class ProbeModule {}
    probe = await NestFactory.create(ProbeModule, { logger: false });
    await probe.init();
  });

  afterAll(async () => {
    await app?.close();
    await probe?.close();
    await database.drop();
  });

  const graphql = (target: INestApplication, query: string, headers: Record<string, string> = {}) =>
    request(target.getHttpServer()).post('/graphql').set(headers).send({ query });

  it('answers health without credentials and refuses everything else with UNAUTHENTICATED', async () => {
    expect((await graphql(app, '{ health }')).body).toEqual({ data: { health: 'ok' } });
    const refused = await graphql(app, VOLUME);
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.body.errors[0].message).toBe('Sign in to use this.');
  });

  it('lets every role read the aggregates with a bearer token', async () => {
    for (const role of ['ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR'] as const) {
      const { token } = await createUserWithToken(database.dataSource, { role });
      const response = await graphql(app, VOLUME, authHeader(token));
      expect(response.body).toEqual({ data: { monthlyOrderVolume: [] } });
    }
  });

  it('refuses an unknown, a revoked, and a disabled user’s token', async () => {
    const unknown = await graphql(app, VOLUME, authHeader('cg_not-a-token'));
    expect(unknown.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(unknown.body.errors[0].message).toBe('The API token is not valid or was revoked.');

    const revoked = await createUserWithToken(database.dataSource, { role: 'ADMIN' });
    await database.dataSource.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [
      revoked.tokenId,
    ]);
    const afterRevoke = await graphql(app, VOLUME, authHeader(revoked.token));
    expect(afterRevoke.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const disabled = await createUserWithToken(database.dataSource, { role: 'ADMIN' });
    await database.dataSource.query('UPDATE users SET disabled = true WHERE id = $1', [
      disabled.userId,
    ]);
    const afterDisable = await graphql(app, VOLUME, authHeader(disabled.token));
    expect(afterDisable.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(afterDisable.body.errors[0].message).toBe('This account is disabled.');
  });

  it('records when a token was last used', async () => {
    const user = await createUserWithToken(database.dataSource, { role: 'AUDITOR' });
    await graphql(app, VOLUME, authHeader(user.token));
    const [row] = await database.dataSource.query(
      'SELECT last_used_at FROM api_tokens WHERE id = $1',
      [user.tokenId],
    );
    expect(row.last_used_at).toBeInstanceOf(Date);
  });

  it('denies by default: a resolver without @Roles is refused to every role, even ADMIN', async () => {
    const admin = await createUserWithToken(database.dataSource, { role: 'ADMIN' });
    const committee = await createUserWithToken(database.dataSource, { role: 'COMMITTEE' });
    const undeclared = await graphql(probe, '{ undeclared }', authHeader(admin.token));
    expect(undeclared.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(undeclared.body.errors[0].message).toBe('Your role does not allow this.');
    expect((await graphql(probe, '{ adminOnly }', authHeader(admin.token))).body.data).toEqual({
      adminOnly: 'admin',
    });
    const wrongRole = await graphql(probe, '{ adminOnly }', authHeader(committee.token));
    expect(wrongRole.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await graphql(probe, '{ open }')).body.data).toEqual({ open: 'open' });
    expect((await graphql(probe, '{ undeclared }')).body.errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('authenticates a live session cookie and refuses a revoked or idle one', async () => {
    const user = await createUserWithToken(database.dataSource, {
      role: 'QUALITY_MANAGER',
      departments: ['Emergency'],
    });
    const cookieToken = 'cgs_test-session-token';
    await database.dataSource.query(
      `INSERT INTO sessions (id, user_id, csrf_token) VALUES ($1, $2, 'csrf')`,
      [hashSecretToken(cookieToken), user.userId],
    );
    const cookie = { Cookie: `other=1; cg_session=${cookieToken}` };
    expect((await graphql(app, VOLUME, cookie)).body).toEqual({ data: { monthlyOrderVolume: [] } });

    await database.dataSource.query(
      `UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`,
      [hashSecretToken(cookieToken)],
    );
    const idle = await graphql(app, VOLUME, cookie);
    expect(idle.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(idle.body.errors[0].message).toBe('Your session has ended; sign in again.');

    const revokedToken = 'cgs_revoked-session-token';
    await database.dataSource.query(
      `INSERT INTO sessions (id, user_id, csrf_token, revoked_at) VALUES ($1, $2, 'c', now())`,
      [hashSecretToken(revokedToken), user.userId],
    );
    const revoked = await graphql(app, VOLUME, { Cookie: `cg_session=${revokedToken}` });
    expect(revoked.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  describe('the audit trail', () => {
    it('takes inserts and refuses UPDATE, DELETE and TRUNCATE, even from its owner', async () => {
      const audit = new AuditService(database.dataSource);
      const { id } = await audit.record({
        actor: { name: 'spec', kind: 'system' },
        action: 'spec.checked',
        objectType: 'spec',
        objectId: '1',
        details: { before: { a: 1 }, after: { a: 2 } },
      });
      const [row] = await database.dataSource.query(
        `SELECT actor, actor_kind, action, details, occurred_at,
                (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_events') = current_user
                  AS "ownedByMe"
         FROM audit_events WHERE id = $1`,
        [id],
      );
      expect(row).toMatchObject({
        actor: 'spec',
        actor_kind: 'system',
        action: 'spec.checked',
        details: { before: { a: 1 }, after: { a: 2 } },
        ownedByMe: true,
      });
      for (const statement of [
        `UPDATE audit_events SET actor = 'someone else'`,
        `UPDATE audit_events SET actor = 'x' WHERE false`,
        `DELETE FROM audit_events`,
        `TRUNCATE audit_events`,
      ]) {
        await expect(database.dataSource.query(statement)).rejects.toThrow(
          /audit_events is append-only/,
        );
      }
      const [{ count }] = await database.dataSource.query(
        'SELECT count(*)::int AS count FROM audit_events WHERE id = $1',
        [id],
      );
      expect(count).toBe(1);
    });
  });
});
