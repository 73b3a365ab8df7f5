import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ImportError } from '../../backend/src/modules/ingestion/import.exception.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { snapshotModelTables } from '../utils/model-snapshot.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

const ORDER_HEADER =
  'order_id,patient_id,ordered_at,provider_id,provider_name,department,setting,indication_code,' +
  'indication_text,requested_modality,requested_procedure,pregnancy_status,contrast_allergy,egfr,' +
  'dose_alert_shown,comment';

const snapshotModel = (database: TestDatabase) => snapshotModelTables(database.dataSource);

async function writeMalformedFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-bad-'));
  await writeFile(
    path.join(folder, 'patients.csv'),
    'patient_id,birth_date,sex,favourite_colour\nP1,1970-01-01,F,blue\nP2,1985-06-15,m,red\nP3,1990-02-30,F,green\n',
  );
  const lines = [
    ORDER_HEADER, //                                                                    line 1
    'O1,P1,2024-03-01T10:00:00Z,DR1,Dr One,Emergency,ED,I26.99,PE?,CT,,,,,,', //         line 2 good
    'O2,P1,2024-02-30T10:00:00Z,DR1,Dr One,Emergency,ED,I26.99,,CT,,,,,,', //            line 3 bad date
    'O3,P1,2024-03-02T10:00:00Z,DR1,Dr One,Emergency,ED,I26.99,,XR,,,,,,', //            line 4 unknown modality
    'O4,,2024-03-03T10:00:00Z,DR1,Dr One,Emergency,ED,I26.99,,CT,,,,,,', //              line 5 missing patient
    'O5,P9,2024-03-04T10:00:00Z,DR1,Dr One,Emergency,ED,I26.99,,CT,,,,,,', //            line 6 unknown patient
    'O6,P2,2024-03-05T10:00:00Z,DR2,Dr Two,Surgery,IP,K35.80,,CT,,,,,,', //              line 7 duplicate (loses)
    'O6,P2,2024-03-05T11:00:00Z,DR2,Dr Two,Surgery,IP,K35.80,,US,,,,,,', //              line 8 duplicate (wins)
    'O7,P2,2024-03-06T10:00:00Z,DR2', //                                                 line 9 wrong column count
    'O8,P2,2024-03-07T10:00:00Z,DR2,Dr Two,Surgery,IP,K35.80,,CT,,,,,,"spans', //        line 10 multi-line comment: good
    'two lines"',
    'O9,P2,"2024-03-08', //                                                              line 12 multi-line date: bad
    'T10:00:00Z",DR2,Dr Two,Surgery,IP,K35.80,,CT,,,,,,',
    'O10,P3,2024-03-09T10:00:00Z,DR2,Dr Two,Surgery,IP,K35.80,,CT,,,,,,', //             line 14 patient rejected
    'O11,P1,2024-03-10T10:00:00Z,DR1,Dr One,Emergency,ED,I26.99,,ct,,,,,,', //           line 15 good (case)
  ];
  await writeFile(path.join(folder, 'orders.csv'), `${lines.join('\n')}\n`);
  await writeFile(path.join(folder, 'notes.txt'), 'not part of the import\n');
  return folder;
}

