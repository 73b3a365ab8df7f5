import { Readable } from 'node:stream';
import { ImportService } from '../../backend/src/modules/ingestion/import.service.js';
import type {
  ImportEntity,
  ImportRecord,
} from '../../backend/src/modules/ingestion/import-format.js';
import { landRecords } from '../../backend/src/modules/ingestion/landing-writer.js';
import type { StepTiming } from '../../backend/src/modules/ingestion/step-timing.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/**
 * The model transaction normalises each entity as it lands: the patients, orders and order
 * changes are in the model while the exams (half of a CSV folder) still land on their own
 * connection. A landing step that says which entity has landed is given here by hand, and the
 * exams land only once the normaliser has written the orders: a normaliser that waited for
 * the whole landing would never get there.
 */
describe('normalising while the landing goes on', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const service = () =>
    new ImportService(database.dataSource, {
      estimateDoseReports: async () => undefined,
      afterLoad: null,
    });

  const records = (rows: ImportRecord[]) =>
    Readable.from(rows.map((record, index) => ({ line: index + 2, raw: null, record })));
  const land = (runId: number, entity: ImportEntity, rows: ImportRecord[]) =>
    landRecords(
      database.dataSource,
      entity,
      { runId, source: 'overlap', file: `${entity}.csv` },
      records(rows),
    );

  const patients = (prefix: string) => [
    { patient_id: `${prefix}-P1`, birth_date: '1970-01-01', sex: 'F' },
    { patient_id: `${prefix}-P2`, birth_date: '1980-01-01', sex: 'M' },
  ];
  const orders = (prefix: string) => [
    {
      order_id: `${prefix}-O1`,
      patient_id: `${prefix}-P1`,
      ordered_at: '2024-03-01T10:00:00Z',
      requested_modality: 'CT',
    },
    {
      order_id: `${prefix}-O2`,
      patient_id: `${prefix}-P2`,
      ordered_at: '2024-03-02T10:00:00Z',
      requested_modality: 'MR',
    },
  ];
  const exams = (prefix: string) => [
    {
      accession: `${prefix}-A1`,
      patient_id: `${prefix}-P1`,
      order_id: `${prefix}-O1`,
      performed_at: '2024-03-01T12:00:00Z',
      modality: 'CT',
    },
  ];

  const count = async (table: string, prefix: string): Promise<number> => {
    const column = table === 'exams' ? 'accession' : table === 'orders' ? 'order_id' : 'patient_id';
    const [{ n }] = await database.dataSource.query(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${column} LIKE $1`,
      [`${prefix}-%`],
    );
    return n as number;
  };

  it('writes the orders into the model before the exams have landed, then the exams', async () => {
    let ordersWritten!: () => void;
    const examsMayLand = new Promise<void>((resolve) => {
      ordersWritten = resolve;
    });
    const steps: string[] = [];
    const onStep = (timing: StepTiming) => {
      steps.push(timing.step);
      if (timing.step.startsWith('normalise.order_changes.')) ordersWritten();
    };
    const summary = await service().load(
      'csv',
      'overlap',
      'by hand',
      { onStep },
      [],
      async (runId, landed) => {
        await land(runId, 'patients', patients('A'));
        landed('patients');
        await land(runId, 'orders', orders('A'));
        landed('orders');
        landed('order_changes');
        let timer: NodeJS.Timeout | undefined;
        const waited = await Promise.race([
          examsMayLand.then(() => 'orders written'),
          new Promise<string>((resolve) => {
            timer = setTimeout(() => resolve('timed out'), 20_000);
          }),
        ]);
        clearTimeout(timer);
        expect(waited).toBe('orders written');
        await land(runId, 'exams', exams('A'));
      },
    );
    expect(summary.rowsLoaded).toBe(5);
    expect(summary.rowsRejected).toBe(0);
    expect([
      await count('patients', 'A'),
      await count('orders', 'A'),
      await count('exams', 'A'),
    ]).toEqual([2, 2, 1]);
    // the normaliser waited for the exams while the landing ended, then wrote them
    expect(steps.indexOf('normalise.orders.insert')).toBeLessThan(steps.indexOf('land'));
    expect(steps.indexOf('land')).toBeLessThan(steps.indexOf('normalise.exams.landing'));
    const [exam] = await database.dataSource.query(
      `SELECT e.accession, o.order_id FROM exams e JOIN orders o ON o.id = e.order_pk
       WHERE e.accession = 'A-A1'`,
    );
    expect(exam).toEqual({ accession: 'A-A1', order_id: 'A-O1' });
  });

  it('rolls the model back and fails the run with the landing error when a later entity fails to land', async () => {
    let runOpened = 0;
    const failure = service().load(
      'csv',
      'overlap',
      'by hand',
      { onRunOpened: (runId) => void (runOpened = runId) },
      [],
      async (runId, landed) => {
        await land(runId, 'patients', patients('B'));
        landed('patients');
        await land(runId, 'orders', orders('B'));
        landed('orders');
        landed('order_changes');
        throw new Error('exams.csv: the disk went away');
      },
    );
    await expect(failure).rejects.toThrow('exams.csv: the disk went away');
    expect([await count('patients', 'B'), await count('orders', 'B')]).toEqual([0, 0]);
    const [run] = await database.dataSource.query(
      `SELECT status, message FROM ingest_runs WHERE id = $1`,
      [runOpened],
    );
    expect(run.status).toBe('failed');
    expect(run.message).toContain('the disk went away');
  });

  it('waits for the whole landing when the adapter says nothing of its entities', async () => {
    const steps: string[] = [];
    const summary = await service().load(
      'csv',
      'overlap',
      'by hand',
      { onStep: (timing) => steps.push(timing.step) },
      [],
      async (runId) => {
        await land(runId, 'patients', patients('C'));
        await land(runId, 'orders', orders('C'));
        await land(runId, 'exams', exams('C'));
      },
    );
    expect(summary.rowsLoaded).toBe(5);
    // nothing of the model transaction ran before the landing ended
    const landEnded = steps.indexOf('land');
    expect(steps.slice(0, landEnded).filter((step) => step.startsWith('normalise'))).toEqual([]);
    expect([
      await count('patients', 'C'),
      await count('orders', 'C'),
      await count('exams', 'C'),
    ]).toEqual([2, 2, 1]);
  });
});
