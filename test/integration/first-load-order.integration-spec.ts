import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../../backend/src/database/data-source.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { makeExam, makeOrder, makePatient, writeCsvFolder } from '../factories/csv-folder.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/** Rows in the order they lie in the table's heap (block, then line pointer). */
const inHeapOrder = async (database: TestDatabase, sql: string) =>
  (await database.dataSource.query(sql)) as Record<string, string>[];

describe('a first load writes orders and exams by patient', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    // the files list orders and exams by identifier, the patients interleaved
    const folder = await writeCsvFolder({
      patients: ['P1', 'P2', 'P3'].map((patient_id) => makePatient({ patient_id })),
      orders: [
        makeOrder({ order_id: 'O1', patient_id: 'P3', ordered_at: '2024-03-05T10:00:00Z' }),
        makeOrder({ order_id: 'O2', patient_id: 'P1', ordered_at: '2024-03-04T10:00:00Z' }),
        makeOrder({ order_id: 'O3', patient_id: 'P2', ordered_at: '2024-03-01T10:00:00Z' }),
        makeOrder({ order_id: 'O4', patient_id: 'P1', ordered_at: '2024-03-02T10:00:00Z' }),
        makeOrder({ order_id: 'O5', patient_id: 'P3', ordered_at: '2024-03-03T10:00:00Z' }),
        // re-sent for another patient further down the file: the last line wins
        makeOrder({ order_id: 'O1', patient_id: 'P2', ordered_at: '2024-03-06T10:00:00Z' }),
      ],
      exams: [
        makeExam({ accession: 'A1', patient_id: 'P2', performed_at: '2023-01-02T10:00:00Z' }),
        makeExam({ accession: 'A2', patient_id: 'P1', performed_at: '2023-01-03T10:00:00Z' }),
        makeExam({ accession: 'A3', patient_id: 'P3', performed_at: '2023-01-01T10:00:00Z' }),
        makeExam({ accession: 'A4', patient_id: 'P1', performed_at: '2023-01-01T10:00:00Z' }),
        makeExam({ accession: 'A5', patient_id: 'P2', performed_at: '2023-01-01T10:00:00Z' }),
      ],
    });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
  });
  afterAll(async () => {
    await database.drop();
  });

  // (table, its natural key) in heap order, as patient:key
  it.each([
    ['orders', 'order_id', ['P1:O4', 'P1:O2', 'P2:O3', 'P2:O1', 'P3:O5']],
    ['exams', 'accession', ['P1:A4', 'P1:A2', 'P2:A5', 'P2:A1', 'P3:A3']],
  ])('numbers and stores the %s by patient, then time', async (table, key, expected) => {
    const rows = await inHeapOrder(
      database,
      `SELECT id, ${key} AS key, patient_id FROM ${table} ORDER BY ctid`,
    );
    expect(rows.map((row) => `${row.patient_id}:${row.key}`)).toEqual(expected);
    // the identifiers follow the same order, so what is keyed by them lies by patient too
    const ids = rows.map((row) => Number(row.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it('stores the cumulative dose in order, so by patient too', async () => {
    const doses = await inHeapOrder(
      database,
      `SELECT o.patient_id, o.order_id FROM order_dose d JOIN orders o ON o.id = d.order_pk
       ORDER BY d.ctid`,
    );
    expect(doses.map((row) => `${row.patient_id}:${row.order_id}`)).toEqual([
      'P1:O4',
      'P1:O2',
      'P2:O3',
      'P2:O1',
      'P3:O5',
    ]);
  });
});

describe('a first load writes the assessments in the order of the orders', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-first-order-'));
    await generateHospital({ patients: 600, months: 12, seed: 11, outDir: folder });
    // as at a million orders, no hash of the facts' joins fits in work_mem: the batches of a
    // hash join come out in another order than the orders (set for the database, so that the
    // import's new connections have it)
    await database.dataSource.query(
      `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(), '64kB'); END $$`,
    );
    const importer = createDataSource({ url: database.url, timeZone: 'UTC' });
    await importer.initialize();
    try {
      await new PipelineService(importer).importCsvFolder(folder);
    } finally {
      await importer.destroy();
    }
  });
  afterAll(async () => {
    await database.drop();
  });

  // the rows of the insert itself: the score then rewrites the cases (level IS NOT NULL), whose
  // new versions go where there is room, and adds the pattern signals (P codes) after them
  it.each([
    ['order_assessments', 'level IS NULL', 300],
    ['order_signals', "code LIKE 'E%'", 20],
  ])('stores %s by order', async (table, inserted, least) => {
    const [{ rows, descents }] = await database.dataSource.query(
      `SELECT count(*)::int AS rows, count(*) FILTER (WHERE next < order_pk)::int AS descents
       FROM (SELECT order_pk, lead(order_pk) OVER (ORDER BY ctid) AS next
             FROM ${table} WHERE ${inserted}) r`,
    );
    expect(rows).toBeGreaterThan(least);
    expect(descents).toBe(0);
  });
});
