import 'reflect-metadata';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AppModule } from '../../backend/src/app.module.js';
import { loadAuthSettings } from '../../backend/src/config/auth-config.js';
import { createDataSource } from '../../backend/src/database/data-source.js';
import { DEMO_ACCOUNTS, ensureDemoAccounts } from '../../backend/src/demo-accounts.js';
import { authHeader, createUserWithToken } from '../utils/auth.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

describe('hardening: headers, limits, health, production mode, demo accounts', () => {
  let database: TestDatabase;
  const apps: INestApplication[] = [];
  let token: string;

  const startApp = async (env: Record<string, string> = {}) => {
    const app = await NestFactory.create(
      AppModule.forRoot({ dataSource: database.dataSource, authSettings: loadAuthSettings(env) }),
      { logger: false },
    );
    await app.init();
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ token } = await createUserWithToken(database.dataSource, { role: 'AUDITOR' }));
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await database.drop();
  });

  it('answers liveness and readiness without credentials', async () => {
    const app = await startApp();
    const live = await request(app.getHttpServer()).get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    const ready = await request(app.getHttpServer()).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('is not ready when its database does not answer', async () => {
    const dataSource = createDataSource({ url: database.url, timeZone: 'UTC', poolSize: 1 });
    await dataSource.initialize();
    const app = await NestFactory.create(
      AppModule.forRoot({ dataSource, authSettings: loadAuthSettings({}) }),
      { logger: false },
    );
    await app.init();
    apps.push(app);
    await dataSource.destroy();
    const ready = await request(app.getHttpServer()).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.database.status).toBe('down');
    expect((await request(app.getHttpServer()).get('/health/live')).status).toBe(200);
  });

  it('sends a Content Security Policy and the other helmet headers', async () => {
    const app = await startApp();
    const response = await request(app.getHttpServer()).get('/health/live');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests'); // the demo runs on plain http
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['strict-transport-security']).toBeUndefined();
    const graphql = await request(app.getHttpServer())
      .post('/graphql')
      .send({ query: '{ health }' });
    expect(graphql.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a request body over the limit', async () => {
    const app = await startApp();
    const response = await request(app.getHttpServer())
      .post('/graphql')
      .set(authHeader(token))
      .send({ query: '{ health }', variables: { padding: 'x'.repeat(200_000) } });
    expect(response.status).toBe(413);
  });

  it('refuses an operation deeper or costlier than the limits, before running it', async () => {
    const app = await startApp({ GRAPHQL_MAX_DEPTH: '2', GRAPHQL_MAX_COMPLEXITY: '3' });
    const post = (query: string) =>
      request(app.getHttpServer()).post('/graphql').set(authHeader(token)).send({ query });
    const deep = await post('{ monthlyConflictTrend { months { month } } }');
    expect(deep.body.errors[0].message).toBe('The query is nested 3 levels deep; the limit is 2.');
    expect(deep.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const costly = await post('{ health me { email role departments } }');
    expect(costly.body.errors[0].message).toMatch(
      /^The query asks for about 5 fields; the limit is 3/,
    );
    expect((await post('{ me { email role } }')).body.data.me.role).toBe('AUDITOR');
  });

  it('turns introspection and GraphiQL off in production, and sends HSTS', async () => {
    const development = await startApp();
    const introspect = { query: '{ __schema { queryType { name } } }' };
    expect(
      (await request(development.getHttpServer()).post('/graphql').send(introspect)).body.data,
    ).toEqual({ __schema: { queryType: { name: 'Query' } } });

    const production = await startApp({ NODE_ENV: 'production' });
    const refused = await request(production.getHttpServer()).post('/graphql').send(introspect);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors[0].message).toMatch(/introspection is not allowed/i);
    const page = await request(production.getHttpServer())
      .get('/graphql')
      .set('Accept', 'text/html');
    expect(page.text).not.toMatch(/graphiql/i);
    const live = await request(production.getHttpServer()).get('/health/live');
    expect(live.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(live.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('creates one demo account per role with one remembered password', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cg-demo-'));
    const first = await ensureDemoAccounts(database.dataSource, dataDir);
    expect(first.password).toMatch(/^demo-[\w-]{12}$/);
    expect((await readFile(path.join(dataDir, 'demo-password.txt'), 'utf8')).trim()).toBe(
      first.password,
    );
    const second = await ensureDemoAccounts(database.dataSource, dataDir);
    expect(second.password).toBe(first.password);
    const rows = await database.dataSource.query(
      `SELECT email, role, departments FROM users WHERE email LIKE '%@demo.local' ORDER BY email`,
    );
    expect(rows).toEqual(
      [...DEMO_ACCOUNTS]
        .sort((a, b) => a.email.localeCompare(b.email))
        .map(({ email, role, departments }) => ({ email, role, departments })),
    );
    const app = await startApp();
    const signIn = await request(app.getHttpServer())
      .post('/graphql')
      .send({
        query: 'mutation($input: SignInInput!) { signIn(input: $input) { role departments } }',
        variables: { input: { email: 'quality@demo.local', password: first.password } },
      });
    expect(signIn.body.data.signIn).toEqual({
      role: 'QUALITY_MANAGER',
      departments: ['Emergency', 'Surgery'],
    });
  });
});
