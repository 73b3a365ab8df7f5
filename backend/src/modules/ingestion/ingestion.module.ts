import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostgresSourceService } from './adapters/postgres/postgres-source.service.js';
import { ImportRunsRepository } from './import-runs.repository.js';
import { ImportRunsService } from './import-runs.service.js';
import { ImportService } from './import.service.js';

/**
 * Loading: the CSV, FHIR, RDSR and PostgreSQL imports (each followed by the analysis of the
 * patients it touched), and what a run rejected, read back.
 */
@Module({
  providers: [
    ImportRunsRepository,
    ImportRunsService,
    // built by hand with their default after-load hook: their constructors belong to the
    // pipeline's rework
    {
      provide: ImportService,
      useFactory: (dataSource: DataSource) => new ImportService(dataSource),
      inject: [DataSource],
    },
    {
      provide: PostgresSourceService,
      useFactory: (dataSource: DataSource) => new PostgresSourceService(dataSource),
      inject: [DataSource],
    },
  ],
  exports: [ImportService, PostgresSourceService, ImportRunsService],
})
export class IngestionModule {}
