import type { Command } from 'commander';
import { cliPrincipal } from '../modules/auth/audit/audit.service.js';
import { loadConfig } from '../config/app-config.js';
import { PipelineService } from '../modules/pipeline/pipeline.service.js';
import { CliError, withDatabase } from './cli-context.js';
import { printRunRejections, printSummaryLine } from './print-import-summary.js';

/** `grounds import postgres [--source NAME] [--full]`: SOURCE_DATABASE_URL through SOURCE_MAPPING. */
export function registerImportPostgresCommand(importCommand: Command): void {
  importCommand
    .command('postgres')
    .description(
      'Import new and changed rows from the PostgreSQL source (SOURCE_DATABASE_URL, SOURCE_MAPPING)',
    )
    .option('--source <name>', 'source name that keys orders, exams and watermarks', 'postgres')
    .option('--full', 'ignore the stored watermarks and read every row again')
    .action(async (options: { source: string; full?: boolean }) => {
      const config = loadConfig();
      if (!config.sourceDatabaseUrl) {
        throw new CliError(
          'SOURCE_DATABASE_URL is not set: give the postgres:// URL of the source database.',
        );
      }
      if (!config.sourceMapping) {
        throw new CliError(
          'SOURCE_MAPPING is not set: give the path of the JSON mapping file (see the README).',
        );
      }
      const sourceUrl = config.sourceDatabaseUrl;
      const mappingFile = config.sourceMapping;
      await withDatabase(async (context) => {
        const summary = await context.get(PipelineService).importPostgres({
          sourceUrl,
          mappingFile,
          source: options.source,
          startedBy: cliPrincipal().email,
          full: options.full ?? false,
        });
        for (const note of summary.notes) process.stderr.write(`note: ${note}\n`);
        printSummaryLine(summary);
        for (const entity of summary.entities) {
          console.log(
            `  ${entity.file}: ${entity.rowsRead} rows read` +
              (entity.watermarkAfter === null ? '' : `, watermark ${entity.watermarkAfter}`),
          );
        }
        await printRunRejections(context, summary);
      });
    });
}
