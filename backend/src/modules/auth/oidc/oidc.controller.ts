import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { AuthSettings } from '../../../config/auth-config.js';
import { AUTH_SETTINGS } from '../auth-settings.token.js';
import { httpStatusOf } from '../../../common/error-mapping.js';
import { AuthError } from '../auth.exception.js';
import { Public } from '../principal.js';
import {
  readCookie,
  setSessionCookies,
  type HttpRequestLike,
  type HttpResponseLike,
} from '../request-credentials.js';
import { OidcService } from './oidc.service.js';

/** Ties the provider's callback to the browser that started the sign-in (httpOnly, 10 min). */
export const OIDC_PENDING_COOKIE = 'cg_oidc';

interface OidcRequest extends HttpRequestLike {
  readonly query: Record<string, unknown>;
  readonly originalUrl: string;
}

interface OidcResponse extends HttpResponseLike {
  status(code: number): OidcResponse;
  type(type: string): OidcResponse;
  send(body: string): unknown;
}

/** GET /auth/oidc/login and /auth/oidc/callback: the browser's side of the OIDC code flow. */
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  @Public()
  @Get('login')
  async login(@Req() request: OidcRequest, @Res() response: OidcResponse): Promise<void> {
    try {
      const { url, pendingId } = await this.oidc.begin(request.query.returnTo);
      response.cookie(OIDC_PENDING_COOKIE, pendingId, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.secure === true,
        path: '/auth/oidc',
        maxAge: 10 * 60_000,
      });
      response.redirect(302, url);
    } catch (error) {
      this.fail(response, error);
    }
  }

  @Public()
  @Get('callback')
  async callback(@Req() request: OidcRequest, @Res() response: OidcResponse): Promise<void> {
    response.clearCookie(OIDC_PENDING_COOKIE, { path: '/auth/oidc' });
    try {
      const queryIndex = request.originalUrl.indexOf('?');
      const { session, returnTo } = await this.oidc.complete(
        readCookie(request, OIDC_PENDING_COOKIE),
        queryIndex < 0 ? '' : request.originalUrl.slice(queryIndex),
        (request as { ip?: string }).ip ?? 'unknown',
      );
      setSessionCookies(request, response, session, this.settings.sessionAbsoluteHours * 3_600_000);
      response.redirect(302, returnTo);
    } catch (error) {
      this.fail(response, error);
    }
  }

  private fail(response: OidcResponse, error: unknown): void {
    if (!(error instanceof AuthError)) throw error;
    response
      .status(httpStatusOf(error))
      .type('text/plain; charset=utf-8')
      .send(`${error.message}\n`);
  }
}
