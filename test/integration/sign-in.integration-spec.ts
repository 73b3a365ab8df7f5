import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AppModule } from '../../backend/src/app.module.js';
import { loadAuthSettings } from '../../backend/src/config/auth-config.js';
import { cliPrincipal } from '../../backend/src/modules/auth/audit/audit.service.js';
import { SIGN_IN_REFUSED } from '../../backend/src/modules/auth/sign-in.service.js';
import { UsersService } from '../../backend/src/modules/auth/users.service.js';
import { authHeader, createUserWithToken } from '../utils/auth.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

const PASSWORD = 'a long enough passphrase';
const SIGN_IN = `mutation SignIn($input: SignInInput!) {
  signIn(input: $input) { email role departments visibleDepartments }
}`;
const ME = '{ me { email role departments } }';
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { email role } }`;

/** name -> { value, attributes } from Set-Cookie headers. */
function cookiesOf(response: request.Response) {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookies = new Map<string, { value: string; attributes: string[] }>();
  for (const line of header ?? []) {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const index = pair.indexOf('=');
    cookies.set(pair.slice(0, index), {
      value: decodeURIComponent(pair.slice(index + 1)),
      attributes: attributes.map((attribute) => attribute.toLowerCase()),
    });
  }
  return cookies;
}

describe('local sign-in, sessions and CSRF', () => {
  let database: TestDatabase;
  const apps: INestApplication[] = [];

  const startApp = async (env: Record<string, string> = {}) => {
    const app = await NestFactory.create(
      AppModule.forRoot({ dataSource: database.dataSource, authSettings: loadAuthSettings(env) }),
      { logger: false },
    );
    await app.init();
    apps.push(app);
    return app;
  };

  const graphql = (
    app: INestApplication,
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => request(app.getHttpServer()).post('/graphql').set(headers).send({ query, variables });

  const addUser = (email: string, role = 'ADMIN', departments: string[] | null = null) =>
    new UsersService(database.dataSource).create(
      { email, role, departments, password: PASSWORD },
      cliPrincipal(),
    );

  const signIn = (app: INestApplication, email: string, password = PASSWORD, headers = {}) =>
    graphql(app, SIGN_IN, { input: { email, password } }, headers);

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.dataSource.query(
      `INSERT INTO departments (name) VALUES ('Emergency'), ('Oncology'), ('Surgery')`,
    );
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await database.drop();
  });

  it('signs in with the password, sets the two cookies and answers me from the session', async () => {
    const app = await startApp();
    await addUser('QM.Emergency@Example.org', 'QUALITY_MANAGER', ['Emergency']);
    const response = await signIn(app, 'qm.emergency@example.org');
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.signIn).toEqual({
      email: 'qm.emergency@example.org',
      role: 'QUALITY_MANAGER',
      departments: ['Emergency'],
      visibleDepartments: ['Emergency'],
    });
    const cookies = cookiesOf(response);
    const session = cookies.get('cg_session')!;
    const csrf = cookies.get('cg_csrf')!;
    expect(session.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']),
    );
    expect(session.attributes).not.toContain('secure'); // plain HTTP, no trusted proxy
    expect(csrf.attributes).not.toContain('httponly');
    expect(csrf.value).toMatch(/^[\w-]{43}$/);

    const me = await graphql(app, ME, {}, { Cookie: `cg_session=${session.value}` });
    expect(me.body.data.me).toEqual({
      email: 'qm.emergency@example.org',
      role: 'QUALITY_MANAGER',
      departments: ['Emergency'],
    });
    const [stored] = await database.dataSource.query(
      `SELECT s.id, s.csrf_token, u.last_sign_in_at FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE u.email = 'qm.emergency@example.org'`,
    );
    expect(stored.id).not.toBe(session.value); // only the hash is kept
    expect(stored.id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.csrf_token).toBe(csrf.value);
    expect(stored.last_sign_in_at).toBeInstanceOf(Date);
  });

  it('lists every department for a site-wide account', async () => {
    const app = await startApp();
    await addUser('committee@example.org', 'COMMITTEE');
    const response = await signIn(app, 'committee@example.org');
    expect(response.body.data.signIn.departments).toBeNull();
    expect(response.body.data.signIn.visibleDepartments).toEqual([
      'Emergency',
      'Oncology',
      'Surgery',
    ]);
  });

  it('gives one message for a wrong password and an unknown account, and audits both', async () => {
    const app = await startApp();
    await addUser('careful@example.org');
    const wrong = await signIn(app, 'careful@example.org', 'not the password at all');
    const unknown = await signIn(app, 'nobody@example.org', 'not the password at all');
    for (const response of [wrong, unknown]) {
      expect(response.body.data).toBeNull();
      expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(response.body.errors[0].message).toBe(SIGN_IN_REFUSED);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const events = await database.dataSource.query(
      `SELECT actor, details->>'reason' AS reason FROM audit_events
       WHERE action = 'auth.sign_in_failed' AND actor IN ('careful@example.org', 'nobody@example.org')
       ORDER BY id`,
    );
    expect(events).toEqual([
      { actor: 'careful@example.org', reason: 'wrong_password' },
      { actor: 'nobody@example.org', reason: 'unknown_account' },
    ]);
  });

  it('refuses a cookie-authenticated mutation without the CSRF header; bearer needs none', async () => {
    const app = await startApp();
    await addUser('admin.csrf@example.org');
    const response = await signIn(app, 'admin.csrf@example.org');
    const cookies = cookiesOf(response);
    const cookie = `cg_session=${cookies.get('cg_session')!.value}`;
    const input = { input: { email: 'new.one@example.org', role: 'AUDITOR' } };

    const missing = await graphql(app, CREATE_USER, input, { Cookie: cookie });
    expect(missing.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(missing.body.errors[0].message).toBe(
      'The request lacks a valid X-CSRF-Token header; reload the page and try again.',
    );
    const forged = await graphql(app, CREATE_USER, input, {
      Cookie: cookie,
      'X-CSRF-Token': 'guessed',
    });
    expect(forged.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const [{ count }] = await database.dataSource.query(
      `SELECT count(*)::int AS count FROM users WHERE email = 'new.one@example.org'`,
    );
    expect(count).toBe(0);

    const allowed = await graphql(app, CREATE_USER, input, {
      Cookie: cookie,
      'X-CSRF-Token': cookies.get('cg_csrf')!.value,
    });
    expect(allowed.body).toEqual({
      data: { createUser: { email: 'new.one@example.org', role: 'AUDITOR' } },
    });

    const admin = await createUserWithToken(database.dataSource, { role: 'ADMIN' });
    const byToken = await graphql(
      app,
      CREATE_USER,
      { input: { email: 'by.token@example.org', role: 'COMMITTEE' } },
      authHeader(admin.token),
    );
    expect(byToken.body.data.createUser.email).toBe('by.token@example.org');
  });

  it('signs out: the session is revoked server-side and the cookies are cleared', async () => {
    const app = await startApp();
    await addUser('leaving@example.org', 'AUDITOR');
    const cookies = cookiesOf(await signIn(app, 'leaving@example.org'));
    const headers = {
      Cookie: `cg_session=${cookies.get('cg_session')!.value}`,
      'X-CSRF-Token': cookies.get('cg_csrf')!.value,
    };
    const out = await graphql(app, 'mutation { signOut }', {}, headers);
    expect(out.body).toEqual({ data: { signOut: true } });
    expect(cookiesOf(out).get('cg_session')!.value).toBe('');
    const after = await graphql(app, ME, {}, headers); // the old cookie, replayed
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const [event] = await database.dataSource.query(
      `SELECT actor_kind FROM audit_events WHERE action = 'auth.signed_out' AND actor = 'leaving@example.org'`,
    );
    expect(event).toEqual({ actor_kind: 'user' });
  });

  it('ends a session after the absolute timeout even when it is in use', async () => {
    const app = await startApp({ SESSION_ABSOLUTE_HOURS: '2' });
    await addUser('long.day@example.org', 'AUDITOR');
    const cookie = `cg_session=${cookiesOf(await signIn(app, 'long.day@example.org')).get('cg_session')!.value}`;
    await database.dataSource.query(
      `UPDATE sessions SET created_at = now() - interval '121 minutes'
       WHERE user_id = (SELECT id FROM users WHERE email = 'long.day@example.org')`,
    );
    const response = await graphql(app, ME, {}, { Cookie: cookie });
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('marks cookies Secure behind a trusted TLS proxy, and only then', async () => {
    const trusting = await startApp({ TRUST_PROXY: '1' });
    const untrusting = await startApp();
    await addUser('proxied@example.org', 'AUDITOR');
    const https = { 'X-Forwarded-Proto': 'https' };
    const behindProxy = cookiesOf(await signIn(trusting, 'proxied@example.org', PASSWORD, https));
    expect(behindProxy.get('cg_session')!.attributes).toContain('secure');
    expect(behindProxy.get('cg_csrf')!.attributes).toContain('secure');
    const spoofed = cookiesOf(await signIn(untrusting, 'proxied@example.org', PASSWORD, https));
    expect(spoofed.get('cg_session')!.attributes).not.toContain('secure');
  });

  it('locks an account after repeated failures, audits it, and refuses even the right password', async () => {
    const app = await startApp({ SIGNIN_MAX_FAILURES: '3', SIGNIN_LOCKOUT_MINUTES: '10' });
    await addUser('target@example.org', 'AUDITOR');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await signIn(app, 'target@example.org', `wrong guess number ${attempt}`);
    }
    const [user] = await database.dataSource.query(
      `SELECT locked_until > now() + interval '9 minutes' AS locked FROM users WHERE email = 'target@example.org'`,
    );
    expect(user.locked).toBe(true);
    const right = await signIn(app, 'target@example.org');
    expect(right.body.errors[0].message).toBe(SIGN_IN_REFUSED);
    const [locked] = await database.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_events WHERE action = 'user.locked' AND object_id = 'target@example.org'`,
    );
    expect(locked.count).toBe(1);

    await database.dataSource.query(
      `UPDATE users SET locked_until = now() - interval '1 second' WHERE email = 'target@example.org'`,
    );
    const afterLock = await signIn(app, 'target@example.org');
    expect(afterLock.body.data.signIn.email).toBe('target@example.org');
  });

  it('rate-limits attempts per address, whether or not the account exists', async () => {
    const app = await startApp({ SIGNIN_RATE_LIMIT: '3', SIGNIN_RATE_WINDOW_MINUTES: '5' });
    await addUser('busy@example.org', 'AUDITOR');
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
      const response = await signIn(app, email, 'some wrong password');
      expect(response.body.errors[0].message).toBe(SIGN_IN_REFUSED);
    }
    const limited = await signIn(app, 'busy@example.org'); // right password, fourth attempt
    expect(limited.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(limited.body.errors[0].message).toBe(
      'Too many sign-in attempts; wait 5 minutes and try again.',
    );
    const [event] = await database.dataSource.query(
      `SELECT details->>'reason' AS reason FROM audit_events
       WHERE action = 'auth.sign_in_failed' AND actor = 'busy@example.org'`,
    );
    expect(event.reason).toBe('rate_limited');
  });

  it('rate-limits attempts per account across addresses', async () => {
    const app = await startApp({
      SIGNIN_RATE_LIMIT: '2',
      SIGNIN_RATE_WINDOW_MINUTES: '5',
      TRUST_PROXY: 'true',
    });
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    await signIn(app, 'spread@example.org', 'wrong password one', from('10.0.0.1'));
    await signIn(app, 'spread@example.org', 'wrong password two', from('10.0.0.2'));
    const third = await signIn(app, 'spread@example.org', 'wrong password 3', from('10.0.0.3'));
    expect(third.body.errors[0].message).toMatch(/^Too many sign-in attempts/);
    const other = await signIn(app, 'other@example.org', 'wrong password 4', from('10.0.0.3'));
    expect(other.body.errors[0].message).toBe(SIGN_IN_REFUSED);
  });

  it('enforces the password policy when an account is created', async () => {
    const users = new UsersService(database.dataSource);
    await expect(
      users.create(
        { email: 'short@example.org', role: 'ADMIN', password: 'short' },
        cliPrincipal(),
      ),
    ).rejects.toThrow('The password must be at least 12 characters long.');
    await expect(
      users.create(
        { email: 'same.as.mail@example.org', role: 'ADMIN', password: 'same.as.mail@example.org' },
        cliPrincipal(),
      ),
    ).rejects.toThrow('The password must not be the email address.');
  });

  it('exposes which sign-in methods exist without credentials', async () => {
    const app = await startApp();
    const response = await graphql(app, '{ authConfig { localSignIn oidcSignIn } }');
    expect(response.body).toEqual({
      data: { authConfig: { localSignIn: true, oidcSignIn: false } },
    });
  });
});
