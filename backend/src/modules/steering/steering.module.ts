import { Module } from '@nestjs/common';
import { CaseEvidenceService } from './case-evidence.service.js';

/** One order's evidence read back; the analysis itself runs through the pipeline module. */
@Module({
  providers: [CaseEvidenceService],
  exports: [CaseEvidenceService],
})
export class SteeringModule {}
