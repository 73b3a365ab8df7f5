import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../../backend/src/database/data-source.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { insertDuplicateWarningsSql } from '../../backend/src/modules/ingestion/normaliser.sql.js';
import { makeExam, makeOrder, makePatient, writeCsvFolder } from '../factories/csv-folder.js';
import { imagingStudy, ndjson, serviceRequest } from '../factories/fhir-resources.js';
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

/** insertDuplicateWarningsSql's answer for a run, in a transaction rolled back. */
const keysRepeat = async (database: TestDatabase, entity: 'orders' | 'exams', runId: number) => {
  const key = entity === 'orders' ? 'order_id' : 'accession';
  const runner = database.dataSource.createQueryRunner();
  await runner.startTransaction();
  try {
    const [{ repeated }] = await runner.query(
      insertDuplicateWarningsSql(`landing_${entity}`, `l.${key}`),
      [runId, entity, key],
    );
    return repeated as boolean;
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
};

describe('a first load keeps the last row of a key only when a key repeats', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    // run 1, a clean CSV folder: no key twice
    await new PipelineService(database.dataSource).importCsvFolder(
      await writeCsvFolder({
        patients: [makePatient({ patient_id: 'C1' })],
        orders: [makeOrder({ order_id: 'CO1', patient_id: 'C1' })],
        exams: [makeExam({ accession: 'CA1', patient_id: 'C1', order_id: 'CO1' })],
      }),
    );
    // run 2, a CSV folder with an order and an exam twice in their files
    await new PipelineService(database.dataSource).importCsvFolder(
      await writeCsvFolder({
        patients: [makePatient({ patient_id: 'C2' })],
        orders: ['CO2', 'CO2'].map((order_id) => makeOrder({ order_id, patient_id: 'C2' })),
        exams: ['CA2', 'CA2'].map((accession) => makeExam({ accession, patient_id: 'C2' })),
      }),
    );
  });
  afterAll(async () => {
    await database.drop();
  });

  it('finds no repeated key in a clean run and finds the one in a file', async () => {
    expect(await keysRepeat(database, 'orders', 1)).toBe(false);
    expect(await keysRepeat(database, 'exams', 1)).toBe(false);
    expect(await keysRepeat(database, 'orders', 2)).toBe(true);
    expect(await keysRepeat(database, 'exams', 2)).toBe(true);
  });

  it('loads an order and a study sent in two FHIR files, once each, the later line winning', async () => {
    const fresh = await createTestDatabase();
    try {
      const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-first-repeat-'));
      const patients = ['F1', 'F2'].map((id) => ({
        resourceType: 'Patient',
        id,
        birthDate: '1970-01-01',
        gender: 'female',
      }));
      // the same order and study in both files (no warning: not twice in one file); in b they
      // stand on a later line (the last line of a key wins, as in one file)
      await writeFile(
        path.join(folder, 'a.ndjson'),
        ndjson(
          ...patients,
          serviceRequest('FO1', 'F2', { authoredOn: '2024-03-01T10:00:00Z' }),
          imagingStudy('FA1', 'F2', 'FO1', { started: '2024-03-02T10:00:00Z' }),
        ),
      );
      await writeFile(
        path.join(folder, 'b.ndjson'),
        ndjson(
          serviceRequest('FO0', 'F1', { authoredOn: '2024-02-01T10:00:00Z' }),
          imagingStudy('FA0', 'F1', 'FO0', { started: '2024-02-02T10:00:00Z' }),
          ...patients,
          serviceRequest('FO1', 'F2', { authoredOn: '2024-03-05T10:00:00Z' }),
          imagingStudy('FA1', 'F2', 'FO1', { started: '2024-03-06T10:00:00Z' }),
        ),
      );
      const summary = await new PipelineService(fresh.dataSource).importFhir(folder);
      expect(summary.rowsRejected).toBe(0);
      expect(summary.rowsWarned).toBe(0);
      expect(await keysRepeat(fresh, 'orders', 1)).toBe(true);
      expect(await keysRepeat(fresh, 'exams', 1)).toBe(true);
      const orders = await inHeapOrder(
        fresh,
        `SELECT order_id, patient_id, to_char(ordered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS ordered_at FROM orders ORDER BY ctid`,
      );
      expect(orders).toEqual([
        { order_id: 'FO0', patient_id: 'F1', ordered_at: '2024-02-01 10:00' },
        { order_id: 'FO1', patient_id: 'F2', ordered_at: '2024-03-05 10:00' },
      ]);
      const exams = await inHeapOrder(
        fresh,
        `SELECT e.accession, o.order_id, to_char(e.performed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS performed_at
         FROM exams e JOIN orders o ON o.id = e.order_pk ORDER BY e.ctid`,
      );
      expect(exams).toEqual([
        { accession: 'FA0', order_id: 'FO0', performed_at: '2024-02-02 10:00' },
        { accession: 'FA1', order_id: 'FO1', performed_at: '2024-03-06 10:00' },
      ]);
    } finally {
      await fresh.drop();
    }
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
