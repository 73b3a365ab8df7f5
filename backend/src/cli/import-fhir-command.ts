import type { Command } from 'commander';
import { ImportService } from '../modules/ingestion/import.service.js';
import { formatDuration, withDatabase } from './cli-context.js';

interface RejectionRow {
  readonly file: string;
  readonly line: number;
  readonly field: string | null;
  readonly reason: string;
  readonly severity: string;
}

const SHOWN_REJECTIONS = 50;

/** `grounds import fhir <file|dir> [--source NAME]`: FHIR R4 Bundles, resources and NDJSON. */
export function registerImportFhirCommand(importCommand: Command): void {
  importCommand
    .command('fhir <path>')
    .description('Import FHIR R4: a Bundle or resource .json, an .ndjson file, or a folder of them')
    .option('--source <name>', 'source name that keys orders and exams', 'fhir')
    .action(async (inputPath: string, options: { source: string }) => {
      await withDatabase(async ({ database }) => {
        const summary = await new ImportService(database.dataSource).importFhir(inputPath, {
          source: options.source,
        });
        for (const note of summary.notes) process.stderr.write(`note: ${note}\n`);
        console.log(
          `Import run ${summary.runId}: ${summary.rowsRead} records read, ${summary.rowsLoaded} loaded, ` +
            `${summary.rowsRejected} rejected, ${summary.rowsWarned} warnings, ` +
            `${summary.touchedPatients} patients updated, in ${formatDuration(summary.durationMs)}.`,
        );
        if (summary.rowsRejected + summary.rowsWarned === 0) return;
        const rows: RejectionRow[] = await database.dataSource.query(
          `SELECT file, line, field, reason, severity FROM rejections
             WHERE run_id = $1 ORDER BY file, line LIMIT ${SHOWN_REJECTIONS}`,
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
      });
    });
}
