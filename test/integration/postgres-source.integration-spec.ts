import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jest } from '@jest/globals';
import { Command } from 'commander';
import pg from 'pg';
import { registerImportPostgresCommand } from '../../backend/src/cli/import-postgres-command.js';
import { ImportError } from '../../backend/src/modules/ingestion/import.exception.js';
import type { PostgresImportSummary } from '../../backend/src/modules/ingestion/import.service.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { snapshotModelTables } from '../utils/model-snapshot.js';
import { createTestDatabase, withDatabase, type TestDatabase } from '../utils/test-database.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/postgres-source/', import.meta.url));
const MAPPING = path.join(FIXTURES, 'mapping.json');

/** A second real database on the test server: the hospital's source, schema unlike ours. */
async function createSourceDatabase(): Promise<{
  url: string;
  client: pg.Client;
  drop(): Promise<void>;
}> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error('TEST_PG_ADMIN_URL is not set: run through Jest globalSetup.');
  const name = `cg_test_source_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(await readFile(path.join(FIXTURES, 'source-schema.sql'), 'utf8'));
  return {
    url,
    client,
    async drop() {
      await client.end().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

const readCounts = (summary: PostgresImportSummary): Record<string, number> =>
  Object.fromEntries(summary.entities.map((entity) => [entity.entity, entity.rowsRead]));

const ORDERS_SQL = `
  SELECT o.order_id, o.patient_id, to_char(o.ordered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS ordered_at_utc,
         o.provider_id, p.name AS provider_name, d.name AS department, o.setting, o.indication_code,
         o.indication_text, o.requested_modality, o.contrast_allergy, o.egfr::float8 AS egfr,
         o.dose_alert_shown, o.comment
  FROM orders o
  LEFT JOIN providers p ON p.provider_id = o.provider_id
  LEFT JOIN departments d ON d.id = o.department_id
  WHERE o.source = 'postgres' ORDER BY o.order_id`;

const CHANGES_SQL = `
  SELECT o.order_id, to_char(c.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS changed_at_utc,
         c.action, c.new_modality, c.reason, c.changed_by
  FROM order_changes c JOIN orders o ON o.id = c.order_pk ORDER BY o.order_id, c.changed_at`;

const EXAMS_SQL = `
  SELECT e.accession, e.patient_id, o.order_id, to_char(e.performed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS performed_at_utc,
         e.modality, e.body_region, e.dlp_mgycm::float8 AS dlp_mgycm,
         e.recorded_effective_dose_msv::float8 AS recorded_msv
  FROM exams e LEFT JOIN orders o ON o.id = e.order_pk
  WHERE e.source = 'postgres' ORDER BY e.accession`;

/** Beside the model tables: what a run with nothing new must not change either. */
const SOURCE_STATE_QUERIES = [
  'SELECT * FROM rejections ORDER BY id',
  'SELECT source, entity, watermark, watermark_type, run_id FROM source_watermarks ORDER BY entity',
];

describe('PostgreSQL source: mapping, incremental watermarks, rejections', () => {
  let database: TestDatabase;
  let source: Awaited<ReturnType<typeof createSourceDatabase>>;
  const importSource = (pipeline = new PipelineService(database.dataSource)) =>
    pipeline.importPostgres({ sourceUrl: source.url, mappingFile: MAPPING, batchSize: 2 });
  const snapshotModel = () => snapshotModelTables(database.dataSource, SOURCE_STATE_QUERIES);

  beforeAll(async () => {
    database = await createTestDatabase();
    source = await createSourceDatabase();
  });
  afterAll(async () => {
    await source?.drop();
    await database?.drop();
  });

  it('loads the mapped source into the model and rejects rows that violate the mapping', async () => {
    const summary = await importSource();
    expect(readCounts(summary)).toEqual({ patients: 3, orders: 5, order_changes: 1, exams: 2 });
    expect(summary.rowsRead).toBe(11);
    expect(summary.rowsRejected).toBe(2);
    expect(summary.notes).toEqual([
      'postgres:patients: 1 row has no modified and was not read; give them a watermark in the mapping (e.g. coalesce(updated_at, created_at))',
      'postgres:exams: column station_name not in the import format, ignored',
    ]);

    expect(
      await database.dataSource.query(
        `SELECT patient_id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex FROM patients ORDER BY patient_id`,
      ),
    ).toEqual([
      { patient_id: 'MRN001', birth_date: '1960-05-04', sex: 'F' },
      { patient_id: 'MRN002', birth_date: '2015-09-30', sex: 'M' },
      { patient_id: 'MRN003', birth_date: '1988-12-12', sex: 'U' },
    ]);
    expect(await database.dataSource.query(ORDERS_SQL)).toEqual([
      {
        order_id: '1001',
        patient_id: 'MRN001',
        ordered_at_utc: '2024-03-01T09:00', // +01:00 in the source's text
        provider_id: 'D7',
        provider_name: 'Dr Seven',
        department: 'Emergency',
        setting: 'ED',
        indication_code: 'I26.99',
        indication_text: 'suspected PE',
        requested_modality: 'CT',
        contrast_allergy: false,
        egfr: 72.5,
        dose_alert_shown: false,
        comment: null,
      },
      {
        order_id: '1002',
        patient_id: 'MRN002',
        ordered_at_utc: '2024-03-02T14:30', // no offset: site time zone, UTC here
        provider_id: 'D8',
        provider_name: 'Dr Eight',
        department: 'Surgery',
        setting: 'IP',
        indication_code: 'K35.80',
        indication_text: 'RLQ pain',
        requested_modality: 'US',
        contrast_allergy: null,
        egfr: null,
        dose_alert_shown: null,
        comment: 'child: US first',
      },
      {
        order_id: '1005',
        patient_id: 'MRN003',
        ordered_at_utc: '2024-03-05T12:00',
        provider_id: 'D7',
        provider_name: 'Dr Seven',
        department: 'Oncology',
        setting: 'OP',
        indication_code: 'C34.90;Z91.041',
        indication_text: 'staging',
        requested_modality: 'CT',
        contrast_allergy: true,
        egfr: 25,
        dose_alert_shown: true,
        comment: 'has had many CTs',
      },
    ]);
    expect(await database.dataSource.query(CHANGES_SQL)).toEqual([
      {
        order_id: '1005',
        changed_at_utc: '2024-03-05T13:00',
        action: 'MODALITY_CHANGE',
        new_modality: 'MR',
        reason: 'many prior CTs, switch to MR',
        changed_by: 'D7',
      },
    ]);
    expect(await database.dataSource.query(EXAMS_SQL)).toEqual([
      {
        accession: 'ACC0',
        patient_id: 'MRN003',
        order_id: null,
        performed_at_utc: '2023-06-01T08:00',
        modality: 'CT',
        body_region: 'ABDOMEN_PELVIS',
        dlp_mgycm: 600,
        recorded_msv: 9.1,
      },
      {
        accession: 'ACC1',
        patient_id: 'MRN001',
        order_id: '1001',
        performed_at_utc: '2024-03-01T09:40',
        modality: 'CT',
        body_region: 'CHEST',
        dlp_mgycm: 350.5,
        recorded_msv: null,
      },
    ]);

    const rejections: { file: string; line: number; field: string; reason: string; raw: string }[] =
      await database.dataSource.query(
        'SELECT file, line, field, reason, raw FROM rejections ORDER BY file, line',
      );
    expect(
      rejections.map(({ file, line, field, reason }) => `${file}:${line}:${field}:${reason}`),
    ).toEqual([
      'postgres:orders:3:ordered_at:"2024-02-30 08:00" is not a calendar date',
      'postgres:orders:4:requested_modality:unknown modality "code 99" (expected CT, CR, DX, XA, RF, NM, PT, MG, US, MR)',
    ]);
    expect(JSON.parse(rejections[0].raw)).toMatchObject({
      order_id: '1003',
      ordered_at: '2024-02-30 08:00',
    });

    const [{ assessed }] = await database.dataSource.query(
      'SELECT count(*)::int AS assessed FROM order_assessments',
    );
    expect(assessed).toBe(3); // the load is analysed, as every pipeline load is

    expect(
      await database.dataSource.query(
        'SELECT entity, watermark, watermark_type, run_id FROM source_watermarks ORDER BY entity',
      ),
    ).toEqual([
      {
        entity: 'exams',
        watermark: '2024-03-01 10:00:00.5+00',
        watermark_type: 'timestamp with time zone',
        run_id: summary.runId,
      },
      { entity: 'order_changes', watermark: '1', watermark_type: 'bigint', run_id: summary.runId },
      {
        entity: 'orders',
        watermark: '2024-03-05 12:01:00.987654+00',
        watermark_type: 'timestamp with time zone',
        run_id: summary.runId,
      },
      {
        entity: 'patients',
        watermark: '2024-01-02 09:00:00.000001+00',
        watermark_type: 'timestamp with time zone',
        run_id: summary.runId,
      },
    ]);
  });

  it('reads nothing when the source has nothing new, even with microsecond watermarks', async () => {
    const before = await snapshotModel();
    const summary = await importSource();
    expect(readCounts(summary)).toEqual({ patients: 0, orders: 0, order_changes: 0, exams: 0 });
    expect(summary.rowsRead).toBe(0);
    expect(summary.touchedPatients).toBe(0);
    expect(await snapshotModel()).toEqual(before);
  });

  it('keeps the watermarks when the run fails after landing, so the rows are read again', async () => {
    await source.client.query(`
      INSERT INTO pat VALUES ('MRN004', '1975-07-07', 2, '2024-04-01 08:00:00+00');
      INSERT INTO req VALUES (1006, 'MRN004', '2024-04-01T09:00:00-04:00', 40, 1, 'D7', 'Dr Seven',
        'S82.90', NULL, 'fall', NULL, NULL, 'N', NULL, '2024-04-01 09:00:00+00');
      UPDATE req SET icd = 'R10.31', remark = 'now RLQ pain, still US', last_mod = '2024-04-02 10:00:00+00'
        WHERE req_no = 1002;
      UPDATE req SET placed_ts = '2024-03-03 08:00', last_mod = '2024-04-03 00:00:00+00'
        WHERE req_no = 1003;
      INSERT INTO req_audit (req_no, audit_ts, audit_type, new_modality_cd, note, user_id)
        VALUES (1002, '2024-04-02 11:00:00+00', 'CXL', NULL, 'patient declined', 'D8');
      INSERT INTO study VALUES ('ACC2', 'MRN004', 1006, '2024-04-01 13:30:00', 40, 'extremity',
        NULL, NULL, 'DX1', '2024-04-01 14:00:00+00');`);
    const before = await snapshotModel();
    const failing = new PipelineService(database.dataSource, {
      afterAnalysis: [
        {
          name: 'failing',
          run: async () => {
            throw new Error('analysis failed');
          },
        },
      ],
    });
    await expect(importSource(failing)).rejects.toThrow('analysis failed');
    expect(await snapshotModel()).toEqual(before);
    const [run] = await database.dataSource.query(
      'SELECT status, message FROM ingest_runs ORDER BY id DESC LIMIT 1',
    );
    expect(run).toEqual({ status: 'failed', message: 'analysis failed' });
  });

  it('then reads only the new and changed rows, and the model follows the change', async () => {
    const summary = await importSource();
    expect(readCounts(summary)).toEqual({ patients: 1, orders: 3, order_changes: 1, exams: 1 });
    expect(summary.rowsRejected).toBe(0);
    const orders: {
      order_id: string;
      ordered_at_utc: string;
      indication_code: string;
      comment: string | null;
    }[] = await database.dataSource.query(ORDERS_SQL);
    expect(
      orders.map(({ order_id, ordered_at_utc, indication_code, comment }) => ({
        order_id,
        ordered_at_utc,
        indication_code,
        comment,
      })),
    ).toEqual([
      {
        order_id: '1001',
        ordered_at_utc: '2024-03-01T09:00',
        indication_code: 'I26.99',
        comment: null,
      },
      {
        order_id: '1002',
        ordered_at_utc: '2024-03-02T14:30',
        indication_code: 'R10.31',
        comment: 'now RLQ pain, still US',
      },
      {
        order_id: '1003',
        ordered_at_utc: '2024-03-03T08:00',
        indication_code: 'I26.99',
        comment: null,
      },
      {
        order_id: '1005',
        ordered_at_utc: '2024-03-05T12:00',
        indication_code: 'C34.90;Z91.041',
        comment: 'has had many CTs',
      },
      {
        order_id: '1006',
        ordered_at_utc: '2024-04-01T13:00',
        indication_code: 'S82.90',
        comment: null,
      },
    ]);
    const changes: { order_id: string; action: string; reason: string }[] =
      await database.dataSource.query(CHANGES_SQL);
    expect(
      changes.map(({ order_id, action, reason }) => `${order_id} ${action} ${reason}`),
    ).toEqual([
      '1002 CANCEL patient declined',
      '1005 MODALITY_CHANGE many prior CTs, switch to MR',
    ]);
    const exams: {
      accession: string;
      order_id: string | null;
      modality: string;
      body_region: string;
    }[] = await database.dataSource.query(EXAMS_SQL);
    expect(
      exams.map(
        ({ accession, order_id, modality, body_region }) =>
          `${accession} ${order_id} ${modality} ${body_region}`,
      ),
    ).toEqual(['ACC0 null CT ABDOMEN_PELVIS', 'ACC1 1001 CT CHEST', 'ACC2 1006 DX EXTREMITY']);
    const [{ count }] = await database.dataSource.query(
      'SELECT count(*)::int AS count FROM patients',
    );
    expect(count).toBe(4);
  });

  it('reads nothing on a third run and leaves the model as it was', async () => {
    const before = await snapshotModel();
    const summary = await importSource();
    expect(readCounts(summary)).toEqual({ patients: 0, orders: 0, order_changes: 0, exams: 0 });
    expect(await snapshotModel()).toEqual(before);
  });

  it('reads everything again with full: true and changes nothing in the model', async () => {
    const modelOnly = () => snapshotModelTables(database.dataSource);
    const before = await modelOnly();
    const summary = await new PipelineService(database.dataSource).importPostgres({
      sourceUrl: source.url,
      mappingFile: MAPPING,
      full: true,
    });
    expect(readCounts(summary)).toEqual({ patients: 4, orders: 6, order_changes: 2, exams: 3 });
    expect(summary.touchedPatients).toBe(0);
    expect(await modelOnly()).toEqual(before);
    const [orders] = await database.dataSource.query(
      `SELECT watermark FROM source_watermarks WHERE entity = 'orders'`,
    );
    expect(orders.watermark).toBe('2024-04-03 00:00:00+00');
  });

  it('stops with one line when the mapping does not fit the source', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-mapping-'));
    const tryMapping = async (orders: { sql: string; watermark: string }) => {
      const file = path.join(folder, `mapping-${randomBytes(3).toString('hex')}.json`);
      await writeFile(file, JSON.stringify({ orders }));
      const pipeline = new PipelineService(database.dataSource);
      return {
        file,
        result: pipeline.importPostgres({ sourceUrl: source.url, mappingFile: file }),
      };
    };
    const lacking = await tryMapping({
      sql: 'SELECT req_no AS order_id, mrn AS patient_id, modality_cd AS requested_modality, last_mod FROM req',
      watermark: 'last_mod',
    });
    await expect(lacking.result).rejects.toThrow(
      new ImportError(
        `${lacking.file}: orders.sql lacks required column ordered_at (it returns order_id, patient_id, requested_modality, last_mod).`,
      ),
    );
    const noWatermark = await tryMapping({
      sql: 'SELECT req_no AS order_id, mrn AS patient_id, placed_ts AS ordered_at, modality_cd AS requested_modality FROM req',
      watermark: 'updated_at',
    });
    await expect(noWatermark.result).rejects.toThrow(
      `${noWatermark.file}: orders.watermark "updated_at" is not a column of orders.sql (it returns order_id, patient_id, ordered_at, requested_modality).`,
    );
    const broken = await tryMapping({ sql: 'SELECT * FROM requests', watermark: 'x' });
    await expect(broken.result).rejects.toThrow(
      `${broken.file}: orders.sql fails on the source database: relation "requests" does not exist.`,
    );
    const runs = await database.dataSource.query(
      `SELECT count(*)::int AS count FROM ingest_runs WHERE status = 'running'`,
    );
    expect(runs).toEqual([{ count: 0 }]);
  });
  it('runs as `grounds import postgres` and prints the summary and the rows read per entity', async () => {
    const target = await createTestDatabase();
    const saved = { ...process.env };
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => {
      printed.push(line);
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      Object.assign(process.env, {
        DATABASE_URL: target.url,
        SOURCE_DATABASE_URL: source.url,
        SOURCE_MAPPING: MAPPING,
      });
      const program = new Command('grounds').exitOverride();
      registerImportPostgresCommand(program.command('import'));
      await program.parseAsync(['node', 'grounds', 'import', 'postgres', '--source', 'his']);
    } finally {
      log.mockRestore();
      stderr.mockRestore();
      process.env = saved;
      await target.drop();
    }
    expect(printed[0]).toMatch(
      /^Import run \d+: 15 rows read, 14 loaded, 1 rejected, 0 warnings, 4 patients updated, in [\d.]+ m?s\.$/,
    );
    expect(printed.slice(1, 5)).toEqual([
      '  postgres:patients: 4 rows read, watermark 2024-04-01 08:00:00+00',
      '  postgres:orders: 6 rows read, watermark 2024-04-03 00:00:00+00',
      '  postgres:order_changes: 2 rows read, watermark 2',
      '  postgres:exams: 3 rows read, watermark 2024-04-01 14:00:00+00',
    ]);
    expect(printed.slice(5)).toEqual([
      'error: postgres:orders:2: requested_modality: unknown modality "code 99" (expected CT, CR, DX, XA, RF, NM, PT, MG, US, MR)',
    ]);
  });
});
