import { ImportRunsService } from '../modules/ingestion/import-runs.service.js';
import type { ImportSummary } from '../modules/ingestion/import.service.js';
import { formatDuration, type CliContext } from './cli-context.js';

const SHOWN = 50;

/** The summary line every import prints. */
export const printSummaryLine = (summary: ImportSummary): void => {
  console.log(
    `Import run ${summary.runId}: ${summary.rowsRead} rows read, ${summary.rowsLoaded} loaded, ` +
      `${summary.rowsRejected} rejected, ${summary.rowsWarned} warnings, ` +
      `${summary.touchedPatients} patients updated, in ${formatDuration(summary.durationMs)}.`,
  );
};

/** The run's first rejections and warnings as `severity: file:line: field: reason`. */
export async function printRunRejections(
  context: Pick<CliContext, 'get'>,
  summary: ImportSummary,
): Promise<void> {
  if (summary.rowsRejected + summary.rowsWarned === 0) return;
  const rows = await context.get(ImportRunsService).firstRejections(summary.runId, SHOWN);
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
