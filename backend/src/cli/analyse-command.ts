import type { Command } from 'commander';
import { ExportService } from '../modules/export/export.service.js';
import type { AnalysisSummary } from '../modules/pipeline/analysis.service.js';
import { PipelineService } from '../modules/pipeline/pipeline.service.js';
import { createLogger } from '../logger.js';
import { formatDuration, withDatabase } from './cli-context.js';
import { registerExportExamsCommand } from './export-exams-command.js';

/** One line on what an analysis did. */
export const describeAnalysis = (summary: AnalysisSummary): string =>
  `Analysis under settings version ${summary.settingsVersion}: ${summary.ordersInScope} orders assessed, ` +
  `${summary.ordersRedosed} order doses recomputed, ${summary.providersRescored} clinician patterns changed, ` +
  `in ${formatDuration(summary.durationMs)}.`;

export function registerAnalyseCommand(program: Command): void {
  program
    .command('analyse')
    .description('Assess orders (outcomes, signals, levels, clinician patterns); incremental')
    .option('--all', 'reassess every order, not only missing, stale or pending ones')
    .action(async (options: { all?: boolean }) => {
      await withDatabase(async ({ config, get }) => {
        const logger = createLogger(config.logLevel);
        const summary = await get(PipelineService).analyse(
          options.all ? 'all' : 'stale',
          (timing) => logger.debug(timing, 'analysis step'),
        );
        console.log(describeAnalysis(summary));
      });
    });
}

export function registerExportCommand(program: Command): void {
  const exportCommand = program.command('export').description('Write CSV exports');
  registerExportExamsCommand(exportCommand);
  exportCommand
    .command('cases')
    .description('Flagged orders and away-switches cleared by an exclusion')
    .requiredOption('--out <file>', 'CSV file to write')
    .option('--from <month>', 'first month, YYYY-MM')
    .option('--to <month>', 'last month, YYYY-MM')
    .action(async (options: { out: string; from?: string; to?: string }) => {
      await withDatabase(async ({ get, audit }) => {
        const rows = await get(ExportService).exportCases(options.out, options);
        await audit({
          action: 'cases.exported',
          objectType: 'cases',
          details: { rows, from: options.from ?? null, to: options.to ?? null, via: 'cli' },
        });
        console.log(`Wrote ${rows} cases to ${options.out}.`);
      });
    });
}
