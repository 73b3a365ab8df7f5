import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EvaluationService } from '../../backend/src/modules/evaluation/evaluation.service.js';
import { ImportService } from '../../backend/src/modules/ingestion/import.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

describe('evaluate against a generated hospital truth', () => {
  let database: TestDatabase;
  let truthFile: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-evaluate-'));
    const summary = await generateHospital({
      patients: 1500,
      months: 12,
      seed: 21,
      outDir: folder,
    });
    expect(summary.rowCounts.truth).toBe(summary.rowCounts.orders);
    truthFile = path.join(folder, 'truth.csv');
    await new ImportService(database.dataSource).importCsvFolder(folder);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('counts what the database holds and derives precision and recall from it', async () => {
    const evaluation = await new EvaluationService(database.dataSource).evaluate(truthFile);
    const [counts] = await database.dataSource.query(`
      SELECT count(*)::int AS orders,
             count(*) FILTER (WHERE a.level IN ('DOCUMENTED', 'PROBABLE'))::int AS conflicts
      FROM orders o JOIN order_assessments a ON a.order_pk = o.id`);
    expect(evaluation.truthOrders).toBe(counts.orders);
    expect(evaluation.matchedOrders).toBe(counts.orders);
    expect(evaluation.conflicts.flagged).toBe(counts.conflicts);
    const levels = Object.fromEntries(evaluation.byLevel.map((row) => [row.level, row]));
    expect(evaluation.conflicts.truePositives).toBe(
      levels.DOCUMENTED.steered + levels.PROBABLE.steered,
    );
    expect(evaluation.conflicts.precision).toBeCloseTo(
      evaluation.conflicts.truePositives / evaluation.conflicts.flagged,
      12,
    );
    expect(evaluation.conflicts.recall).toBeCloseTo(
      evaluation.conflicts.truePositives / evaluation.conflicts.steered,
      12,
    );
    expect(evaluation.byCategory.reduce((sum, row) => sum + row.orders, 0)).toBe(counts.orders);
    expect(evaluation.exclusionCategoriesFlagged).toBe(0);
    const [site] = await database.dataSource.query(
      `SELECT odds_ratio, lower_95 FROM provider_patterns WHERE provider_id = '*'`,
    );
    expect(evaluation.site.oddsRatio).toBe(site.odds_ratio);
    expect(evaluation.site.lower95).toBe(site.lower_95);
    expect(evaluation.clinicians.steering + evaluation.clinicians.others).toBe(
      evaluation.clinicians.list.length,
    );
  });
});
