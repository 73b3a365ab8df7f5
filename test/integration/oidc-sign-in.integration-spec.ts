import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Provider from 'oidc-provider';
import request from 'supertest';
import { AppModule } from '../../backend/src/app.module.js';
import { loadAuthSettings } from '../../backend/src/config/auth-config.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';
import { hashSecretToken } from '../../backend/src/modules/auth/secret-token.js';

/** The app is never reached over the network here: the spec carries the callback to it. */
const APP_URL = 'http://127.0.0.1:3999';
const CALLBACK = `${APP_URL}/auth/oidc/callback`;
const CLIENT_ID = 'clinical-grounds';
const CLIENT_SECRET = 'a-client-secret-for-the-spec-only';

/** The identity provider's accounts, by login name. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'qm-1': {
    email: 'Quality.Manager@Hospital.example',
    email_verified: true,
    roles: ['staff', 'grounds-quality'],
    departments: ['Oncology', 'Emergency'],
  },
  'qm-no-departments': {
    email: 'nodept@hospital.example',
    email_verified: true,
    roles: ['QUALITY_MANAGER'],
  },
};

/** Cookies per name for the provider's origin; enough for its interaction cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Follows the provider's redirects like a browser, signing in as `login` on its login page and
 * approving its consent page, until it redirects to the app's callback; returns that URL.
 */
async function driveProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  let method: 'GET' | 'POST' = 'GET';
  let body: string | undefined;
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    jar.store(response);
    method = 'GET';
    body = undefined;
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location')!, url);
      if (next.href.startsWith(CALLBACK)) return next;
      url = next;
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${page}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (prompt === 'login') {
      body = new URLSearchParams({ prompt, login, password: 'any' }).toString();
    } else if (prompt === 'consent') {
      body = new URLSearchParams({ prompt }).toString();
    } else {
      throw new Error(`unexpected provider page: ${page.slice(0, 300)}`);
    }
    method = 'POST';
  }
  throw new Error('the provider never redirected to the callback');
}

