import { Module, type DynamicModule } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { AccountsModule } from '../modules/auth/accounts.module.js';
import { EvaluationModule } from '../modules/evaluation/evaluation.module.js';
import { ExportModule } from '../modules/export/export.module.js';
import { IngestionModule } from '../modules/ingestion/ingestion.module.js';
import { PipelineModule } from '../modules/pipeline/pipeline.module.js';
import { ReferenceModule } from '../modules/reference/reference.module.js';
import { SettingsModule } from '../modules/settings/settings.module.js';
import { SteeringModule } from '../modules/steering/steering.module.js';

/**
 * The feature modules the commands use, over the opened database: commands get their services
 * from this application context (cli-context.ts) and never run SQL themselves.
 */
@Module({})
export class CliModule {
  static forDataSource(
    dataSource: Parameters<typeof DatabaseModule.forDataSource>[0],
  ): DynamicModule {
    return {
      module: CliModule,
      imports: [
        DatabaseModule.forDataSource(dataSource),
        AccountsModule,
        ReferenceModule,
        SettingsModule,
        IngestionModule,
        SteeringModule,
        PipelineModule,
        ExportModule,
        EvaluationModule,
      ],
    };
  }
}
