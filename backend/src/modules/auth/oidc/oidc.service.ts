import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';
import type { AuthSettings, OidcSettings } from '../../../config/auth-config.js';
import { AuditService } from '../audit/audit.service.js';
import { AUTH_SETTINGS } from '../auth-settings.token.js';
import { AuthError } from '../auth.exception.js';
import {
  FIND_USER_BY_EMAIL,
  FIND_USER_BY_OIDC_SUBJECT,
  INSERT_OIDC_LOGIN_STATE,
  INSERT_OIDC_USER,
  PRUNE_OIDC_LOGIN_STATES,
  returnedRows,
  TAKE_OIDC_LOGIN_STATE,
  UPDATE_OIDC_USER,
} from '../auth.sql.js';
import { mapOidcClaims, readClaim } from '../domain/map-oidc-claims.js';
import { generateSecretToken, hashSecretToken } from '../secret-token.js';
import { SignInService, type NewSession } from '../sign-in.service.js';
import type { UserRow } from '../users.service.js';

/**
 * What the login step remembers for its callback: in PostgreSQL (oidc_login_states), keyed by
 * the SHA-256 of the cookie's value, one use, ten minutes; so the callback may reach another
 * backend instance, or this one after a restart.
 */
interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly returnTo: string;
  readonly expired: boolean;
}

const PENDING_TTL_SECONDS = 10 * 60;
const MAX_PENDING = 10_000;

/** Only a path on this site: never `//host` or an absolute URL (no open redirect). */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
  if (value.includes('\\') || /[\r\n]/.test(value)) return '/';
  return value;
}

/** The library's messages down its cause chain, e.g. "... claim value: unexpected ID Token "nonce" claim value". */
function describeFailure(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    messages.push(current.message);
    current = current.cause;
  }
  return messages.join(': ') || String(error);
}

const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/**
 * OpenID Connect sign-in with the hospital's identity provider: authorization code flow with
 * PKCE (S256), state and nonce; the user is created or updated from the mapped claims.
 */
