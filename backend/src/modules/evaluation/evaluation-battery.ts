import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { generateHospital, type GenerateHospitalOptions } from '../synthetic/generate-hospital.js';
import { EvaluationService, type Evaluation } from './evaluation.service.js';

/** One generated hospital of the battery. */
export interface BatteryHospital {
  readonly name: string;
  readonly options: Omit<GenerateHospitalOptions, 'outDir' | 'onProgress'>;
}

/**
 * The fixed battery `evaluate --battery` scores (issue 10): today's default hospital; weak
 * steering (15 % of HIGH-band opportunities, 2 % silent switches with no dose motive); a small
 * hospital of 5,000 patients; three hospitals where nobody steers.
 */
export const EVALUATION_BATTERY: readonly BatteryHospital[] = [
  { name: 'default', options: { patients: 20000, months: 24, seed: 1 } },
  {
    name: 'weak steering',
    options: { patients: 20000, months: 24, seed: 2, steerRate: 0.15, silentSwitchRate: 0.02 },
  },
  { name: 'small hospital', options: { patients: 5000, months: 24, seed: 3 } },
  ...[4, 5, 6].map((seed, index) => ({
    name: `no steering ${String.fromCharCode(65 + index)}`,
    options: { patients: 20000, months: 24, seed, steeringStyle: 'none' as const },
  })),
];

export interface BatteryResult {
  readonly name: string;
  readonly patients: number;
  readonly seed: number;
  readonly steering: boolean;
  readonly clinicians: number;
  readonly steeringClinicians: number;
  readonly steeredOrders: number;
  readonly conflicts: number;
  readonly truePositives: number;
  readonly precision: number | null;
  readonly recall: number | null;
  /** Recall among the steered orders the case rules can make a conflict (see Evaluation). */
  readonly candidateRecall: number | null;
  /** Steered orders flagged POSSIBLE: for review, not counted as found by recall. */
  readonly steeredPossible: number;
  /** Best reachable precision at recall 1 and at recall 0.90 (Evaluation.ceiling). */
  readonly ceilingPrecision: number | null;
  readonly ceilingPrecisionAtRecall90: number | null;
  /** The ceiling's counts: steered orders with dose talk, and the indistinguishable pool. */
  readonly ceilingDocumented: number;
  readonly ceilingIndistinguishable: number;
  readonly exclusionCategoriesFlagged: number;
  readonly cliniciansWithConflict: number;
  readonly notSteeringCliniciansWithConflict: number;
}

/** A database of its own for one hospital, dropped after scoring. */
export interface BatteryDatabase {
  readonly dataSource: DataSource;
  drop(): Promise<void>;
}

const toResult = (
  hospital: BatteryHospital,
  summary: { clinicians: number; steeringClinicians: number },
  evaluation: Evaluation,
): BatteryResult => ({
  name: hospital.name,
  patients: hospital.options.patients,
  seed: hospital.options.seed,
  steering: summary.steeringClinicians > 0,
  clinicians: summary.clinicians,
  steeringClinicians: summary.steeringClinicians,
  steeredOrders: evaluation.conflicts.steered,
  conflicts: evaluation.conflicts.flagged,
  truePositives: evaluation.conflicts.truePositives,
  precision: evaluation.conflicts.precision,
  recall: evaluation.conflicts.recall,
  candidateRecall: evaluation.conflicts.candidateRecall,
  steeredPossible: evaluation.conflicts.steeredPossible,
  ceilingPrecision: evaluation.ceiling.precisionAtRecall1,
  ceilingPrecisionAtRecall90: evaluation.ceiling.precisionAtRecall90,
  ceilingDocumented: evaluation.ceiling.documented,
  ceilingIndistinguishable: evaluation.ceiling.indistinguishable,
  exclusionCategoriesFlagged: evaluation.exclusionCategoriesFlagged,
  cliniciansWithConflict: evaluation.conflictClinicians.all,
  notSteeringCliniciansWithConflict: evaluation.conflictClinicians.notSteering,
});

/**
 * Generates each hospital, imports it through the real CSV path into a database of its own,
 * scores it against its truth and drops the database and the files.
 */
export async function runEvaluationBattery(options: {
  readonly hospitals?: readonly BatteryHospital[];
  readonly openDatabase: (index: number) => Promise<BatteryDatabase>;
  readonly onResult?: (result: BatteryResult) => void;
}): Promise<BatteryResult[]> {
  const results: BatteryResult[] = [];
  const hospitals = options.hospitals ?? EVALUATION_BATTERY;
  for (const [index, hospital] of hospitals.entries()) {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-battery-'));
    try {
      const summary = await generateHospital({ ...hospital.options, outDir: folder });
      const database = await options.openDatabase(index);
      try {
        await new PipelineService(database.dataSource).importCsvFolder(folder);
        const evaluation = await new EvaluationService(database.dataSource).evaluate(
          path.join(folder, 'truth.csv'),
        );
        const result = toResult(hospital, summary, evaluation);
        results.push(result);
        options.onResult?.(result);
      } finally {
        await database.drop();
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
  return results;
}

const percent = (value: number | null): string =>
  value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`;

/** The battery as one table: steering hospitals by precision and recall, the others by count. */
export function formatBattery(results: readonly BatteryResult[]): string {
  const header = [
    'hospital'.padEnd(16),
    'patients'.padStart(8),
    'seed'.padStart(4),
    'steerers'.padStart(8),
    'steered'.padStart(7),
    'conflicts'.padStart(9),
    'precision'.padStart(9),
    'recall'.padStart(8),
    'cand. recall'.padStart(12),
    'steered POSSIBLE'.padStart(16),
    'best P at R=1'.padStart(13),
    'best P at R=.90'.padStart(15),
    'excl. flagged'.padStart(13),
    'clinicians w/ conflict'.padStart(22),
  ].join('  ');
  const rows = results.map((row) =>
    [
      row.name.padEnd(16),
      String(row.patients).padStart(8),
      String(row.seed).padStart(4),
      `${row.steeringClinicians}/${row.clinicians}`.padStart(8),
      String(row.steeredOrders).padStart(7),
      String(row.conflicts).padStart(9),
      (row.steering ? percent(row.precision) : '-').padStart(9),
      (row.steering ? percent(row.recall) : '-').padStart(8),
      (row.steering ? percent(row.candidateRecall) : '-').padStart(12),
      (row.steering ? String(row.steeredPossible) : '-').padStart(16),
      (row.steering ? percent(row.ceilingPrecision) : '-').padStart(13),
      (row.steering ? percent(row.ceilingPrecisionAtRecall90) : '-').padStart(15),
      String(row.exclusionCategoriesFlagged).padStart(13),
      (row.steering
        ? `${row.cliniciansWithConflict} (${row.notSteeringCliniciansWithConflict} not steering)`
        : String(row.cliniciansWithConflict)
      ).padStart(22),
    ].join('  '),
  );
  return [header, ...rows].join('\n');
}
