import type { Command } from 'commander';
import { ExportService } from '../modules/export/export.service.js';
import { auditCommand, withDatabase } from './cli-context.js';

/** `export exams --out <file.csv>`: one row per exam or dose-report study. */
export function registerExportExamsCommand(exportCommand: Command): void {
  exportCommand
    .command('exams')
    .description('Write one row per exam or dose-report study, with its dose and dose source')
    .requiredOption('--out <file>', 'CSV file to write')
    .action(async (options: { out: string }) => {
      await withDatabase(async ({ database }) => {
        const rows = await new ExportService(database.dataSource).exportExams(options.out);
        await auditCommand(database.dataSource, {
          action: 'exams.exported',
          objectType: 'exams',
          details: { rows, via: 'cli' },
        });
        console.log(`Wrote ${rows} exams to ${options.out}.`);
      });
    });
}
