import type { Command } from 'commander';
import { generateHospital } from '../modules/synthetic/generate-hospital.js';
import { CliError, createProgressBar, formatDuration } from './cli-context.js';

const positiveInteger = (name: string, value: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new CliError(`--${name} must be a whole number >= 1, not "${value}".`);
  }
  return number;
};

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('Write a synthetic demo hospital in the CSV import format, with truth.csv')
    .requiredOption('--out <dir>', 'folder to write')
    .option('--patients <n>', 'number of patients', '20000')
    .option('--months <n>', 'months of orders', '24')
    .option('--seed <n>', 'random seed (same seed, same files)', '1')
    .option('--format <format>', 'csv (fhir and rdsr arrive with their importers)', 'csv')
    .option(
      '--steering <style>',
      'mixed, or silent: steering clinicians never write a reason',
      'mixed',
    )
    .action(
      async (options: {
        out: string;
        patients: string;
        months: string;
        seed: string;
        format: string;
        steering: string;
      }) => {
        if (options.format !== 'csv')
          throw new CliError(`--format ${options.format} is not supported yet; use csv.`);
        if (!['mixed', 'silent'].includes(options.steering)) {
          throw new CliError('--steering must be mixed or silent.');
        }
        const started = performance.now();
        const progress = createProgressBar('Generating');
        const summary = await generateHospital({
          patients: positiveInteger('patients', options.patients),
          months: positiveInteger('months', options.months),
          seed: positiveInteger('seed', options.seed),
          outDir: options.out,
          steeringStyle: options.steering as 'mixed' | 'silent',
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.stop();
        console.log(JSON.stringify(summary, null, 2));
        console.log(`Wrote ${options.out} in ${formatDuration(performance.now() - started)}.`);
      },
    );
}
