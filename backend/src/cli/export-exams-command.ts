import type { Command } from 'commander';
import { AuditService, cliPrincipal } from '../modules/auth/audit/audit.service.js';
import { ExportService } from '../modules/export/export.service.js';
import { withDatabase } from './cli-context.js';

/** `export exams --out <file.csv>`: one row per exam or dose-report study. */
export function registerExportExamsCommand(exportCommand: Command): void {
  exportCommand
    .command('exams')
    .description('Write one row per exam or dose-report study, with its dose and dose source')
    .requiredOption('--out <file>', 'CSV file to write')
    .action(async (options: { out: string }) => {
      await withDatabase(async ({ database }) => {
        const rows = await new ExportService(database.dataSource).exportExams(options.out);
        await new AuditService(database.dataSource).record({
          principal: cliPrincipal(),
          action: 'exams.exported',
          objectType: 'export',
          details: { rows, file: options.out },
        });
        console.log(`Wrote ${rows} exams to ${options.out}.`);
      });
    });
}