const cookieValue = (response: request.Response, name: string): string | null => {
  const lines = (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  const line = lines.find((candidate) => candidate.startsWith(`${name}=`));
  return line ? decodeURIComponent(line.split(';')[0].slice(name.length + 1)) : null;
};

describe('OpenID Connect sign-in against a real provider', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let providerServer: http.Server;
  let authSettings: ReturnType<typeof loadAuthSettings>;

  beforeAll(async () => {
    database = await createTestDatabase();
    providerServer = http.createServer();
    await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [CALLBACK],
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        grounds: ['roles', 'departments'],
      },
      cookies: { keys: ['a-cookie-key-for-the-spec'] },
      ttl: {
        AccessToken: 600,
        AuthorizationCode: 60,
        Grant: 600,
        IdToken: 600,
        Interaction: 600,
        Session: 600,
      },
      features: { devInteractions: { enabled: true } },
      async findAccount(_context, accountId) {
        const claims = ACCOUNTS[accountId];
        if (!claims) return undefined;
        return { accountId, claims: async () => ({ sub: accountId, ...claims }) };
      },
    });
    providerServer.on('request', provider.callback());

    authSettings = loadAuthSettings({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_SCOPES: 'openid email grounds',
      OIDC_ROLE_CLAIM: 'roles',
      OIDC_DEPARTMENT_CLAIM: 'departments',
      OIDC_ROLE_MAP: 'grounds-quality=QUALITY_MANAGER',
      PUBLIC_URL: APP_URL,
    });
    app = await NestFactory.create(
      AppModule.forRoot({ dataSource: database.dataSource, authSettings }),
      { logger: false },
    );
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => providerServer?.close(resolve));
    await database.drop();
  });

  /** GET /auth/oidc/login: the provider URL and the cookie that binds the callback. */
  const startLogin = async (returnTo = '/cases') => {
    const response = await request(app.getHttpServer()).get('/auth/oidc/login').query({ returnTo });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.location);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    expect(location.searchParams.get('redirect_uri')).toBe(CALLBACK);
    return { authorizationUrl: location, pending: cookieValue(response, 'cg_oidc')! };
  };

  const callback = (url: URL, pending: string) =>
    request(app.getHttpServer())
      .get(`/auth/oidc/callback${url.search}`)
      .set('Cookie', `cg_oidc=${pending}`);

  it('signs in end to end and maps the role and department claims onto a session', async () => {
    expect(
      (
        await request(app.getHttpServer())
          .post('/graphql')
          .send({ query: '{ authConfig { oidcSignIn } }' })
      ).body.data.authConfig.oidcSignIn,
    ).toBe(true);
    const { authorizationUrl, pending } = await startLogin('/cases?level=PROBABLE');
    const back = await driveProvider(authorizationUrl.href, 'qm-1');
    const response = await callback(back, pending);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/cases?level=PROBABLE');
    const session = cookieValue(response, 'cg_session');
    expect(session).toMatch(/^cgs_/);

    const me = await request(app.getHttpServer())
      .post('/graphql')
      .set('Cookie', `cg_session=${session}`)
      .send({ query: '{ me { email role departments } }' });
    expect(me.body).toEqual({
      data: {
        me: {
          email: 'quality.manager@hospital.example',
          role: 'QUALITY_MANAGER',
          departments: ['Emergency', 'Oncology'],
        },
      },
    });
    const [user] = await database.dataSource.query(
      `SELECT oidc_subject, password_hash FROM users WHERE email = 'quality.manager@hospital.example'`,
    );
    expect(user).toEqual({ oidc_subject: 'qm-1', password_hash: null });
    const events = await database.dataSource.query(
      `SELECT action, details->>'method' AS method FROM audit_events ORDER BY id`,
    );
    expect(events).toEqual([
      { action: 'user.created', method: null },
      { action: 'auth.signed_in', method: 'oidc' },
    ]);
  });

  it('updates the same user on the next sign-in from the current claims', async () => {
    ACCOUNTS['qm-1'].departments = ['Oncology'];
    const { authorizationUrl, pending } = await startLogin();
    const response = await callback(await driveProvider(authorizationUrl.href, 'qm-1'), pending);
    expect(response.status).toBe(302);
    const users = await database.dataSource.query(
      `SELECT email, departments FROM users WHERE oidc_subject = 'qm-1'`,
    );
    expect(users).toEqual([
      { email: 'quality.manager@hospital.example', departments: ['Oncology'] },
    ]);
    const [update] = await database.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'user.updated'`,
    );
    expect(update.details.before.departments).toEqual(['Emergency', 'Oncology']);
    expect(update.details.after.departments).toEqual(['Oncology']);
  });

  it('refuses a callback whose state was changed', async () => {
    const { authorizationUrl, pending } = await startLogin();
    const back = await driveProvider(authorizationUrl.href, 'qm-1');
    back.searchParams.set('state', 'a-state-this-browser-never-sent');
    const response = await callback(back, pending);
    expect(response.status).toBe(401);
    expect(response.text).toBe(
      'The hospital sign-in could not be verified; start again from the sign-in page.\n',
    );
    expect(cookieValue(response, 'cg_session')).toBeNull();
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const { authorizationUrl, pending } = await startLogin();
    authorizationUrl.searchParams.set('nonce', 'a-nonce-from-another-sign-in');
    const response = await callback(await driveProvider(authorizationUrl.href, 'qm-1'), pending);
    expect(response.status).toBe(401);
    expect(cookieValue(response, 'cg_session')).toBeNull();
    const [failure] = await database.dataSource.query(
      `SELECT details->>'reason' AS reason FROM audit_events
       WHERE action = 'auth.sign_in_failed' ORDER BY id DESC LIMIT 1`,
    );
    expect(failure.reason).toMatch(/nonce/i);
  });

  it('refuses a PKCE challenge that does not match the verifier', async () => {
    const { authorizationUrl, pending } = await startLogin();
    authorizationUrl.searchParams.set('code_challenge', 'A'.repeat(43));
    const response = await callback(await driveProvider(authorizationUrl.href, 'qm-1'), pending);
    expect(response.status).toBe(401);
  });

  it('refuses a callback without the browser cookie, and a replayed one', async () => {
    const { authorizationUrl, pending } = await startLogin();
    const back = await driveProvider(authorizationUrl.href, 'qm-1');
    const withoutCookie = await request(app.getHttpServer()).get(
      `/auth/oidc/callback${back.search}`,
    );
    expect(withoutCookie.status).toBe(401);
    expect(withoutCookie.text).toBe(
      'This sign-in was not started here or took too long; start again from the sign-in page.\n',
    );
    expect((await callback(back, pending)).status).toBe(302);
    expect((await callback(back, pending)).status).toBe(401); // one use
  });

  it('finishes on another backend instance a sign-in started on this one (the login state is in PostgreSQL, keyed by a hash)', async () => {
    const { authorizationUrl, pending } = await startLogin('/overview');
    const stored: { id: string; return_to: string }[] = await database.dataSource.query(
      `SELECT id, return_to FROM oidc_login_states`,
    );
    expect(stored.find((row) => row.return_to === '/overview')).toBeDefined();
    expect(stored.some((row) => row.id === pending)).toBe(false); // never the cookie's value
    const back = await driveProvider(authorizationUrl.href, 'qm-1');
    const other = await NestFactory.create(
      AppModule.forRoot({ dataSource: database.dataSource, authSettings }),
      { logger: false },
    );
    await other.init();
    try {
      const response = await request(other.getHttpServer())
        .get(`/auth/oidc/callback${back.search}`)
        .set('Cookie', `cg_oidc=${pending}`);
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe('/overview');
      expect(cookieValue(response, 'cg_session')).toBeTruthy();
      // single use across instances too
      expect((await callback(back, pending)).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('refuses a login state older than its ten minutes', async () => {
    const { authorizationUrl, pending } = await startLogin();
    const key = hashSecretToken(pending);
    const expired = await database.dataSource.query(
      `UPDATE oidc_login_states SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [key],
    );
    expect(expired[1]).toBe(1);
    const response = await callback(await driveProvider(authorizationUrl.href, 'qm-1'), pending);
    expect(response.status).toBe(401);
    const [{ count }] = await database.dataSource.query(
      `SELECT count(*)::int AS count FROM oidc_login_states WHERE id = $1`,
      [key],
    );
    expect(count).toBe(0); // taken and deleted, not left behind
  });

  it('refuses a quality manager whose account names no departments', async () => {
    const { authorizationUrl, pending } = await startLogin();
    const response = await callback(
      await driveProvider(authorizationUrl.href, 'qm-no-departments'),
      pending,
    );
    expect(response.status).toBe(403);
    expect(response.text).toBe(
      'Your hospital account names no departments in its "departments" claim; ask your administrator.\n',
    );
    const [{ count }] = await database.dataSource.query(
      `SELECT count(*)::int AS count FROM users WHERE email = 'nodept@hospital.example'`,
    );
    expect(count).toBe(0);
  });

  it('only returns to paths on this site', async () => {
    const { authorizationUrl, pending } = await startLogin('//evil.example/steal');
    const response = await callback(await driveProvider(authorizationUrl.href, 'qm-1'), pending);
    expect(response.headers.location).toBe('/');
  });
});
