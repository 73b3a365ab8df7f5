import type { Command } from 'commander';
import { cliPrincipal } from '../modules/auth/audit/audit.service.js';
import { ImportRunsService } from '../modules/ingestion/import-runs.service.js';
import { PipelineService } from '../modules/pipeline/pipeline.service.js';
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
      await withDatabase(async ({ get }) => {
        const progress = createProgressBar('Importing dose reports');
        const summary = await get(PipelineService).importRdsr(target, {
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
        const remarks = await get(ImportRunsService).firstDoseReportRemarks(
          summary.runId,
          SHOWN_REMARKS + 1,
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
