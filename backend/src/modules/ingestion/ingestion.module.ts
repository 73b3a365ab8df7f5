import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostgresSourceService } from './adapters/postgres/postgres-source.service.js';
import { ImportRunsRepository } from './import-runs.repository.js';
import { ImportRunsService } from './import-runs.service.js';

/**
 * Loading's read side for the commands: what a run rejected, read back, and the PostgreSQL
 * source adapter. The loads themselves go through the pipeline (PipelineService), which builds
 * ImportService with the dose and assessment steps.
 */
@Module({
  providers: [
    ImportRunsRepository,
    ImportRunsService,
    {
      provide: PostgresSourceService,
      useFactory: (dataSource: DataSource) => new PostgresSourceService(dataSource),
      inject: [DataSource],
    },
  ],
  exports: [PostgresSourceService, ImportRunsService],
})
export class IngestionModule {}
