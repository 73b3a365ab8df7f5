import type { Command } from 'commander';
import { ImportService } from '../modules/ingestion/import.service.js';
import { createProgressBar, formatDuration, withDatabase } from './cli-context.js';
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
      await withDatabase(async ({ database }) => {
        const progress = createProgressBar('Importing');
        const summary = await new ImportService(database.dataSource).importCsvFolder(dir, {
          source: options.source,
          onProgress: (event) => {
            if (event.bytesDone !== undefined && event.bytesTotal !== undefined) {
              progress.update(event.bytesDone, event.bytesTotal);
            }
          },
        });
        progress.stop();
        for (const note of summary.notes) process.stderr.write(`note: ${note}\n`);
        console.log(
          `Import run ${summary.runId}: ${summary.rowsRead} rows read, ${summary.rowsLoaded} loaded, ` +
            `${summary.rowsRejected} rejected, ${summary.rowsWarned} warnings, ` +
            `${summary.touchedPatients} patients updated, in ${formatDuration(summary.durationMs)}.`,
        );
        if (summary.rowsRejected + summary.rowsWarned > 0) {
          const rows: {
            file: string;
            line: number;
            field: string | null;
            reason: string;
            severity: string;
          }[] = await database.dataSource.query(
            `SELECT file, line, field, reason, severity FROM rejections
               WHERE run_id = $1 ORDER BY file, line LIMIT 50`,
            [summary.runId],
          );
          for (const row of rows) {
            console.log(
              `${row.severity}: ${row.file}:${row.line}: ${row.field ?? '(record)'}: ${row.reason}`,
            );
          }
          if (summary.rowsRejected + summary.rowsWarned > rows.length) {
            console.log(
              `(first ${rows.length} shown; all are in the rejections table, run ${summary.runId})`,
            );
          }
        }
      });
    });
}
