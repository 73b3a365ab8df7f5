/**
 * `npm run bench`: end-to-end speed of the load paths and the analysis on one generated
 * hospital, each into a fresh database, with a baseline measured in the same run on the same
 * server (a raw COPY of the same CSV files into unlogged text tables). Figures are written to
 * bench-results/ and compared as ratios, never asserted: these machines are shared and noisy.
 *
 *   npm run bench [-- --patients 20000 --months 24 --seed 1]
 *   npm run bench -- --orders 1000000 [--months 24 --seed 1 --keep --dashboard-runs 30]
 *     (--dashboard-runs 0: the load only; --keep also keeps the generated CSV folder;
 *     --keep-base a copy of the first load before the delta; --data-dir DIR writes the files
 *     there, or uses a complete `grounds generate --out DIR/full` already in it)
 *   npm run bench -- --orders 200000 --reuse-database cg_bench_load_200000_<pid>
 *     (dashboards only, on a database a --keep run left; see bench-orders.ts)
 *
 * Uses DATABASE_URL (an admin URL; cg_bench_* databases are created and dropped) or starts an
 * embedded PostgreSQL in a temporary folder.
 */
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { generateFhirHospital } from '../modules/synthetic/generate-fhir-hospital.js';
import { REPO_ROOT } from '../config/paths.js';
import { createDataSource } from '../database/data-source.js';
import { prepareDatabase } from '../database/database.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { ExportService } from '../modules/export/export.service.js';
import { PipelineService } from '../modules/pipeline/pipeline.service.js';
import { IMPORT_COLUMNS, IMPORT_ENTITIES } from '../modules/ingestion/import-format.js';
import { generateHospital } from '../modules/synthetic/generate-hospital.js';
import { benchOrders } from './bench-orders.js';

interface Measure {
  readonly step: string;
  readonly records: number;
  readonly seconds: number;
}

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: process.env.BENCH_PATIENTS ?? '20000' },
    months: { type: 'string', default: '24' },
    seed: { type: 'string', default: '1' },
    orders: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'keep-base': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    'dashboard-runs': { type: 'string', default: '30' },
    'reuse-database': { type: 'string' },
  },
});

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freshDatabase(adminUrl: string, name: string) {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  const dataSource = createDataSource({ url, timeZone: 'UTC' });
  await dataSource.initialize();
  await prepareDatabase(dataSource);
  return { url, dataSource };
}

const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> => {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
};

/** The baseline: COPY the CSV files as they are into unlogged text tables. */
async function copyRaw(url: string, folder: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  try {
    for (const entity of IMPORT_ENTITIES) {
      const columns = IMPORT_COLUMNS[entity].map((column) => `${column.name} text`);
      await client.query(`CREATE UNLOGGED TABLE raw_${entity} (${columns.join(', ')})`);
      const copy = client.query(
        copyFrom(`COPY raw_${entity} FROM STDIN WITH (FORMAT csv, HEADER true)`),
      );
      await pipeline(createReadStream(path.join(folder, `${entity}.csv`)), copy);
      rows += copy.rowCount ?? 0;
    }
  } finally {
    await client.end();
  }
  return rows;
}

/** A source database with the CSV tables and a watermark column, and its mapping file. */
async function prepareSource(url: string, folder: string, mappingFile: string): Promise<void> {
  await copyRaw(url, folder);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const mapping: Record<string, { sql: string; watermark: string }> = {};
  try {
    for (const entity of IMPORT_ENTITIES) {
      await client.query(`ALTER TABLE raw_${entity} ADD COLUMN row_version bigserial`);
      const columns = IMPORT_COLUMNS[entity].map((column) => column.name).join(', ');
      mapping[entity] = {
        sql: `SELECT ${columns}, row_version FROM raw_${entity}`,
        watermark: 'row_version',
      };
    }
  } finally {
    await client.end();
  }
  await writeFile(mappingFile, JSON.stringify(mapping, null, 2));
}

