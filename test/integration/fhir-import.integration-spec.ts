import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFhirNdjson } from '../../backend/src/modules/ingestion/writers.js';
import { ImportError } from '../../backend/src/modules/ingestion/import.exception.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { writeCsvFolder } from '../factories/csv-folder.js';
import { DCM, imagingStudy, ndjson, serviceRequest } from '../factories/fhir-resources.js';
import { countRows, snapshotNaturalModel } from '../utils/model-snapshot.js';
import { buildSmallHospital, toImportRecords } from '../utils/small-hospital.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/** The model tables, whole (ids included), in a stable order: what a re-run must not change. */
const MODEL_QUERIES = [
  'SELECT * FROM patients ORDER BY patient_id',
  'SELECT * FROM providers ORDER BY provider_id',
  'SELECT * FROM departments ORDER BY id',
  'SELECT * FROM orders ORDER BY id',
  'SELECT * FROM order_changes ORDER BY id',
  // with each exam's effective dose (its own table, exam_doses)
  'SELECT e.*, d.effective_dose_msv, d.dose_source, d.dose_method FROM exams e LEFT JOIN exam_doses d ON d.exam_id = e.id ORDER BY e.id',
  'SELECT * FROM order_dose ORDER BY order_pk',
];

const snapshotModel = (database: TestDatabase) =>
  Promise.all(MODEL_QUERIES.map((sql) => database.dataSource.query(sql)));

// ../shared/conformance/fhir, or $CONFORMANCE_DIR/fhir (test/fixtures/conformance/README.md)
const CONFORMANCE_DIR = process.env.CONFORMANCE_DIR
  ? `${path.resolve(process.env.CONFORMANCE_DIR, 'fhir')}/`
  : fileURLToPath(new URL('../../../shared/conformance/fhir/', import.meta.url));

async function writeMalformedFhir(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-fhir-bad-'));
  await writeFile(
    path.join(folder, 'Patient.ndjson'),
    ndjson(
      { resourceType: 'Patient', id: 'P1', birthDate: '1970-01-01', gender: 'female' }, //  1 good
      { resourceType: 'Patient', id: 'P2', birthDate: '1985-06-15', gender: 'male' }, //    2 good
      '{"resourceType": "Patient", "id": "P5", ', //                                        3 broken JSON
      { resourceType: 'Patient', id: 'P3', gender: 'female' }, //                           4 no birthDate
      { resourceType: 'Pateint', id: 'P4', birthDate: '1990-01-01' }, //                    5 wrong type
    ),
  );
  await writeFile(
    path.join(folder, 'ServiceRequest.ndjson'),
    ndjson(
      serviceRequest('O1', 'P1'), //                                                        1 good
      serviceRequest('O2', 'P9'), //                                  2 patient never arrives
      serviceRequest('O3', 'P1', { authoredOn: undefined }), //                             3 no authoredOn
      serviceRequest('O4', 'P2'), //                                                        4 good
      serviceRequest('O4.change1', 'P1', {
        replaces: [{ reference: 'ServiceRequest/O4' }],
        code: { coding: [{ system: DCM, code: 'MR' }] },
      }), //                                                           5 subjects disagree
    ),
  );
  await writeFile(
    path.join(folder, 'ImagingStudy.ndjson'),
    ndjson(
      imagingStudy('A1', 'P1', 'O1'), //                                                    1 good
      imagingStudy('A2', 'P2', 'O1'), //                                         2 subjects disagree
      imagingStudy('A3', 'P1', 'O99'), //                                     3 order never arrives
    ),
  );
  await writeFile(path.join(folder, 'notes.txt'), 'not FHIR\n');
  return folder;
}

