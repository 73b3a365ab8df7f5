import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import AdmZip from 'adm-zip';
import { stringify } from 'csv-stringify/sync';
import { print } from 'graphql';
import request from 'supertest';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppModule } from '../../backend/src/app.module.js';
import { generateFhirHospital } from '../../backend/src/modules/synthetic/generate-fhir-hospital.js';
import { IMPORT_COLUMNS } from '../../backend/src/modules/ingestion/import-format.js';
import { MODEL_WRITE_LOCK_NAMESPACE } from '../../backend/src/modules/ingestion/model-write-lock.js';
import {
  AppropriatenessTableDocument,
  CreateReferenceVersionDocument,
  LatestReassessmentDocument,
  ReferenceVersionsDocument,
  UpdateSettingDocument,
  type AppropriatenessTableQuery,
  type CreateReferenceVersionMutation,
  type LatestReassessmentQuery,
  type ReferenceVersionsQuery,
} from '../../frontend/src/generated/graphql.js';
import { makeExam, makeOrder, makePatient } from '../factories/csv-folder.js';
import { authHeader, createUserWithToken } from '../utils/auth.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';
import { waitForRun } from '../utils/wait-for-run.js';

type Row = Record<string, string | number | boolean | null | undefined>;

const csvOf = (entity: keyof typeof IMPORT_COLUMNS, rows: Row[]): Buffer => {
  const columns = IMPORT_COLUMNS[entity].map((column) => column.name);
  return Buffer.from(
    stringify([columns, ...rows.map((row) => columns.map((name) => row[name] ?? ''))]),
  );
};

/** A zipped CSV folder: two patients, three orders (one for a patient nobody knows), an exam. */
const hospitalZip = (): Buffer => {
  const zip = new AdmZip();
  zip.addFile(
    'export/patients.csv',
    csvOf('patients', [makePatient({ patient_id: 'P1' }), makePatient({ patient_id: 'P2' })]),
  );
  zip.addFile(
    'export/orders.csv',
    csvOf('orders', [
      makeOrder({ order_id: 'O1', patient_id: 'P1' }),
      makeOrder({ order_id: 'O2', patient_id: 'P2' }),
      makeOrder({ order_id: 'O3', patient_id: 'NOBODY' }),
    ]),
  );
  zip.addFile(
    'export/exams.csv',
    csvOf('exams', [makeExam({ accession: 'A1', patient_id: 'P1' })]),
  );
  zip.addFile('__MACOSX/export/._orders.csv', Buffer.from('junk'));
  return zip.toBuffer();
};