async function main(): Promise<void> {
  const patients = Number(values.patients);
  const hospital = { patients, months: Number(values.months), seed: Number(values.seed) };
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'cg-bench-'));
  let adminUrl = process.env.DATABASE_URL ?? null;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!adminUrl) {
    const server = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), port: 55439 });
    adminUrl = server.url;
    stopEmbedded = () => server.stop();
  }
  const measures: Measure[] = [];
  const note = (measure: Measure) => {
    measures.push(measure);
    console.log(
      `${measure.step.padEnd(28)} ${String(measure.records).padStart(9)} records ${measure.seconds.toFixed(1).padStart(7)} s`,
    );
  };
  const csvDir = path.join(workDir, 'csv');
  const fhirDir = path.join(workDir, 'fhir');
  const opened: { destroy(): Promise<void> }[] = [];
  const names = ['raw', 'csv', 'fhir', 'pgsource', 'pgtarget'].map(
    (name) => `cg_bench_${name}_${process.pid}`,
  );
  try {
    const generated = await timed(() => generateHospital({ ...hospital, outDir: csvDir }));
    const records = Object.entries(generated.result.rowCounts)
      .filter(([entity]) => entity !== 'truth')
      .reduce((sum, [, count]) => sum + count, 0);
    note({ step: 'generate csv', records, seconds: generated.seconds });
    const fhir = await timed(() => generateFhirHospital({ ...hospital, outDir: fhirDir }));
    note({ step: 'generate fhir', records, seconds: fhir.seconds });

    const raw = await freshDatabase(adminUrl, names[0]);
    opened.push(raw.dataSource);
    const baseline = await timed(() => copyRaw(raw.url, csvDir));
    note({
      step: 'baseline: raw COPY of the CSV',
      records: baseline.result,
      seconds: baseline.seconds,
    });

    const csv = await freshDatabase(adminUrl, names[1]);
    opened.push(csv.dataSource);
    const csvImport = await timed(() =>
      new PipelineService(csv.dataSource).importCsvFolder(csvDir),
    );
    note({
      step: 'import csv (with analysis)',
      records: csvImport.result.rowsRead,
      seconds: csvImport.seconds,
    });
    const analyse = await timed(() => new PipelineService(csv.dataSource).analyse('all'));
    note({
      step: 'analyse --all',
      records: analyse.result.ordersInScope,
      seconds: analyse.seconds,
    });
    const exported = await timed(() =>
      new ExportService(csv.dataSource).exportCases(path.join(workDir, 'cases.csv')),
    );
    note({ step: 'export cases', records: exported.result, seconds: exported.seconds });

    const fhirDb = await freshDatabase(adminUrl, names[2]);
    opened.push(fhirDb.dataSource);
    const fhirImport = await timed(() =>
      new PipelineService(fhirDb.dataSource).importFhir(fhirDir),
    );
    note({
      step: 'import fhir (with analysis)',
      records: fhirImport.result.rowsRead,
      seconds: fhirImport.seconds,
    });

    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${names[3]} WITH (FORCE)`);
    await adminQuery(adminUrl, `CREATE DATABASE ${names[3]}`);
    const sourceUrl = withDatabase(adminUrl, names[3]);
    const mappingFile = path.join(workDir, 'mapping.json');
    await prepareSource(sourceUrl, csvDir, mappingFile);
    const target = await freshDatabase(adminUrl, names[4]);
    opened.push(target.dataSource);
    const pgImport = await timed(() =>
      new PipelineService(target.dataSource).importPostgres({ sourceUrl, mappingFile }),
    );
    note({
      step: 'import postgres (with analysis)',
      records: pgImport.result.rowsRead,
      seconds: pgImport.seconds,
    });
  } finally {
    for (const dataSource of opened) await dataSource.destroy().catch(() => undefined);
    for (const name of names)
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(
        () => undefined,
      );
    await stopEmbedded?.();
    await rm(workDir, { recursive: true, force: true });
  }

  const perSecond = (measure: Measure) => measure.records / measure.seconds;
  const find = (step: string) => measures.find((measure) => measure.step.startsWith(step));
  const baseline = find('baseline')!;
  const csvPath = find('import csv')!;
  const report = {
    measuredAt: new Date().toISOString(),
    hospital,
    machine: { cpus: os.cpus().length, node: process.version },
    measures: measures.map((measure) => ({
      ...measure,
      recordsPerSecond: Math.round(perSecond(measure)),
      ratioToBaseline: Number((perSecond(measure) / perSecond(baseline)).toFixed(4)),
      ratioToCsvImport: Number((perSecond(measure) / perSecond(csvPath)).toFixed(4)),
    })),
  };
  const folder = path.join(REPO_ROOT, 'bench-results');
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `bench-${report.measuredAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log('\nstep                          records/s  x baseline  x csv import');
  for (const measure of report.measures) {
    console.log(
      `${measure.step.padEnd(30)} ${String(measure.recordsPerSecond).padStart(9)} ${measure.ratioToBaseline.toFixed(4).padStart(11)} ${measure.ratioToCsvImport.toFixed(4).padStart(13)}`,
    );
  }
  console.log(
    `\nWritten to ${path.relative(process.cwd(), file)} (${(await readdir(folder)).length} runs kept).`,
  );
}

/** `--orders N`: the first load, the COPY floor and a one-day delta at N orders. */
async function mainOrders(): Promise<void> {
  const orders = Number(values.orders);
  if (!Number.isInteger(orders) || orders < 5000) {
    throw new Error(`--orders must be a whole number of at least 5000, not "${values.orders}".`);
  }
  let adminUrl = process.env.DATABASE_URL ?? null;
  let stopEmbedded: (() => Promise<void>) | null = null;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'cg-bench-pg-'));
  if (!adminUrl) {
    const server = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), port: 55439 });
    adminUrl = server.url;
    stopEmbedded = () => server.stop();
  }
  try {
    await benchOrders({
      orders,
      months: Number(values.months),
      seed: Number(values.seed),
      adminUrl,
      keep: values.keep ?? false,
      keepBase: values['keep-base'] ?? false,
      dataDir: values['data-dir'] ? path.resolve(values['data-dir']) : undefined,
      dashboardRuns: Number(values['dashboard-runs']),
      reuseDatabase: values['reuse-database'],
    });
  } finally {
    await stopEmbedded?.();
    await rm(workDir, { recursive: true, force: true });
  }
}

(values.orders === undefined ? main() : mainOrders()).catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).message.split('\n')[0]}\n`);
  process.exit(1);
});
