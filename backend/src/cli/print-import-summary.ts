import type { DataSource } from 'typeorm';
import type { ImportSummary } from '../modules/ingestion/import.service.js';
import { formatDuration } from './cli-context.js';

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
  dataSource: DataSource,
  summary: ImportSummary,
): Promise<void> {
  if (summary.rowsRejected + summary.rowsWarned === 0) return;
  const rows: {
    file: string;
    line: number;
    field: string | null;
    reason: string;
    severity: string;
  }[] = await dataSource.query(
    `SELECT file, line, field, reason, severity FROM rejections
       WHERE run_id = $1 ORDER BY file, line LIMIT ${SHOWN}`,
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
