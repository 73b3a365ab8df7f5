import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { writeFhirNdjson } from '../../backend/src/modules/ingestion/writers.js';
import { ExportService } from '../../backend/src/modules/export/export.service.js';
import {
  IMPORT_COLUMNS,
  IMPORT_ENTITIES,
} from '../../backend/src/modules/ingestion/import-format.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { writeCsvFolder } from '../factories/csv-folder.js';
import { snapshotNaturalModel, countRows } from '../utils/model-snapshot.js';
import { buildSmallHospital, toImportRecords } from '../utils/small-hospital.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/**
 * One small hospital through the three order paths (CSV, FHIR, PostgreSQL source) into three
 * fresh databases: the same model rows and byte-identical `export cases`.
 */
describe('one hospital through CSV, FHIR and the PostgreSQL source', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('gives identical model rows and byte-identical case exports', async () => {
    const hospital = buildSmallHospital();
    const csvFolder = await writeCsvFolder(hospital);
    const fhirFolder = await mkdtemp(path.join(os.tmpdir(), 'cg-three-fhir-'));
    await writeFhirNdjson(
      {
        patients: toImportRecords('patients', hospital.patients ?? []),
        orders: toImportRecords('orders', hospital.orders ?? []),
        order_changes: toImportRecords('order_changes', hospital.order_changes ?? []),
        exams: toImportRecords('exams', hospital.exams ?? []),
      },
      fhirFolder,
    );

    const [csv, fhir, postgres, source] = await Promise.all([
      createTestDatabase(),
      createTestDatabase(),
      createTestDatabase(),
      createTestDatabase(),
    ]);
    databases.push(csv, fhir, postgres, source);

    // the source hospital database: its own tables with a row-version watermark
    const client = new pg.Client({ connectionString: source.url });
    await client.connect();
    const mapping: Record<string, { sql: string; watermark: string }> = {};
    try {
      for (const entity of IMPORT_ENTITIES) {
        const columns = IMPORT_COLUMNS[entity].map((column) => column.name);
        await client.query(
          `CREATE TABLE hospital_${entity} (${columns.map((name) => `${name} text`).join(', ')},
             row_version bigserial)`,
        );
        const copy = client.query(
          copyFrom(
            `COPY hospital_${entity} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`,
          ),
        );
        await pipeline(createReadStream(path.join(csvFolder, `${entity}.csv`)), copy);
        mapping[entity] = {
          sql: `SELECT ${columns.join(', ')}, row_version FROM hospital_${entity}`,
          watermark: 'row_version',
        };
      }
    } finally {
      await client.end();
    }
    const mappingFile = path.join(csvFolder, 'mapping.json');
    await writeFile(mappingFile, JSON.stringify(mapping));

    await new PipelineService(csv.dataSource).importCsvFolder(csvFolder);
    await new PipelineService(fhir.dataSource).importFhir(fhirFolder);
    await new PipelineService(postgres.dataSource).importPostgres({
      sourceUrl: source.url,
      mappingFile,
    });

    const csvModel = await snapshotNaturalModel(csv.dataSource);
    expect(countRows(csvModel)).toMatchObject({ patients: 20, orders: 40 });
    expect(await snapshotNaturalModel(fhir.dataSource)).toEqual(csvModel);
    expect(await snapshotNaturalModel(postgres.dataSource)).toEqual(csvModel);

    const exports = await Promise.all(
      [csv, fhir, postgres].map(async (database, index) => {
        const file = path.join(csvFolder, `cases-${index}.csv`);
        await new ExportService(database.dataSource).exportCases(file);
        return readFile(file);
      }),
    );
    expect(exports[0].toString().split('\n').length).toBeGreaterThan(2); // some cases, not just a header
    expect(exports[1].equals(exports[0])).toBe(true);
    expect(exports[2].equals(exports[0])).toBe(true);
  });
});
