import type { Command } from 'commander';
import { ExportService } from '../modules/export/export.service.js';
import { withDatabase } from './cli-context.js';

/** `export exams --out <file.csv>`: one row per exam or dose-report study. */
export function registerExportExamsCommand(exportCommand: Command): void {
  exportCommand
    .command('exams')
    .description('Write one row per exam or dose-report study, with its dose and dose source')
    .requiredOption('--out <file>', 'CSV file to write')
    .action(async (options: { out: string }) => {
      await withDatabase(async ({ get, audit }) => {
        const rows = await get(ExportService).exportExams(options.out);
        await audit({
          action: 'exams.exported',
          objectType: 'exams',
          details: { rows, via: 'cli' },
        });
        console.log(`Wrote ${rows} exams to ${options.out}.`);
      });
    });
}
