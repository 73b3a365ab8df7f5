import type { EntityManager } from 'typeorm';
import type {
  AfterAnalysisStep,
  AnalysedScope,
} from '../../backend/src/modules/pipeline/after-analysis.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { makeExam, makeOrder, makePatient, writeCsvFolder } from '../factories/csv-folder.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/** An after-analysis step that records what it saw inside the pipeline's transaction. */
const recordingStep = () => {
  const seen: { scope: AnalysedScope['scope']; assessed: number; doses: number }[] = [];
  const step: AfterAnalysisStep = {
    name: 'recording',
    run: async (manager: EntityManager, analysed: AnalysedScope) => {
      const [{ assessed, doses }] = await manager.query(
        `SELECT (SELECT count(*)::int FROM order_assessments) AS assessed,
                (SELECT count(*)::int FROM order_dose) AS doses`,
      );
      seen.push({ scope: analysed.scope, assessed, doses });
    },
  };
  return { step, seen };
};

describe('the pipeline: land, normalise, dose, assess, then the after-analysis steps', () => {
  let database: TestDatabase;
  let folder: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    folder = await writeCsvFolder({
      patients: [makePatient(), makePatient({ patient_id: 'P2' })],
      orders: [makeOrder(), makeOrder({ order_id: 'O2', patient_id: 'P2' })],
      exams: [makeExam()],
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('runs the after-analysis steps once per load, after the dose and the assessment', async () => {
    const { step, seen } = recordingStep();
    const summary = await new PipelineService(database.dataSource, {
      afterAnalysis: [step],
    }).importCsvFolder(folder);
    expect(summary.rowsRejected).toBe(0);
    expect(seen).toEqual([{ scope: 'touched', assessed: 2, doses: 2 }]);
  });

  it('runs them after `analyse` too, with its scope', async () => {
    const { step, seen } = recordingStep();
    await new PipelineService(database.dataSource, { afterAnalysis: [step] }).analyse('all');
    expect(seen).toEqual([{ scope: 'all', assessed: 2, doses: 2 }]);
  });

  it('skips the assessment and its steps when asked to stop at the dose', async () => {
    const fresh = await createTestDatabase();
    try {
      const { step, seen } = recordingStep();
      await new PipelineService(fresh.dataSource, {
        analyse: false,
        afterAnalysis: [step],
      }).importCsvFolder(folder);
      expect(seen).toEqual([]);
      const [{ assessed, doses }] = await fresh.dataSource.query(
        `SELECT (SELECT count(*)::int FROM order_assessments) AS assessed,
                (SELECT count(*)::int FROM order_dose) AS doses`,
      );
      expect({ assessed, doses }).toEqual({ assessed: 0, doses: 2 });
    } finally {
      await fresh.drop();
    }
  });

  it('rolls the whole load back when an after-analysis step fails', async () => {
    const [before] = await database.dataSource.query('SELECT count(*)::int AS n FROM orders');
    const delta = await writeCsvFolder({
      orders: [makeOrder({ order_id: 'O3', patient_id: 'P2' })],
    });
    const failing: AfterAnalysisStep = {
      name: 'failing',
      run: async () => {
        throw new Error('rollup failed');
      },
    };
    await expect(
      new PipelineService(database.dataSource, { afterAnalysis: [failing] }).importCsvFolder(delta),
    ).rejects.toThrow('rollup failed');
    const [after] = await database.dataSource.query('SELECT count(*)::int AS n FROM orders');
    expect(after.n).toBe(before.n);
    const [run] = await database.dataSource.query(
      'SELECT status, message FROM ingest_runs ORDER BY id DESC LIMIT 1',
    );
    expect(run).toEqual({ status: 'failed', message: 'rollup failed' });
  });
});
