import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  formatBattery,
  runEvaluationBattery,
  type BatteryResult,
} from '../../backend/src/modules/evaluation/evaluation-battery.js';
import {
  EvaluationService,
  type Evaluation,
} from '../../backend/src/modules/evaluation/evaluation.service.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/**
 * Floors on detection quality, on hospitals generated with a fixed seed (measured on this
 * branch: seed 21 gives precision 93.9 %, recall 100 % of 31 steered orders, the oracle's
 * ceiling 93.9 % at recall 1; the small battery's steering hospital 85.7 % and 100 % of 24,
 * its hospital without steering no conflict. With DESIGN's levels, level.at_entry_probable
 * off, recall was 87.1 % and 66.7 %: the recall floors of 0.90 catch the at-entry cases
 * falling back to POSSIBLE). The floors leave a margin below those figures; a change that
 * drops under them has made detection worse.
 */
describe('evaluate against a fixed generated hospital', () => {
  let database: TestDatabase;
  let evaluation: Evaluation;

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-evaluate-'));
    const summary = await generateHospital({
      patients: 4000,
      months: 24,
      seed: 21,
      outDir: folder,
    });
    expect(summary.steeringClinicians).toBeGreaterThan(0);
    await new PipelineService(database.dataSource).importCsvFolder(folder);
    evaluation = await new EvaluationService(database.dataSource).evaluate(
      path.join(folder, 'truth.csv'),
    );
  });
  afterAll(async () => {
    await database.drop();
  });

  it('finds the steered orders: precision >= 0.90 and recall >= 0.90 of conflicts', () => {
    expect(evaluation.conflicts.steered).toBeGreaterThan(20);
    expect(evaluation.conflicts.precision).toBeGreaterThanOrEqual(0.9);
    expect(evaluation.conflicts.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('bounds precision by an oracle that knows who steers but not which switch was steered', () => {
    const { steered, documented, indistinguishable } = evaluation.ceiling;
    expect(steered).toBe(evaluation.conflicts.steered);
    expect(documented).toBeGreaterThan(0);
    expect(documented).toBeLessThan(steered);
    expect(indistinguishable).toBeGreaterThan(0);
    expect(evaluation.ceiling.precisionAtRecall1).toBeCloseTo(
      steered / (steered + indistinguishable),
      12,
    );
    expect(evaluation.ceiling.precisionAtRecall90).toBeGreaterThan(
      evaluation.ceiling.precisionAtRecall1 ?? 1,
    );
  });

  it('flags no order of an exclusion category at any level', () => {
    expect(evaluation.exclusionCategoriesFlagged).toBe(0);
    const excluded = evaluation.byCategory.filter((row) => row.category.startsWith('EXCL_'));
    expect(excluded.length).toBeGreaterThan(3);
    for (const row of excluded) expect(row.documented + row.probable + row.possible).toBe(0);
  });

  it('accuses no clinician who does not steer', () => {
    expect(evaluation.conflictClinicians.all).toBeGreaterThan(0);
    expect(evaluation.conflictClinicians.notSteering).toBe(0);
  });

  it('matches every order of the truth to its assessment', async () => {
    const [counts] = await database.dataSource.query(
      'SELECT count(*)::int AS orders FROM order_assessments',
    );
    expect(evaluation.truthOrders).toBe(counts.orders);
    expect(evaluation.matchedOrders).toBe(counts.orders);
  });
});

describe('evaluate --battery on a small battery', () => {
  let results: BatteryResult[];

  beforeAll(async () => {
    results = await runEvaluationBattery({
      hospitals: [
        { name: 'small steering', options: { patients: 3000, months: 24, seed: 23 } },
        {
          name: 'no steering',
          options: { patients: 4000, months: 24, seed: 22, steeringStyle: 'none' },
        },
      ],
      openDatabase: () => createTestDatabase(),
    });
  });

  it('scores the steering hospital above its floors', () => {
    const [steering] = results;
    expect(steering).toMatchObject({ name: 'small steering', steering: true });
    expect(steering.steeredOrders).toBeGreaterThan(15);
    expect(steering.precision).toBeGreaterThanOrEqual(0.8);
    expect(steering.recall).toBeGreaterThanOrEqual(0.9);
    expect(steering.exclusionCategoriesFlagged).toBe(0);
    expect(steering.notSteeringCliniciansWithConflict).toBe(0);
  });

  it('accuses nobody where nobody steers', () => {
    const none = results[1];
    expect(none).toMatchObject({
      name: 'no steering',
      steering: false,
      steeringClinicians: 0,
      steeredOrders: 0,
      conflicts: 0,
      cliniciansWithConflict: 0,
      exclusionCategoriesFlagged: 0,
    });
    expect(none.clinicians).toBe(20);
  });

  it('prints one table with a row per hospital', () => {
    const lines = formatBattery(results).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^hospital .*precision .*recall .*excl\. flagged .*w\/ conflict$/);
    expect(lines[1]).toMatch(/^small steering +3000 +23 /);
    expect(lines[0]).toMatch(/best P at R=1 +best P at R=\.90/);
    expect(lines[2]).toMatch(/^no steering +4000 +22 .* 0( +-){6} +0 +0$/);
  });
});
