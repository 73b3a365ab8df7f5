#!/usr/bin/env node
// Records per second of the CSV and FHIR import paths on one generated hospital, measured in
// the same run, each into its own fresh database; FHIR is given as a ratio to CSV.
//
//   npm run build -w backend
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     node test/utils/bench-import-paths.mjs [--patients 20000] [--months 24] [--seed 1]
//
// DATABASE_URL is an admin URL of a server where databases may be created; the two bench
// databases (cg_bench_*) are dropped at the end. Uses the built backend (backend/dist).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const dist = new URL('../../backend/dist/backend/src/', import.meta.url);
const load = (module) => import(new URL(module, dist).href);
const { createDataSource } = await load('database/data-source.js');
const { prepareDatabase } = await load('database/database.js');
const { ImportService } = await load('modules/ingestion/import.service.js');
const { generateHospital } = await load('modules/synthetic/generate-hospital.js');
const { generateFhirHospital } = await load('cli/generate-command.js');

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '20000' },
    months: { type: 'string', default: '24' },
    seed: { type: 'string', default: '1' },
  },
});
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error('bench: set DATABASE_URL to an admin URL of a PostgreSQL server.');
  process.exit(1);
}
const hospital = {
  patients: Number(values.patients),
  months: Number(values.months),
  seed: Number(values.seed),
};

const withDatabase = (url, database) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};
const adminQuery = async (sql) => {
  const admin = createDataSource({ url: adminUrl, timeZone: 'UTC', poolSize: 1 });
  await admin.initialize();
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
};
const seconds = (ms) => (ms / 1000).toFixed(1);

const workDir = await mkdtemp(path.join(os.tmpdir(), 'cg-bench-'));
const databases = { csv: `cg_bench_csv_${process.pid}`, fhir: `cg_bench_fhir_${process.pid}` };
const results = {};
try {
  let started = performance.now();
  await generateHospital({ ...hospital, outDir: path.join(workDir, 'csv') });
  await generateFhirHospital({ ...hospital, outDir: path.join(workDir, 'fhir') });
  console.error(
    `generated ${hospital.patients} patients in ${seconds(performance.now() - started)} s`,
  );

  for (const format of ['csv', 'fhir']) {
    await adminQuery(`DROP DATABASE IF EXISTS ${databases[format]} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${databases[format]}`);
    const dataSource = createDataSource({
      url: withDatabase(adminUrl, databases[format]),
      timeZone: 'UTC',
    });
    await dataSource.initialize();
    try {
      await prepareDatabase(dataSource);
      const service = new ImportService(dataSource);
      const input = path.join(workDir, format);
      started = performance.now();
      const summary =
        format === 'csv' ? await service.importCsvFolder(input) : await service.importFhir(input);
      const elapsedMs = performance.now() - started;
      results[format] = {
        records: summary.rowsRead,
        rejected: summary.rowsRejected,
        seconds: Number(seconds(elapsedMs)),
        recordsPerSecond: Math.round(summary.rowsRead / (elapsedMs / 1000)),
      };
    } finally {
      await dataSource.destroy();
    }
  }
  const ratio = results.fhir.recordsPerSecond / results.csv.recordsPerSecond;
  console.log(
    JSON.stringify(
      { patients: hospital.patients, ...results, fhirToCsv: Number(ratio.toFixed(2)) },
      null,
      2,
    ),
  );
  for (const format of ['csv', 'fhir']) {
    const result = results[format];
    console.log(
      `${format}: ${result.records} records in ${result.seconds} s = ${result.recordsPerSecond} records/s` +
        ` (${(result.recordsPerSecond / results.csv.recordsPerSecond).toFixed(2)} of CSV)`,
    );
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
  for (const name of Object.values(databases)) {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  }
}
