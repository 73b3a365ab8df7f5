import { Module } from '@nestjs/common';
import { CasesExportController } from './cases-export.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesResolver } from './cases.resolver.js';
import { CasesService } from './cases.service.js';

/** The case API: list, case, review, assignment, and the CSV export of the case list. */
@Module({
  providers: [CasesRepository, CasesService, CasesResolver],
  controllers: [CasesExportController],
})
export class CasesModule {}
