import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthSettings } from '../../config/auth-config.js';
import { AuditService } from './audit/audit.service.js';
import { AUTH_SETTINGS } from './auth-settings.token.js';
import { AuthError } from './auth.exception.js';
import {
  INSERT_SESSION,
  RECORD_FAILED_SIGN_IN,
  RECORD_SIGN_IN,
  REVOKE_SESSION,
  returnedRows,
} from './auth.sql.js';
import { AttemptWindow } from './domain/attempt-window.js';
import { verifyPassword } from './password-hasher.js';
import type { Principal } from './principal.js';
import { generateSecretToken, hashSecretToken } from './secret-token.js';
import { UsersService, type UserRow } from './users.service.js';

/** The one answer to every failed sign-in: it never says whether the account exists. */
export const SIGN_IN_REFUSED =
  'The email or password is not right, or the account is locked or disabled; try again later or ask an administrator.';

export interface NewSession {
  readonly user: UserRow;
  /** Goes in the httpOnly cg_session cookie; only its hash is stored. */
  readonly sessionToken: string;
  /** Goes in the readable cg_csrf cookie and must come back in X-CSRF-Token. */
  readonly csrfToken: string;
  readonly principal: Principal;
}

/** Local email + password sign-in, sessions, sign-out; rate-limited and audited. */
@Injectable()
export class SignInService {
  private readonly byAddress: AttemptWindow;
  private readonly byAccount: AttemptWindow;

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {
    const windowMs = settings.signInRateWindowMinutes * 60_000;
    this.byAddress = new AttemptWindow(settings.signInRateLimit, windowMs);
    this.byAccount = new AttemptWindow(settings.signInRateLimit, windowMs);
  }

  async signIn(emailGiven: string, password: string, address: string): Promise<NewSession> {
    const email = emailGiven.trim().toLowerCase();
    if (!this.settings.localSignIn) {
      throw new AuthError('FORBIDDEN', 'Sign in with your hospital account instead.');
    }
    const now = Date.now();
    const waitAddress = this.byAddress.hit(address, now);
    const waitAccount = this.byAccount.hit(email, now);
    const waitMs = Math.max(waitAddress, waitAccount);
    if (waitMs > 0) {
      await this.failed(email, address, 'rate_limited');
      const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
      throw new AuthError(
        'UNAUTHENTICATED',
        `Too many sign-in attempts; wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
      );
    }

    const user = await this.users.findByEmail(email);
    // Verify even when there is nothing to verify against, so timing tells nothing.
    const passwordMatches = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user) return this.refuse(email, address, 'unknown_account');
    if (user.disabled) return this.refuse(email, address, 'disabled');
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      return this.refuse(email, address, 'locked');
    }
    if (!passwordMatches) {
      const [{ lockedNow }] = returnedRows<{ lockedNow: boolean }>(
        await this.dataSource.query(RECORD_FAILED_SIGN_IN, [
          user.id,
          this.settings.maxFailedSignIns,
          this.settings.lockoutMinutes,
        ]),
      );
      if (lockedNow) {
        await this.audit.record({
          actor: { name: email, kind: 'anonymous' },
          action: 'user.locked',
          objectType: 'user',
          objectId: email,
          details: { address, minutes: this.settings.lockoutMinutes },
        });
      }
      return this.refuse(email, address, user.passwordHash ? 'wrong_password' : 'no_password');
    }
    return this.startSession(user, 'password', address);
  }

  /** A session for a user already authenticated (password or OIDC). */
  async startSession(user: UserRow, method: 'password' | 'oidc', address: string) {
    const sessionToken = generateSecretToken('cgs_');
    const csrfToken = generateSecretToken('');
    const sessionId = hashSecretToken(sessionToken);
    const principal: Principal = {
      kind: 'user',
      userId: user.id,
      tokenId: null,
      email: user.email,
      role: user.role,
      departments: user.departments,
      sessionId,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.query(RECORD_SIGN_IN, [user.id]);
      await manager.query(INSERT_SESSION, [sessionId, user.id, csrfToken]);
      await this.audit.record(
        {
          principal,
          action: 'auth.signed_in',
          objectType: 'user',
          objectId: user.email,
          details: { method, address },
        },
        manager,
      );
    });
    return { user, sessionToken, csrfToken, principal };
  }

  async signOut(principal: Principal | undefined): Promise<void> {
    if (!principal?.sessionId) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(REVOKE_SESSION, [principal.sessionId]);
      await this.audit.record(
        { principal, action: 'auth.signed_out', objectType: 'user', objectId: principal.email },
        manager,
      );
    });
  }

  private async refuse(email: string, address: string, reason: string): Promise<never> {
    await this.failed(email, address, reason);
    throw new AuthError('UNAUTHENTICATED', SIGN_IN_REFUSED);
  }

  private async failed(email: string, address: string, reason: string): Promise<void> {
    await this.audit.record({
      actor: { name: email.slice(0, 320), kind: 'anonymous' },
      action: 'auth.sign_in_failed',
      objectType: 'user',
      objectId: email.slice(0, 320),
      details: { reason, address },
    });
  }
}
