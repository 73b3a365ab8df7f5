import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthSettings } from '../../config/auth-config.js';
import { AUTH_SETTINGS } from './auth-settings.token.js';
import { AUTHENTICATE_SESSION, AUTHENTICATE_TOKEN } from './auth.sql.js';
import type { Principal, Role } from './principal.js';
import {
  bearerToken,
  readCookie,
  SESSION_COOKIE,
  type HttpRequestLike,
} from './request-credentials.js';
import { hashSecretToken } from './secret-token.js';

/** What a request proved about itself. */
export type Authentication =
  | { readonly status: 'anonymous' }
  /** Credentials were sent but are unknown, revoked, expired or belong to a disabled user. */
  | { readonly status: 'invalid'; readonly reason: string }
  | {
      readonly status: 'authenticated';
      readonly principal: Principal;
      /** The session's CSRF token (cookie sessions only). */
      readonly csrfToken: string | null;
    };

interface PrincipalRow {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  readonly departments: string[] | null;
  readonly disabled: boolean;
}

/** Turns a request's bearer token or session cookie into a Principal. */
@Injectable()
export class AuthenticationService {
  private readonly cache = new WeakMap<object, Promise<Authentication>>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /** Once per request: GraphQL runs the guard for every root field of a document. */
  authenticate(request: HttpRequestLike): Promise<Authentication> {
    let result = this.cache.get(request);
    if (!result) {
      result = this.resolve(request);
      this.cache.set(request, result);
    }
    return result;
  }

  private async resolve(request: HttpRequestLike): Promise<Authentication> {
    const token = bearerToken(request);
    if (token) return this.byToken(token);
    const sessionToken = readCookie(request, SESSION_COOKIE);
    if (sessionToken) return this.bySession(sessionToken);
    return { status: 'anonymous' };
  }

  private async byToken(token: string): Promise<Authentication> {
    const rows: (PrincipalRow & { tokenId: string })[] = await this.dataSource.query(
      AUTHENTICATE_TOKEN,
      [hashSecretToken(token)],
    );
    const row = rows[0];
    if (!row) return { status: 'invalid', reason: 'The API token is not valid or was revoked.' };
    if (row.disabled) return { status: 'invalid', reason: 'This account is disabled.' };
    return {
      status: 'authenticated',
      csrfToken: null,
      principal: {
        kind: 'token',
        userId: row.userId,
        tokenId: row.tokenId,
        email: row.email,
        role: row.role,
        departments: row.departments,
        sessionId: null,
      },
    };
  }

  private async bySession(sessionToken: string): Promise<Authentication> {
    const rows: (PrincipalRow & { sessionId: string; csrfToken: string })[] =
      await this.dataSource.query(AUTHENTICATE_SESSION, [
        hashSecretToken(sessionToken),
        this.settings.sessionIdleMinutes,
        this.settings.sessionAbsoluteHours,
      ]);
    const row = rows[0];
    if (!row || row.disabled) {
      return { status: 'invalid', reason: 'Your session has ended; sign in again.' };
    }
    return {
      status: 'authenticated',
      csrfToken: row.csrfToken,
      principal: {
        kind: 'user',
        userId: row.userId,
        tokenId: null,
        email: row.email,
        role: row.role,
        departments: row.departments,
        sessionId: row.sessionId,
      },
    };
  }
}