describe('FHIR import: malformed resources, idempotency, conformance examples', () => {
  let database: TestDatabase;
  let folder: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    folder = await writeMalformedFhir();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('loads the good resources and lists each bad one with file, record, field and reason', async () => {
    const summary = await new PipelineService(database.dataSource).importFhir(folder);
    expect(summary.rowsRead).toBe(5 + 5 + 3);
    const orders = await database.dataSource.query(
      'SELECT source, order_id, patient_id, requested_modality FROM orders ORDER BY order_id',
    );
    expect(orders).toEqual([
      { source: 'fhir', order_id: 'O1', patient_id: 'P1', requested_modality: 'CT' },
      { source: 'fhir', order_id: 'O4', patient_id: 'P2', requested_modality: 'CT' },
    ]);
    expect(await database.dataSource.query('SELECT accession FROM exams')).toEqual([
      { accession: 'A1' },
    ]);
    expect(await database.dataSource.query('SELECT count(*)::int AS n FROM order_changes')).toEqual(
      [{ n: 0 }],
    );
    const rejections: {
      entity: string;
      file: string;
      line: number;
      field: string;
      reason: string;
    }[] = await database.dataSource.query(
      'SELECT entity, file, line, field, reason FROM rejections ORDER BY file, line',
    );
    expect(
      rejections.map(
        (row) =>
          `${row.entity}:${path.relative(folder, row.file)}:${row.line}:${row.field}:${row.reason}`,
      ),
    ).toEqual([
      'exams:ImagingStudy.ndjson:2:ImagingStudy.subject:subjects disagree: the ImagingStudy names another patient than the ServiceRequest it is based on',
      'exams:ImagingStudy.ndjson:3:order_id:unknown order',
      expect.stringMatching(/^patients:Patient\.ndjson:3:JSON:broken JSON line: /),
      'patients:Patient.ndjson:4:Patient.birthDate:no birth date',
      'patients:Patient.ndjson:5:resourceType:"Pateint" is not a FHIR R4 resource type',
      'orders:ServiceRequest.ndjson:2:patient_id:unknown patient',
      'orders:ServiceRequest.ndjson:3:ServiceRequest.authoredOn:no order time',
      'orders:ServiceRequest.ndjson:5:ServiceRequest.subject:subjects disagree: the replacing ServiceRequest names another patient than the order it replaces',
    ]);
    expect(summary.rowsRejected).toBe(8);
    expect(summary.rowsLoaded).toBe(5);
  });

  it('changes nothing in the model and reports no bad record twice on a re-run', async () => {
    const before = await snapshotModel(database);
    const summary = await new PipelineService(database.dataSource).importFhir(folder);
    expect(summary.touchedPatients).toBe(0);
    expect(await snapshotModel(database)).toEqual(before);
    const runs = await database.dataSource.query(
      `SELECT kind, status, rows_read, rows_rejected FROM ingest_runs ORDER BY id`,
    );
    expect(runs).toEqual([
      { kind: 'fhir', status: 'succeeded', rows_read: 13, rows_rejected: 8 },
      { kind: 'fhir', status: 'succeeded', rows_read: 13, rows_rejected: 8 },
    ]);
  });

  it('stops with a one-line reason when the path cannot be read', async () => {
    const missing = path.join(folder, 'no-such-file.ndjson');
    await expect(new PipelineService(database.dataSource).importFhir(missing)).rejects.toThrow(
      new ImportError(`Cannot read ${missing}.`),
    );
  });

  // skipped only where the shared conformance files are absent (they live outside the
  // repository, ../shared or CONFORMANCE_DIR); the warning below names the folder
  const conformance = existsSync(CONFORMANCE_DIR) ? it : it.skip;
  if (!existsSync(CONFORMANCE_DIR)) {
    console.warn(`FHIR conformance examples skipped: ${CONFORMANCE_DIR} is absent (../shared).`);
  }
  conformance('imports the specification examples or rejects them with reasons', async () => {
    const fresh = await createTestDatabase();
    try {
      const summary = await new PipelineService(fresh.dataSource).importFhir(CONFORMANCE_DIR);
      const rejections: { file: string; line: number; field: string; reason: string }[] =
        await fresh.dataSource.query(
          'SELECT file, line, field, reason FROM rejections ORDER BY file, line',
        );
      expect(
        rejections.map(
          (row) => `${path.basename(row.file)}:${row.line}:${row.field}:${row.reason}`,
        ),
      ).toEqual([
        'imagingstudy-example-xr.json:1:ImagingStudy.subject:subjects disagree: the ImagingStudy names another patient than the ServiceRequest it is based on',
        'imagingstudy-example.json:1:patient_id:unknown patient',
        'radiation-dose-summary-bundle-sample.json:5:ImagingStudy.modality:no modality (in ImagingStudy.modality or series)',
        'servicerequest-example-di.json:1:ServiceRequest.authoredOn:no order time (occurrence is when the exam is to be done, not when it was ordered)',
        'servicerequest-example.json:1:ServiceRequest.authoredOn:no order time',
      ]);
      // The Bundle's Patient loads; its Practitioner, Device and dose Observation are noted.
      expect([summary.rowsRead, summary.rowsLoaded]).toEqual([6, 1]);
      expect(summary.notes.map((note) => note.replace(/ \(first at .*\)$/, ''))).toEqual([
        '1 Observations with codes other than eGFR or pregnancy status: ignored',
        '1 Practitioner resources: not used by the mapping; ignored',
        '1 Device resources: not used by the mapping; ignored',
      ]);
    } finally {
      await fresh.drop();
    }
  });
});

describe('FHIR and CSV: one small hospital, identical model rows', () => {
  let csvDatabase: TestDatabase;
  let fhirDatabase: TestDatabase;

  beforeAll(async () => {
    csvDatabase = await createTestDatabase();
    fhirDatabase = await createTestDatabase();
  });
  afterAll(async () => {
    await csvDatabase.drop();
    await fhirDatabase.drop();
  });

  it('loads the same patients, orders, changes, exams and doses through both paths', async () => {
    const hospital = buildSmallHospital();
    const csvFolder = await writeCsvFolder(hospital);
    const fhirFolder = await mkdtemp(path.join(os.tmpdir(), 'cg-fhir-same-'));
    const written = await writeFhirNdjson(
      {
        patients: toImportRecords('patients', hospital.patients ?? []),
        orders: toImportRecords('orders', hospital.orders ?? []),
        order_changes: toImportRecords('order_changes', hospital.order_changes ?? []),
        exams: toImportRecords('exams', hospital.exams ?? []),
      },
      fhirFolder,
    );
    expect(written.warnings).toEqual([]);

    const csv = await new PipelineService(csvDatabase.dataSource).importCsvFolder(csvFolder);
    const fhir = await new PipelineService(fhirDatabase.dataSource).importFhir(fhirFolder);
    expect([csv.rowsRejected, fhir.rowsRejected, csv.rowsWarned, fhir.rowsWarned]).toEqual([
      0, 0, 0, 0,
    ]);

    const csvModel = await snapshotNaturalModel(csvDatabase.dataSource);
    const fhirModel = await snapshotNaturalModel(fhirDatabase.dataSource);
    // 20 patients, 40 orders, 4 changes to MR + 4 cancels, 40 - 4 cancelled + 5 outside exams.
    expect(countRows(csvModel)).toEqual({
      patients: 20,
      providers: 4,
      departments: 3,
      orders: 40,
      order_changes: 8,
      exams: 41,
      order_dose: 40,
    });
    expect(fhirModel).toEqual(csvModel);
  });
});