describe('admin routes: uploads, rejections CSV, the appropriateness table', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let admin: { Authorization: string };
  let auditor: { Authorization: string };
  let qualityManager: { Authorization: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await NestFactory.create(AppModule.forRoot({ dataSource: database.dataSource }), {
      logger: false,
    });
    await app.init();
    const tokenOf = async (role: 'ADMIN' | 'AUDITOR' | 'QUALITY_MANAGER') =>
      authHeader((await createUserWithToken(database.dataSource, { role })).token);
    admin = await tokenOf('ADMIN');
    auditor = await tokenOf('AUDITOR');
    qualityManager = await tokenOf('QUALITY_MANAGER');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const post = (document: Parameters<typeof print>[0], variables: Record<string, unknown> = {}) =>
    request(app.getHttpServer())
      .post('/graphql')
      .set(admin)
      .send({ query: print(document), variables });

  it('imports a zipped CSV folder as one run named after the upload, and lists its rejections as CSV', async () => {
    const response = await request(app.getHttpServer())
      .post('/imports')
      .set(admin)
      .attach('file', hospitalZip(), 'hospital.zip');
    // answered once the run is open; the import goes on in the background
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ runId: expect.any(Number), kind: 'csv', status: 'running' });
    const runId = response.body.runId as number;

    const run = await waitForRun(database.dataSource, runId);
    const [{ email }] = await database.dataSource.query(
      `SELECT u.email FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE u.role = 'ADMIN' LIMIT 1`,
    );
    expect(run).toMatchObject({
      target: 'upload: hospital.zip',
      files: ['patients.csv', 'orders.csv', 'exams.csv'],
      started_by: email,
      status: 'succeeded',
      rows_read: 6,
      rows_loaded: 5,
      rows_rejected: 1,
    });
    const orders = await database.dataSource.query('SELECT order_id FROM orders ORDER BY 1');
    expect(orders.map((row: { order_id: string }) => row.order_id)).toEqual(['O1', 'O2']);

    const csv = await request(app.getHttpServer())
      .get(`/exports/rejections.csv?runId=${runId}`)
      .set(auditor);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="rejections-run-${runId}.csv"`,
    );
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('run_id,source,entity,file,line,field,severity,reason,raw');
    expect(lines).toHaveLength(2);
    // the file is named as inside the zip, not by the server's temporary folder
    expect(lines[1]).toMatch(
      new RegExp(`^${runId},csv,orders,export/orders\\.csv,4,patient_id,error,unknown patient,`),
    );
  });

  it('imports a zip of FHIR NDJSON files through the FHIR importer', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-fhir-upload-'));
    await generateFhirHospital({ patients: 30, months: 3, seed: 11, outDir: folder });
    const zip = new AdmZip();
    const files = (await readdir(folder)).filter((name) => name.endsWith('.ndjson'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) zip.addFile(`fhir/${name}`, await readFile(path.join(folder, name)));

    const response = await request(app.getHttpServer())
      .post('/imports')
      .set(admin)
      .attach('file', zip.toBuffer(), 'fhir-export.zip');
    expect(response.status).toBe(202);
    expect(response.body.kind).toBe('fhir');
    const run = await waitForRun(database.dataSource, response.body.runId);
    expect(run).toMatchObject({
      kind: 'fhir',
      target: 'upload: fhir-export.zip',
      files: [...files].sort(),
      status: 'succeeded',
    });
    expect(run.rows_loaded).toBeGreaterThan(0);
    const [{ patients }] = await database.dataSource.query(
      `SELECT count(*)::int AS patients FROM patients WHERE patient_id NOT IN ('P1', 'P2')`,
    );
    expect(patients).toBe(30);
  });

  it('refuses what it cannot import with one sentence, and importing nothing', async () => {
    const text = await request(app.getHttpServer())
      .post('/imports')
      .set(admin)
      .attach('file', Buffer.from('hello'), 'notes.txt');
    expect(text.status).toBe(400);
    expect(text.body.message).toBe(
      'notes.txt: upload a .zip of CSV files, FHIR .json or .ndjson, or DICOM dose reports (.dcm).',
    );

    const empty = new AdmZip();
    empty.addFile('readme.txt', Buffer.from('nothing here'));
    const noData = await request(app.getHttpServer())
      .post('/imports')
      .set(admin)
      .attach('file', empty.toBuffer(), 'empty.zip');
    expect(noData.status).toBe(400);
    expect(noData.body.message).toBe(
      'empty.zip: the zip holds no orders.csv, no FHIR .json or .ndjson and no DICOM .dcm file; nothing was imported.',
    );

    const missing = await request(app.getHttpServer()).post('/imports').set(admin);
    expect(missing.status).toBe(400);

    const [{ runs }] = await database.dataSource.query(
      'SELECT count(*)::int AS runs FROM ingest_runs',
    );
    // the CSV and FHIR uploads above; the refused ones opened no run
    expect(runs).toBe(2);
  });

  it('answers an unknown or malformed run number for the rejections CSV', async () => {
    const unknown = await request(app.getHttpServer())
      .get('/exports/rejections.csv?runId=9999')
      .set(admin);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('There is no import run 9999.');
    const malformed = await request(app.getHttpServer())
      .get('/exports/rejections.csv?runId=abc')
      .set(admin);
    expect(malformed.status).toBe(400);
  });

  it('stores an edited appropriateness table as a new reference version and reassesses the orders', async () => {
    const answer = await post(AppropriatenessTableDocument);
    expect(answer.body.errors).toBeUndefined();
    const table = answer.body.data as AppropriatenessTableQuery;
    const before = table.appropriatenessTable;
    expect(before.rows.length).toBeGreaterThan(10);
    const rows = before.rows.map(({ __typename, ...row }) => row);
    const edited = rows.map((row, index) =>
      index === 0 ? { ...row, rating: row.rating === 9 ? 8 : 9 } : row,
    );

    const response = await post(CreateReferenceVersionDocument, {
      input: { note: 'PE: CT rated by the site', rows: edited },
    });
    expect(response.body.errors).toBeUndefined();
    const created = (response.body.data as CreateReferenceVersionMutation).createReferenceVersion;
    expect(created.created).toBe(true);
    expect(created.version).toMatchObject({
      version: before.referenceVersion + 1,
      note: 'PE: CT rated by the site',
      current: true,
    });
    // every order loaded above is reassessed under the new version, in the background
    const [{ orders }] = await database.dataSource.query(
      'SELECT count(*)::int AS orders FROM orders',
    );
    expect(created.reassessmentRunId).toMatch(/^\d+$/);
    const run = await waitForRun(database.dataSource, created.reassessmentRunId!);
    expect(run).toMatchObject({
      kind: 'analyse',
      source: 'reference',
      status: 'succeeded',
      target: `reference version ${before.referenceVersion + 1}: PE: CT rated by the site`,
      rows_read: orders,
    });
    const [{ version }] = await database.dataSource.query(
      'SELECT DISTINCT reference_version AS version FROM order_assessments',
    );
    expect(version).toBe(before.referenceVersion + 1);

    const again = await post(CreateReferenceVersionDocument, {
      input: { note: 'same', rows: edited },
    });
    expect(
      (again.body.data as CreateReferenceVersionMutation).createReferenceVersion,
    ).toMatchObject({
      created: false,
      reassessmentRunId: null,
      version: { version: before.referenceVersion + 1 },
    });

    const versions = (await post(ReferenceVersionsDocument)).body.data as ReferenceVersionsQuery;
    expect(versions.referenceVersions.map((row) => [row.version, row.current])).toEqual([
      [before.referenceVersion + 1, true],
      [before.referenceVersion, false],
    ]);
  });

  it('names the row and field of a bad rating', async () => {
    const table = (await post(AppropriatenessTableDocument)).body.data as AppropriatenessTableQuery;
    const rows = table.appropriatenessTable.rows.map(({ __typename, ...row }) => row);
    const bad = rows.map((row, index) => (index === 2 ? { ...row, rating: 12 } : row));
    const response = await post(CreateReferenceVersionDocument, {
      input: { note: 'typo', rows: bad },
    });
    expect(response.body.errors[0].message).toBe('Row 3: rating: a whole number from 1 to 9.');
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('lets only an admin import or change the table, and only admins and auditors read rejections', async () => {
    const server = app.getHttpServer();
    const anonymous = await request(server).get('/exports/rejections.csv');
    expect(anonymous.status).toBe(401);
    const manager = await request(server).get('/exports/rejections.csv').set(qualityManager);
    expect(manager.status).toBe(403);
    const auditorUpload = await request(server)
      .post('/imports')
      .set(auditor)
      .attach('file', hospitalZip(), 'hospital.zip');
    expect(auditorUpload.status).toBe(403);
    const mutation = await request(server)
      .post('/graphql')
      .set(auditor)
      .send({
        query: print(CreateReferenceVersionDocument),
        variables: { input: { note: 'no', rows: [] } },
      });
    expect(mutation.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('answers a settings change at once and reassesses in the background, one writer at a time, later changes joining a queued run', async () => {
    // this spec holds the model write lock, as an import or another reassessment would
    const holder = database.dataSource.createQueryRunner();
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1, 0)', [MODEL_WRITE_LOCK_NAMESPACE]);
    let runId: string;
    let secondVersion: number;
    try {
      const answer = await post(UpdateSettingDocument, {
        input: { key: 'cascade.days', value: '25' },
      });
      expect(answer.body.errors).toBeUndefined();
      const latest = async () =>
        ((await post(LatestReassessmentDocument)).body.data as LatestReassessmentQuery).ingestRuns
          .nodes[0];
      const queued = await latest();
      expect(queued).toMatchObject({
        source: 'settings',
        status: 'queued',
        target: `settings version ${answer.body.data.updateSetting.version}: cascade.days 30 → 25`,
      });
      expect(queued.startedBy).toMatch(/^admin-/);
      runId = queued.id;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await latest()).status).toBe('queued'); // still waiting for the lock
      // a second change while it waits joins it: one reassessment will cover both
      const second = await post(UpdateSettingDocument, {
        input: { key: 'cascade.days', value: '24' },
      });
      expect(second.body.errors).toBeUndefined();
      secondVersion = second.body.data.updateSetting.version;
      expect(await latest()).toMatchObject({
        id: runId,
        status: 'queued',
        target: `settings version ${answer.body.data.updateSetting.version}: cascade.days 30 → 25; settings version ${secondVersion}: cascade.days 25 → 24`,
      });
    } finally {
      await holder.query('SELECT pg_advisory_unlock_all()');
      await holder.release();
    }
    const run = await waitForRun(database.dataSource, runId);
    const [{ orders }] = await database.dataSource.query(
      'SELECT count(*)::int AS orders FROM orders',
    );
    expect(run).toMatchObject({ status: 'succeeded', rows_read: orders });
    expect(run.message).toMatch(
      /^[\d,]+ orders reassessed, [\d,]+ re-dosed, [\d,]+ clinicians rescored under settings version \d+ in [\d.]+ s\.$/,
    );
    const [audit] = await database.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'settings.changed' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.details).toMatchObject({
      before: '25',
      after: '24',
      reassessmentRunId: Number(runId),
    });
    // the assessments follow the newest settings version, not the one that queued the run
    const [{ versions }] = await database.dataSource.query(
      `SELECT array_agg(DISTINCT settings_version) AS versions FROM order_assessments`,
    );
    expect(versions).toEqual([secondVersion!]);
  });

  it('records a reassessment that fails on its run, with the reason', async () => {
    await database.dataSource.query(`
      CREATE FUNCTION spec_refuse_assessments() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the spec refuses to write assessments'; END $$`);
    await database.dataSource.query(`
      CREATE TRIGGER spec_refuse_assessments BEFORE INSERT OR UPDATE ON order_assessments
      FOR EACH STATEMENT EXECUTE FUNCTION spec_refuse_assessments()`);
    try {
      const answer = await post(UpdateSettingDocument, {
        input: { key: 'cascade.days', value: '26' },
      });
      expect(answer.body.errors).toBeUndefined();
      const [{ id }] = await database.dataSource.query(
        `SELECT max(id)::int AS id FROM ingest_runs WHERE kind = 'analyse'`,
      );
      const run = await waitForRun(database.dataSource, id);
      expect(run.status).toBe('failed');
      expect(run.message).toContain('the spec refuses to write assessments');
      // the settings version stays; the assessments are those from before it
      const [{ versions }] = await database.dataSource.query(
        `SELECT array_agg(DISTINCT settings_version) AS versions FROM order_assessments`,
      );
      expect(versions).toHaveLength(1);
    } finally {
      await database.dataSource.query('DROP TRIGGER spec_refuse_assessments ON order_assessments');
      await database.dataSource.query('DROP FUNCTION spec_refuse_assessments()');
    }
  });
});
