import type { Command } from 'commander';
import { cliPrincipal } from '../modules/auth/audit/audit.service.js';
import { PipelineService } from '../modules/pipeline/pipeline.service.js';
import { createLogger } from '../logger.js';
import { createProgressBar, withDatabase } from './cli-context.js';
import { printRunRejections, printSummaryLine } from './print-import-summary.js';
import { registerImportPostgresCommand } from './import-postgres-command.js';
import { registerImportFhirCommand } from './import-fhir-command.js';
import { registerImportRdsrCommand } from './import-rdsr-command.js';

export function registerImportCommand(program: Command): void {
  const importCommand = program.command('import').description('Load data into Clinical Grounds');
  registerImportPostgresCommand(importCommand);
  registerImportFhirCommand(importCommand);
  registerImportRdsrCommand(importCommand);
  importCommand
    .command('csv <dir>')
    .description('Import a folder in the CSV import format (orders.csv required)')
    .option('--source <name>', 'source name that keys orders and exams', 'csv')
    .action(async (dir: string, options: { source: string }) => {
      await withDatabase(async (context) => {
        const { config, get } = context;
        const progress = createProgressBar('Importing');
        // step timings at debug level (LOG_LEVEL=debug): step names and milliseconds only
        const logger = createLogger(config.logLevel);
        const summary = await get(PipelineService).importCsvFolder(dir, {
          source: options.source,
          startedBy: cliPrincipal().email,
          onStep: (timing) => logger.debug(timing, 'import step'),
          onProgress: (event) => {
            if (event.bytesDone !== undefined && event.bytesTotal !== undefined) {
              progress.update(event.bytesDone, event.bytesTotal);
            }
          },
        });
        progress.stop();
        for (const note of summary.notes) process.stderr.write(`note: ${note}\n`);
        printSummaryLine(summary);
        await printRunRejections(context, summary);
      });
    });
}
