import { Module } from '@nestjs/common';
import { AuditService } from './audit/audit.service.js';
import { UsersService } from './users.service.js';

/**
 * Accounts, API tokens and the audit trail without the HTTP sign-in (the command line's
 * `user` commands and audited reads). The server gets the same services from AuthModule.
 */
@Module({ providers: [AuditService, UsersService], exports: [AuditService, UsersService] })
export class AccountsModule {}
