import { Global, Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import type { AuthSettings } from '../../config/auth-config.js';
import { AuditService } from './audit/audit.service.js';
import { AUTH_SETTINGS } from './auth-settings.token.js';
import { AuthGuard } from './auth.guard.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthenticationService } from './authentication.service.js';
import { OidcController } from './oidc/oidc.controller.js';
import { OidcService } from './oidc/oidc.service.js';
import { SignInService } from './sign-in.service.js';
import { UsersResolver } from './users.resolver.js';
import { UsersService } from './users.service.js';

/**
 * Sign-in, sessions, tokens, the global roles guard and the audit trail. Global, so every
 * feature module can inject AuditService without importing this module.
 */
@Global()
@Module({})
export class AuthModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  static forSettings(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      controllers: [OidcController],
      providers: [
        OidcService,
        { provide: AUTH_SETTINGS, useValue: settings },
        AuthenticationService,
        AuditService,
        UsersService,
        SignInService,
        AuthResolver,
        UsersResolver,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_SETTINGS, AuditService, AuthenticationService, UsersService],
    };
  }

  /** TRUST_PROXY: req.secure and req.ip then follow X-Forwarded-Proto and X-Forwarded-For. */
  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance() as
      { set?: (key: string, value: unknown) => void } | undefined;
    instance?.set?.('trust proxy', this.settings.trustProxy);
  }
}
