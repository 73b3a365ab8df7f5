import type { Command } from 'commander';
import { cliPrincipal } from '../modules/auth/audit/audit.service.js';
import { ImportService } from '../modules/ingestion/import.service.js';
import { createProgressBar, formatDuration, withDatabase } from './cli-context.js';

const SHOWN_REMARKS = 50;

/** `import rdsr <file|dir>`: DICOM Radiation Dose SRs, one line per rejected file or warning. */
export function registerImportRdsrCommand(importCommand: Command): void {
  importCommand
    .command('rdsr <target>')
    .description(
      'Import DICOM Radiation Dose Structured Reports (a file, or a folder walked in path order)',
    )
    .action(async (target: string) => {
      await withDatabase(async ({ database }) => {
        const progress = createProgressBar('Importing dose reports');
        const summary = await new ImportService(database.dataSource).importRdsr(target, {
          startedBy: cliPrincipal().email,
          onFile: (done, total) => progress.update(done, total),
        });
        progress.stop();
        console.log(
          `Import run ${summary.runId}: ${summary.rowsRead} files read, ${summary.rowsLoaded} dose reports ` +
            `loaded into ${summary.studies} studies, ${summary.rowsRejected} files rejected, ` +
            `${summary.rowsWarned} warnings, ${summary.touchedPatients} patients updated, ` +
            `in ${formatDuration(summary.durationMs)}.`,
        );
        const remarks: { file: string; severity: string; reason: string }[] =
          await database.dataSource.query(
            `SELECT l.file, 'error' AS severity, l.error_reason AS reason
               FROM landing_dose_reports l WHERE l.run_id = $1 AND l.status = 'rejected'
             UNION ALL
             SELECT l.file, 'warning', w.warning
               FROM landing_dose_reports l, unnest(l.warnings) AS w(warning)
              WHERE l.run_id = $1 AND l.status = 'parsed'
             ORDER BY 1, 2, 3 LIMIT ${SHOWN_REMARKS + 1}`,
            [summary.runId],
          );
        for (const remark of remarks.slice(0, SHOWN_REMARKS)) {
          console.log(`${remark.severity}: ${remark.file}: ${remark.reason}`);
        }
        if (remarks.length > SHOWN_REMARKS) {
          console.log(
            `(first ${SHOWN_REMARKS} shown; all are in the rejections table and landing_dose_reports, run ${summary.runId})`,
          );
        }
      });
    });
}
