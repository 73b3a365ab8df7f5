import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatBattery } from '../modules/evaluation/evaluation-battery.js';
import { EvaluationBatteryService } from '../modules/evaluation/evaluation-battery.service.js';
import { EvaluationService, formatEvaluation } from '../modules/evaluation/evaluation.service.js';
import { CliError, formatDuration, withDatabase } from './cli-context.js';

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description(
      'Detection quality against a generator truth file, or over the fixed battery of generated hospitals',
    )
    .option('--truth <file>', 'truth.csv written by generate')
    .option(
      '--battery',
      'generate and score the fixed battery (default, weak steering, small, three without steering), each in a fresh database on the same server',
    )
    .option('--source <name>', 'source the orders were imported under', 'csv')
    .option('--out <file>', 'JSON file to write', 'evaluation.json')
    .action(async (options: { truth?: string; battery?: boolean; source: string; out: string }) => {
      if (Boolean(options.truth) === Boolean(options.battery)) {
        throw new CliError('evaluate needs either --truth <file> or --battery.');
      }
      await withDatabase(async ({ config, databaseUrl, get }) => {
        if (options.battery) {
          const started = performance.now();
          const results = await get(EvaluationBatteryService).run({
            serverUrl: databaseUrl,
            timeZone: config.siteTimeZone,
            onResult: (result) =>
              process.stderr.write(
                `scored ${result.name} (${formatDuration(performance.now() - started)})\n`,
              ),
          });
          console.log(formatBattery(results));
          await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);
          console.log(`\nWritten to ${options.out}.`);
          return;
        }
        const evaluation = await get(EvaluationService).evaluate(
          options.truth as string,
          options.source,
        );
        console.log(formatEvaluation(evaluation));
        await writeFile(options.out, `${JSON.stringify(evaluation, null, 2)}\n`);
        console.log(`\nWritten to ${options.out}.`);
      });
    });
}
