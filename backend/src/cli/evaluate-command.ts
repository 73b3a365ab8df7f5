import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { EvaluationService, formatEvaluation } from '../modules/evaluation/evaluation.service.js';
import { withDatabase } from './cli-context.js';

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description('Detection quality against a generator truth file')
    .requiredOption('--truth <file>', 'truth.csv written by generate')
    .option('--source <name>', 'source the orders were imported under', 'csv')
    .option('--out <file>', 'JSON file to write', 'evaluation.json')
    .action(async (options: { truth: string; source: string; out: string }) => {
      await withDatabase(async ({ database }) => {
        const evaluation = await new EvaluationService(database.dataSource).evaluate(
          options.truth,
          options.source,
        );
        console.log(formatEvaluation(evaluation));
        await writeFile(options.out, `${JSON.stringify(evaluation, null, 2)}\n`);
        console.log(`\nWritten to ${options.out}.`);
      });
    });
}
