import { Module } from '@nestjs/common';
import { AuditService } from '../auth/audit/audit.service.js';
import { CasesExportController } from './cases-export.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesResolver } from './cases.resolver.js';
import { AUDIT_TRAIL, CasesService } from './cases.service.js';

/** The case API: list, case, review, assignment, and the CSV export of the case list. */
@Module({
  providers: [
    CasesRepository,
    CasesService,
    CasesResolver,
    { provide: AUDIT_TRAIL, useExisting: AuditService },
  ],
  controllers: [CasesExportController],
})
export class CasesModule {}