@Injectable()
export class OidcService {
  private configuration: Promise<oidc.Configuration> | null = null;
  private readonly settings: OidcSettings | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly signIn: SignInService,
    private readonly audit: AuditService,
    @Inject(AUTH_SETTINGS) authSettings: AuthSettings,
  ) {
    this.settings = authSettings.oidc;
  }

  get enabled(): boolean {
    return this.settings !== null;
  }

  /** The provider's authorization URL and the cookie value that ties the callback to it. */
  async begin(returnTo: unknown): Promise<{ url: string; pendingId: string }> {
    const settings = this.require();
    const config = await this.discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const pending = { state: oidc.randomState(), nonce: oidc.randomNonce() };
    await this.dataSource.query(PRUNE_OIDC_LOGIN_STATES, [MAX_PENDING - 1]);
    const pendingId = generateSecretToken('');
    await this.dataSource.query(INSERT_OIDC_LOGIN_STATE, [
      hashSecretToken(pendingId),
      pending.state,
      pending.nonce,
      codeVerifier,
      safeReturnPath(returnTo),
      PENDING_TTL_SECONDS,
    ]);
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUrl,
      scope: settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pendingId };
  }

  /**
   * Finishes the sign-in from the callback's query string: checks state, exchanges the code
   * with the PKCE verifier, checks the ID token (issuer, audience, nonce, signature), maps the
   * claims, upserts the user and starts a session.
   */
  async complete(
    pendingId: string | null,
    callbackQuery: string,
    address: string,
  ): Promise<{ session: NewSession; returnTo: string }> {
    const settings = this.require();
    // one use, whatever happens next: the row is deleted as it is read
    const [pending] = pendingId
      ? returnedRows<PendingSignIn>(
          await this.dataSource.query(TAKE_OIDC_LOGIN_STATE, [hashSecretToken(pendingId)]),
        )
      : [];
    if (!pending || pending.expired) {
      throw new AuthError(
        'UNAUTHENTICATED',
        'This sign-in was not started here or took too long; start again from the sign-in page.',
      );
    }
    const config = await this.discover();
    const callbackUrl = new URL(settings.redirectUrl);
    callbackUrl.search = callbackQuery;
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      const needsUserInfo =
        readClaim(claims, settings.roleClaim) === undefined ||
        readClaim(claims, settings.departmentClaim) === undefined ||
        claims.email === undefined;
      if (needsUserInfo && config.serverMetadata().userinfo_endpoint) {
        const userInfo = await oidc.fetchUserInfo(
          config,
          tokens.access_token,
          claims.sub as string,
        );
        claims = { ...userInfo, ...claims }; // the signed ID token wins over userinfo
      }
    } catch (error) {
      await this.failed(address, describeFailure(error));
      throw new AuthError(
        'UNAUTHENTICATED',
        'The hospital sign-in could not be verified; start again from the sign-in page.',
      );
    }
    const user = await this.upsertUser(claims, address);
    const session = await this.signIn.startSession(user, 'oidc', address);
    return { session, returnTo: pending.returnTo };
  }

  private async upsertUser(claims: Record<string, unknown>, address: string): Promise<UserRow> {
    const settings = this.require();
    const subject = typeof claims.sub === 'string' ? claims.sub : null;
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    if (!subject || !email || claims.email_verified === false) {
      await this.failed(address, 'no subject or verified email');
      throw new AuthError(
        'UNAUTHENTICATED',
        'Your hospital account gave no verified email address; ask your administrator.',
      );
    }
    const mapped = mapOidcClaims(claims, settings);
    if ('refused' in mapped) {
      await this.failed(address, mapped.refused, email);
      throw new AuthError('FORBIDDEN', mapped.refused);
    }
    return this.dataSource.transaction(async (manager) => {
      const bySubject: UserRow[] = await manager.query(FIND_USER_BY_OIDC_SUBJECT, [
        settings.issuer,
        subject,
      ]);
      const byEmail: UserRow[] = bySubject.length
        ? []
        : await manager.query(FIND_USER_BY_EMAIL, [email]);
      const existing = bySubject[0] ?? byEmail[0] ?? null;
      const actor = { name: email, kind: 'system' as const };
      if (existing && existing.oidcSubject && existing.oidcSubject !== subject) {
        throw new AuthError(
          'FORBIDDEN',
          'Another hospital account already uses this email here; ask your administrator.',
        );
      }
      if (existing?.disabled) {
        throw new AuthError('FORBIDDEN', 'This account is disabled; ask your administrator.');
      }
      if (!existing) {
        const [created]: UserRow[] = await manager.query(INSERT_OIDC_USER, [
          email,
          mapped.role,
          mapped.departments,
          settings.issuer,
          subject,
        ]);
        await this.audit.record(
          {
            actor,
            action: 'user.created',
            objectType: 'user',
            objectId: email,
            details: { via: 'oidc', after: { role: mapped.role, departments: mapped.departments } },
          },
          manager,
        );
        return created;
      }
      const [updated] = returnedRows<UserRow>(
        await manager.query(UPDATE_OIDC_USER, [
          existing.id,
          settings.issuer,
          subject,
          mapped.role,
          mapped.departments,
          email,
        ]),
      );
      const before = {
        role: existing.role,
        departments: existing.departments,
        email: existing.email,
      };
      const after = { role: updated.role, departments: updated.departments, email: updated.email };
      if (JSON.stringify(before) !== JSON.stringify(after) || !existing.oidcSubject) {
        await this.audit.record(
          {
            actor,
            action: 'user.updated',
            objectType: 'user',
            objectId: email,
            details: { via: 'oidc', before, after },
          },
          manager,
        );
      }
      return updated;
    });
  }

  private async failed(address: string, reason: string, email?: string): Promise<void> {
    await this.audit.record({
      actor: { name: email ?? 'unknown', kind: 'anonymous' },
      action: 'auth.sign_in_failed',
      objectType: 'user',
      objectId: email ?? null,
      details: { method: 'oidc', reason: reason.slice(0, 200), address },
    });
  }

  private discover(): Promise<oidc.Configuration> {
    const settings = this.require();
    if (!this.configuration) {
      const issuer = new URL(settings.issuer);
      this.configuration = oidc
        .discovery(
          issuer,
          settings.clientId,
          settings.clientSecret ?? undefined,
          settings.clientSecret ? undefined : oidc.None(),
          // plain http only for a provider on this machine (development and the spec)
          issuer.protocol === 'http:' && isLoopback(issuer)
            ? { execute: [oidc.allowInsecureRequests], timeout: 10 }
            : { timeout: 10 },
        )
        .catch((error: unknown) => {
          this.configuration = null;
          throw new AuthError(
            'UNAUTHENTICATED',
            `The hospital sign-in service at ${settings.issuer} does not answer (${(error as Error).message}); try again later.`,
          );
        });
    }
    return this.configuration;
  }

  private require(): OidcSettings {
    if (!this.settings) {
      throw new AuthError('NOT_FOUND', 'Sign-in with a hospital account is not configured.');
    }
    return this.settings;
  }
}
