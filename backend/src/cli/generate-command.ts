import path from 'node:path';
import type { Command } from 'commander';
import { generateFhirHospital } from '../modules/synthetic/generate-fhir-hospital.js';
import {
  generateHospital,
  type GenerateHospitalOptions,
  type GenerateSummary,
} from '../modules/synthetic/generate-hospital.js';
import { generateDoseReports } from '../modules/synthetic/generate-dose-reports.js';
import { CliError, createProgressBar, formatDuration } from './cli-context.js';

const positiveInteger = (name: string, value: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new CliError(`--${name} must be a whole number >= 1, not "${value}".`);
  }
  return number;
};

const rate = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1) {
    throw new CliError(`--${name} must be a number from 0 to 1, not "${value}".`);
  }
  return number;
};

const FORMATS = ['csv', 'fhir', 'rdsr'];
const STEERING = ['mixed', 'silent', 'none'];

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('Write a synthetic demo hospital in the CSV import format, with truth.csv')
    .requiredOption('--out <dir>', 'folder to write')
    .option('--patients <n>', 'number of patients', '20000')
    .option('--months <n>', 'months of orders', '24')
    .option('--seed <n>', 'random seed (same seed, same files)', '1')
    .option(
      '--format <format>',
      'csv; fhir (FHIR R4 NDJSON); or rdsr (the CSV hospital plus DICOM dose reports of its CT and fluoroscopy exams in <out>/rdsr)',
      'csv',
    )
    .option(
      '--steering <style>',
      'mixed; silent: steering clinicians never write a reason; none: nobody steers',
      'mixed',
    )
    .option(
      '--steer-rate <r>',
      'share of HIGH-band opportunities a steering clinician steers (default 0.4)',
    )
    .option(
      '--silent-switch-rate <r>',
      'silent switches with no dose motive, per opportunity (default 0.04)',
    )
    .option('--clinicians <n>', 'ordering clinicians (default one per 250 patients, at least 20)')
    .action(
      async (options: {
        out: string;
        patients: string;
        months: string;
        seed: string;
        format: string;
        steering: string;
        steerRate?: string;
        silentSwitchRate?: string;
        clinicians?: string;
      }) => {
        if (!FORMATS.includes(options.format))
          throw new CliError(`--format ${options.format} is not supported; use csv, fhir or rdsr.`);
        if (!STEERING.includes(options.steering)) {
          throw new CliError(
            `--steering must be mixed, silent or none, not "${options.steering}".`,
          );
        }
        const started = performance.now();
        const progress = createProgressBar('Generating');
        const hospital: GenerateHospitalOptions = {
          patients: positiveInteger('patients', options.patients),
          months: positiveInteger('months', options.months),
          seed: positiveInteger('seed', options.seed),
          outDir: options.out,
          steeringStyle: options.steering as 'mixed' | 'silent' | 'none',
          steerRate: rate('steer-rate', options.steerRate),
          silentSwitchRate: rate('silent-switch-rate', options.silentSwitchRate),
          clinicians:
            options.clinicians === undefined
              ? undefined
              : positiveInteger('clinicians', options.clinicians),
          onProgress: (done, total) => progress.update(done, total),
        };
        let summary: GenerateSummary;
        if (options.format === 'fhir') {
          const fhir = await generateFhirHospital(hospital);
          progress.stop();
          for (const warning of fhir.warnings) process.stderr.write(`warning: ${warning}\n`);
          summary = fhir.summary;
        } else {
          summary = await generateHospital(hospital);
          progress.stop();
          if (options.format === 'rdsr') {
            const reports = await generateDoseReports({
              examsCsv: path.join(options.out, 'exams.csv'),
              patientsCsv: path.join(options.out, 'patients.csv'),
              outDir: path.join(options.out, 'rdsr'),
              seed: hospital.seed,
            });
            console.log(
              `Dose reports: ${reports.files} files (${reports.ctReports} CT, ${reports.fluoroscopyReports} fluoroscopy, ${reports.resends} resends) in ${path.join(options.out, 'rdsr')}.`,
            );
          }
        }
        console.log(JSON.stringify(summary, null, 2));
        console.log(`Wrote ${options.out} in ${formatDuration(performance.now() - started)}.`);
      },
    );
}
