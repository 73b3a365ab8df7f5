import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnalysisService } from './analysis.service.js';
import { CaseEvidenceService } from './case-evidence.service.js';

/** The analysis (assess orders, clinician patterns) and one order's evidence read back. */
@Module({
  providers: [
    CaseEvidenceService,
    // built by hand: its constructor belongs to the pipeline's rework
    {
      provide: AnalysisService,
      useFactory: (dataSource: DataSource) => new AnalysisService(dataSource),
      inject: [DataSource],
    },
  ],
  exports: [CaseEvidenceService, AnalysisService],
})
export class SteeringModule {}
