import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AFTER_ANALYSIS_STEPS,
  DEFAULT_AFTER_ANALYSIS_STEPS,
  type AfterAnalysisStep,
} from './after-analysis.js';
import { PipelineService } from './pipeline.service.js';

/**
 * The data path above the modules (see PipelineService). A module that keeps something derived
 * from the assessments registers an AfterAnalysisStep in DEFAULT_AFTER_ANALYSIS_STEPS, so the
 * command line, which builds its pipeline without Nest, runs it too.
 */
@Module({
  providers: [
    { provide: AFTER_ANALYSIS_STEPS, useValue: DEFAULT_AFTER_ANALYSIS_STEPS },
    {
      provide: PipelineService,
      inject: [DataSource, AFTER_ANALYSIS_STEPS],
      useFactory: (dataSource: DataSource, afterAnalysis: readonly AfterAnalysisStep[]) =>
        new PipelineService(dataSource, { afterAnalysis }),
    },
  ],
  exports: [PipelineService],
})
export class PipelineModule {}