describe('CSV import: malformed rows, idempotency, fatal errors', () => {
  let database: TestDatabase;
  let folder: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    folder = await writeMalformedFolder();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('loads the good rows and lists each bad row with file, line, field and reason', async () => {
    const summary = await new PipelineService(database.dataSource).importCsvFolder(folder);
    expect(summary.rowsRead).toBe(3 + 12); // 12 order records on 14 lines
    const orders: { order_id: string; requested_modality: string; comment: string | null }[] =
      await database.dataSource.query(
        'SELECT order_id, requested_modality, comment FROM orders ORDER BY order_id',
      );
    expect(orders).toEqual([
      { order_id: 'O1', requested_modality: 'CT', comment: null },
      { order_id: 'O11', requested_modality: 'CT', comment: null },
      { order_id: 'O6', requested_modality: 'US', comment: null },
      { order_id: 'O8', requested_modality: 'CT', comment: 'spans\ntwo lines' },
    ]);
    const rejections: {
      file: string;
      line: number;
      field: string | null;
      reason: string;
      severity: string;
    }[] = await database.dataSource.query(
      'SELECT file, line, field, reason, severity FROM rejections ORDER BY file, line',
    );
    const shown = rejections.map(
      (row) =>
        `${path.basename(row.file)}:${row.line}:${row.field ?? '-'}:${row.severity}:${row.reason}`,
    );
    expect(shown).toEqual([
      'orders.csv:3:ordered_at:error:"2024-02-30T10:00:00Z" is not a calendar date',
      'orders.csv:4:requested_modality:error:unknown modality "XR" (expected CT, CR, DX, XA, RF, NM, PT, MG, US, MR)',
      'orders.csv:5:patient_id:error:required field is empty',
      'orders.csv:6:patient_id:error:unknown patient',
      'orders.csv:7:order_id:warning:duplicate order_id in this file: line 8 wins',
      'orders.csv:9:-:error:expected 16 fields, found 4',
      'orders.csv:12:ordered_at:error:"2024-03-08\nT10:00:00Z" is not an ISO 8601 timestamp',
      'orders.csv:14:patient_id:error:unknown patient',
      'patients.csv:4:birth_date:error:"1990-02-30" is not a calendar date',
    ]);
    expect(summary.rowsRejected).toBe(8);
    expect(summary.rowsWarned).toBe(1);
    expect(summary.notes).toEqual([
      `${folder}/notes.txt: not part of the import format, ignored`,
      `${path.join(folder, 'patients.csv')}: unknown column favourite_colour ignored`,
    ]);
  });

  it('changes nothing in the model and reports no bad line twice on a re-run', async () => {
    const before = await snapshotModel(database);
    const [{ count: rejectionsBefore }] = await database.dataSource.query(
      'SELECT count(*)::int AS count FROM rejections',
    );
    const summary = await new PipelineService(database.dataSource).importCsvFolder(folder);
    expect(summary.touchedPatients).toBe(0);
    expect(await snapshotModel(database)).toEqual(before);
    const [{ count: rejectionsAfter }] = await database.dataSource.query(
      'SELECT count(*)::int AS count FROM rejections',
    );
    expect(rejectionsAfter).toBe(rejectionsBefore);
    const runs = await database.dataSource.query(
      `SELECT status, rows_read, rows_rejected FROM ingest_runs ORDER BY id`,
    );
    expect(runs).toEqual([
      { status: 'succeeded', rows_read: 15, rows_rejected: 8 },
      { status: 'succeeded', rows_read: 15, rows_rejected: 8 },
    ]);
  });

  it('stops with a one-line reason when orders.csv or a required column is missing', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'cg-empty-'));
    await expect(new PipelineService(database.dataSource).importCsvFolder(empty)).rejects.toThrow(
      new ImportError(
        `${path.join(empty, 'orders.csv')}: missing; orders.csv is required in an import folder.`,
      ),
    );
    await writeFile(path.join(empty, 'orders.csv'), 'order_id,patient_id,requested_modality\n');
    await expect(new PipelineService(database.dataSource).importCsvFolder(empty)).rejects.toThrow(
      `${path.join(empty, 'orders.csv')}: line 1: missing required column ordered_at.`,
    );
  });

  it('reads timestamps without an offset in the site time zone', async () => {
    const zoned = await createTestDatabase({ timeZone: 'America/New_York' });
    try {
      const local = await mkdtemp(path.join(os.tmpdir(), 'cg-tz-'));
      await writeFile(path.join(local, 'patients.csv'), 'patient_id,birth_date\nP1,1970-01-01\n');
      await writeFile(
        path.join(local, 'orders.csv'),
        'order_id,patient_id,ordered_at,requested_modality\nO1,P1,2024-07-01T08:00:00,CT\n',
      );
      await new PipelineService(zoned.dataSource).importCsvFolder(local);
      const [row] = await zoned.dataSource.query(
        `SELECT to_char(ordered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS utc FROM orders`,
      );
      expect(row.utc).toBe('2024-07-01T12:00'); // EDT is UTC-4 in July
    } finally {
      await zoned.drop();
    }
  });
});
