import { ImportService } from '../../backend/src/modules/ingestion/import.service.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { makeExam, makeOrder, makePatient, writeCsvFolder } from '../factories/csv-folder.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/**
 * Orders never assessed come only from loads made without the analysis; the analysis looks for
 * them among every order only when unassessed_loads records such a load (migration
 * 1796000500000). Whatever path a load took, the next analysis assesses every order it wrote.
 */
describe('orders loaded without the analysis', () => {
  let database: TestDatabase;

  const unassessed = async (): Promise<string[]> => {
    const rows: { order_id: string }[] = await database.dataSource.query(
      `SELECT o.order_id FROM orders o
       WHERE NOT EXISTS (SELECT 1 FROM order_assessments a WHERE a.order_pk = o.id)
       ORDER BY o.order_id`,
    );
    return rows.map((row) => row.order_id);
  };
  const recordedRuns = async (): Promise<(number | null)[]> => {
    const rows: { run_id: number | null }[] = await database.dataSource.query(
      'SELECT run_id FROM unassessed_loads ORDER BY run_id',
    );
    return rows.map((row) => row.run_id);
  };
  const ordersOf = (patient: string, ...ids: string[]) =>
    writeCsvFolder({
      patients: [makePatient({ patient_id: patient })],
      orders: ids.map((id) => makeOrder({ order_id: id, patient_id: patient })),
      exams: [makeExam({ accession: `A-${patient}`, patient_id: patient })],
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    await new PipelineService(database.dataSource).importCsvFolder(
      await ordersOf('P1', 'O1', 'O2'),
    );
  });
  afterAll(async () => {
    await database.drop();
  });

  it('records no load once the analysis after it has assessed its orders', async () => {
    expect(await unassessed()).toEqual([]);
    expect(await recordedRuns()).toEqual([]);
  });

  it("assesses a load stopped at the dose with the next load's analysis, for other patients", async () => {
    const skipped = await new PipelineService(database.dataSource, {
      analyse: false,
    }).importCsvFolder(await ordersOf('P2', 'O3', 'O4'));
    expect(await unassessed()).toEqual(['O3', 'O4']);
    expect(await recordedRuns()).toEqual([skipped.runId]);

    // the next load touches P3 only: P2's orders are outside its touched patients
    const summary = await new PipelineService(database.dataSource).importCsvFolder(
      await ordersOf('P3', 'O5'),
    );
    expect(summary.touchedPatients).toBe(1);
    expect(await unassessed()).toEqual([]);
    expect(await recordedRuns()).toEqual([]);
  });

  it('assesses a load made without any after-load hook with `analyse`', async () => {
    const skipped = await new ImportService(database.dataSource, {
      estimateDoseReports: async () => undefined,
      afterLoad: null,
    }).importCsvFolder(await ordersOf('P4', 'O6'));
    expect(await unassessed()).toEqual(['O6']);
    expect(await recordedRuns()).toEqual([skipped.runId]);

    await new PipelineService(database.dataSource).analyse('stale');
    expect(await unassessed()).toEqual([]);
    expect(await recordedRuns()).toEqual([]);
  });

  it('assesses two loads stopped at the dose with `analyse --all`', async () => {
    const pipeline = new PipelineService(database.dataSource, { analyse: false });
    const first = await pipeline.importCsvFolder(await ordersOf('P5', 'O7'));
    const second = await pipeline.importCsvFolder(await ordersOf('P6', 'O8'));
    expect(await recordedRuns()).toEqual([first.runId, second.runId]);

    await new PipelineService(database.dataSource).analyse('all');
    expect(await unassessed()).toEqual([]);
    expect(await recordedRuns()).toEqual([]);
  });

  it('records nothing of a load rolled back by a failing after-analysis step', async () => {
    const before = await recordedRuns();
    await expect(
      new PipelineService(database.dataSource, {
        afterAnalysis: [
          {
            name: 'failing',
            run: () => Promise.reject(new Error('after-analysis failed')),
          },
        ],
      }).importCsvFolder(await ordersOf('P7', 'O9')),
    ).rejects.toThrow('after-analysis failed');
    expect(await recordedRuns()).toEqual(before);
    expect(await unassessed()).toEqual([]);
  });
});
