import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AuthSettings } from '../../config/auth-config.js';
import { AuditService } from './audit/audit.service.js';
import { AUTH_SETTINGS } from './auth-settings.token.js';
import { AuthGuard } from './auth.guard.js';
import { AuthenticationService } from './authentication.service.js';

/**
 * Sign-in, sessions, tokens, the global roles guard and the audit trail. Global, so every
 * feature module can inject AuditService without importing this module.
 */
@Global()
@Module({})
export class AuthModule {
  static forSettings(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: AUTH_SETTINGS, useValue: settings },
        AuthenticationService,
        AuditService,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_SETTINGS, AuditService, AuthenticationService],
    };
  }
}
