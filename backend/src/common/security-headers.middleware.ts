import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import helmet from 'helmet';
import type { AuthSettings } from '../config/auth-config.js';
import { AUTH_SETTINGS } from '../modules/auth/auth-settings.token.js';

type Handler = (request: unknown, response: unknown, next: (error?: unknown) => void) => void;

/**
 * helmet's headers on every response. The Content Security Policy fits the Vite-built
 * dashboard: scripts and data from this origin only; inline styles allowed (charts set style
 * attributes); no framing. Outside production GraphiQL at GET /graphql loads from unpkg, so
 * that one page goes without a CSP; in production it does not exist.
 */
@Injectable()
export class SecurityHeadersMiddleware implements NestMiddleware {
  private readonly strict: Handler;
  private readonly relaxed: Handler;
  private readonly production: boolean;

  constructor(@Inject(AUTH_SETTINGS) settings: AuthSettings) {
    this.production = settings.production;
    const formAction = ["'self'"];
    if (settings.oidc) formAction.push(new URL(settings.oidc.issuer).origin);
    this.strict = helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction,
          frameAncestors: ["'none'"],
          ...(settings.production ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // HSTS only where the site is HTTPS for good: production behind TLS
      strictTransportSecurity: settings.production,
      referrerPolicy: { policy: 'same-origin' },
    }) as Handler;
    this.relaxed = helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: false,
    }) as Handler;
  }

  use(request: { method?: string; path?: string }, response: unknown, next: () => void): void {
    const graphiql = !this.production && request.method === 'GET' && request.path === '/graphql';
    (graphiql ? this.relaxed : this.strict)(request, response, next);
  }
}
