/**
 * `npm run bench -- --orders N`: the load of one generated hospital of about N orders, measured
 * in one run on one server. The hospital is split into a first load and a one-day delta (the
 * newest ~3,000 orders, their changes and exams, and their patients). It measures:
 *
 *   - the COPY floor: PostgreSQL's own COPY of the first load's four files into plain text tables;
 *   - the first load through `grounds import csv` (import, doses and analysis), per step;
 *   - the delta into the loaded database and into an empty one;
 *   - the importer's peak memory (the CLI process's high-water resident set);
 *   - each dashboard query through GraphQL against its bare SQL on the monthly rollups and
 *     against the same aggregate over the raw tables (dashboard-bench.ts).
 *
 * `--data-dir DIR` keeps the files in DIR; a complete `grounds generate --out DIR/full` there (same
 * patients, months and seed) is used as it is, so a 10M hospital is generated once. `--keep`
 * keeps the databases; `--keep-base` also a copy of the first load before the delta.
 *
 * `--reuse-database NAME` skips generating and loading: it migrates the named database (a
 * database an earlier `--keep` run left, cg_bench_load_<N>_<pid>) and measures the dashboards
 * only, written to bench-results/<date>-<N>-dashboards.json and .md.
 *
 * Figures go to bench-results/<date>-<N>.json and a Markdown table of ratios beside it; they
 * are measured, never asserted (the machines are shared and noisy).
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { REPO_ROOT } from '../config/paths.js';
import { IMPORT_ENTITIES } from '../modules/ingestion/import-format.js';
import { generateHospital } from '../modules/synthetic/generate-hospital.js';
import { benchDashboards, dashboardMarkdown } from './dashboard-bench.js';

/** Orders per patient the generator writes over 24 months (measured: 805,098 for 700,000). */
const ORDERS_PER_PATIENT_24_MONTHS = 1.15;
const DELTA_ORDERS = 3000;

interface CliRun {
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly summary: string;
  readonly steps: CliStep[];
}

interface BenchOrdersOptions {
  readonly orders: number;
  readonly months: number;
  readonly seed: number;
  readonly adminUrl: string;
  readonly keep: boolean;
  /** Keep a copy of the first load before the delta (cg_bench_base_*). */
  readonly keepBase: boolean;
  /** The folder for the generated files (kept); files already in its full/ are used again. */
  readonly dataDir?: string;
  /** Runs per dashboard query and way (GraphQL, SQL on rollups; a third of them on raw). */
  readonly dashboardRuns: number;
  /** Measure the dashboards of this already loaded database only. */
  readonly reuseDatabase?: string;
}

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

const seconds = (started: number): number => (performance.now() - started) / 1000;

/** Lines of a generated CSV file (the generator never writes a record over two lines). */
async function* linesOf(file: string): AsyncGenerator<string> {
  yield* createInterface({ input: createReadStream(file), crlfDelay: Infinity });
}

/** The first `count` comma-separated fields (the generator never quotes ids or timestamps). */
const fieldsOf = (line: string, count: number): string[] => line.split(',', count);

/**
 * Splits a generated hospital into a first load and a delta: the newest DELTA_ORDERS orders,
 * their changes, the exams of those orders or performed since the first of them, and the
 * patients of all those (re-sent unchanged in the delta, as an extract would).
 */
async function splitDelta(from: string, base: string, delta: string): Promise<number> {
  // order times as numbers: at 10M orders, the timestamps split from their lines would keep every
  // line alive (V8 slices substrings of 13 characters or more)
  const times: number[] = [];
  let header = true;
  for await (const line of linesOf(path.join(from, 'orders.csv'))) {
    if (!header) times.push(Date.parse(fieldsOf(line, 3)[2]));
    header = false;
  }
  const sorted = Float64Array.from(times).sort();
  const cutoff = sorted[Math.max(0, sorted.length - DELTA_ORDERS)];
  const deltaOrders = new Set<string>();
  const deltaPatients = new Set<string>();
  const split = async (
    file: string,
    isDelta: (fields: string[]) => boolean,
    width: number,
  ): Promise<void> => {
    const baseOut = createWriteStream(path.join(base, file));
    const deltaOut = createWriteStream(path.join(delta, file));
    let header = true;
    for await (const line of linesOf(path.join(from, file))) {
      if (header) {
        baseOut.write(`${line}\n`);
        deltaOut.write(`${line}\n`);
        header = false;
        continue;
      }
      (isDelta(fieldsOf(line, width)) ? deltaOut : baseOut).write(`${line}\n`);
    }
    await Promise.all(
      [baseOut, deltaOut].map(
        (stream) => new Promise<void>((resolve) => stream.end(() => resolve())),
      ),
    );
  };
  await split(
    'orders.csv',
    ([orderId, patientId, orderedAt]) => {
      if (Date.parse(orderedAt) < cutoff) return false;
      deltaOrders.add(orderId);
      deltaPatients.add(patientId);
      return true;
    },
    3,
  );
  await split('order_changes.csv', ([orderId]) => deltaOrders.has(orderId), 1);
  await split(
    'exams.csv',
    ([, patientId, orderId, performedAt]) => {
      const inDelta = orderId ? deltaOrders.has(orderId) : Date.parse(performedAt) >= cutoff;
      if (inDelta) deltaPatients.add(patientId);
      return inDelta;
    },
    4,
  );
  // every patient in the first load; the delta's patients again in the delta
  const baseOut = createWriteStream(path.join(base, 'patients.csv'));
  const deltaOut = createWriteStream(path.join(delta, 'patients.csv'));
  header = true;
  for await (const line of linesOf(path.join(from, 'patients.csv'))) {
    baseOut.write(`${line}\n`);
    if (header || deltaPatients.has(fieldsOf(line, 1)[0])) deltaOut.write(`${line}\n`);
    header = false;
  }
  await Promise.all(
    [baseOut, deltaOut].map(
      (stream) => new Promise<void>((resolve) => stream.end(() => resolve())),
    ),
  );
  return deltaOrders.size;
}

/**
 * The data rows of each generated file in `folder`, when all of them are there (a complete
 * `grounds generate` output); null when any is missing.
 */
async function generatedRowCounts(folder: string): Promise<Record<string, number> | null> {
  const counts: Record<string, number> = {};
  for (const file of ['patients', 'orders', 'order_changes', 'exams', 'truth']) {
    const name = path.join(folder, `${file}.csv`);
    if (!(await stat(name).catch(() => null))) return null;
    let lines = 0;
    for await (const chunk of createReadStream(name) as AsyncIterable<Buffer>) {
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines += 1;
    }
    counts[file] = lines - 1;
  }
  return counts;
}

/** The split an earlier run with the same --data-dir recorded; null when there is none. */
async function readSplitRecord(
  file: string,
): Promise<{ deltaOrders: number; rowCounts: Record<string, number> } | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return text === null
    ? null
    : (JSON.parse(text) as { deltaOrders: number; rowCounts: Record<string, number> });
}

/** A file's first line; null for a missing or empty file. */
async function firstLine(file: string): Promise<string | null> {
  if (!(await stat(file).catch(() => null))) return null;
  const input = createReadStream(file);
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) return line || null;
    return null;
  } finally {
    input.destroy();
  }
}

/** PostgreSQL's own COPY of the four files into plain text tables: the floor. */
async function copyFloor(url: string, folder: string): Promise<{ seconds: number; rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows = 0;
  const started = performance.now();
  try {
    for (const entity of IMPORT_ENTITIES) {
      const file = path.join(folder, `${entity}.csv`);
      // the first line only: a whole 10M-order file is longer than V8's longest string, and
      // reading it whole failed quietly (the floor then skipped orders and exams)
      const header = await firstLine(file);
      if (!header) continue;
      const columns = header.split(',').map((name) => `"${name}" text`);
      await client.query(`CREATE TABLE floor_${entity} (${columns.join(', ')})`);
      const copy = client.query(
        copyFrom(`COPY floor_${entity} FROM STDIN WITH (FORMAT csv, HEADER true)`),
      );
      await pipeline(createReadStream(file), copy);
      rows += copy.rowCount ?? 0;
    }
    return { seconds: seconds(started), rows };
  } finally {
    await client.end();
  }
}

/** Peak resident set of a running process, from /proc (Linux); 0 elsewhere. */
const highWaterMb = async (pid: number): Promise<number> => {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};

/** A step line of the CLI's debug log: its time and the process's high-water mark at its end. */
interface CliStep {
  readonly step: string;
  readonly ms: number;
  readonly peakRssMb?: number;
}

/** Runs `grounds <args>` against `url` with step timings on, watching its memory. */
async function runCli(args: string[], url: string): Promise<CliRun> {
  const cli = path.join(REPO_ROOT, 'backend', 'dist', 'backend', 'src', 'cli', 'main.js');
  const started = performance.now();
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'debug' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peak = 0;
  const watch = setInterval(() => {
    void highWaterMb(child.pid!).then((mb) => (peak = Math.max(peak, mb)));
  }, 200);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(watch);
  if (code !== 0) throw new Error(`grounds ${args.join(' ')} exited ${code}: ${stderr.trim()}`);
  const steps = stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Partial<CliStep>)
    .filter((entry): entry is CliStep => typeof entry.step === 'string');
  return {
    seconds: seconds(started),
    peakRssMb: Math.round(peak),
    summary: stdout.trim().split('\n')[0] ?? '',
    steps,
  };
}

const TOP_STEPS = ['land', 'normalise', 'dose', 'analyse', 'rollups', 'vacuum'];

/** `--reuse-database`: the dashboards of a database an earlier run kept. */
async function benchDashboardsOnly(options: BenchOrdersOptions, name: string): Promise<void> {
  if (!/^cg_bench_[a-z0-9_]+$/.test(name)) {
    throw new Error(`--reuse-database takes a cg_bench_* database name, not "${name}".`);
  }
  const log = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
  const url = withDatabase(options.adminUrl, name);
  const migrated = await runCli(['migrate'], url);
  log(`migrated ${name} in ${migrated.seconds.toFixed(1)} s`);
  const dashboards = await benchDashboards({ url, runs: options.dashboardRuns, log });
  const report = {
    measuredAt: new Date().toISOString(),
    database: name,
    orders: options.orders,
    machine: { cpus: os.cpus().length, node: process.version, load: os.loadavg() },
    dashboards,
  };
  const folder = path.join(REPO_ROOT, 'bench-results');
  await mkdir(folder, { recursive: true });
  const stem = path.join(folder, `${report.measuredAt.slice(0, 10)}-${options.orders}-dashboards`);
  await writeFile(`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`);
  const markdown = [
    `# Dashboards at ${dashboards.assessedOrders} orders (${report.measuredAt})`,
    '',
    `Database ${name}; ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} at the end.`,
    '',
    ...dashboardMarkdown(dashboards),
  ].join('\n');
  await writeFile(`${stem}.md`, markdown);
  console.log(`\n${markdown}`);
  console.log(`Written to ${path.relative(process.cwd(), stem)}.json and .md`);
}

export async function benchOrders(options: BenchOrdersOptions): Promise<void> {
  if (options.reuseDatabase) return benchDashboardsOnly(options, options.reuseDatabase);
  const workDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'cg-bench-orders-')));
  const full = path.join(workDir, 'full');
  const base = path.join(workDir, 'base');
  const delta = path.join(workDir, 'delta');
  const tag = `${options.orders}_${process.pid}`;
  const names = { floor: `cg_bench_floor_${tag}`, load: `cg_bench_load_${tag}` };
  const emptyName = `cg_bench_empty_${tag}`;
  const baseName = `cg_bench_base_${tag}`;
  const log = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
  try {
    const patients = Math.round(
      (options.orders / ORDERS_PER_PATIENT_24_MONTHS) * (24 / options.months),
    );
    let started = performance.now();
    // --data-dir: a split recorded there (split.json) is used again as it is; else a complete
    // full/ folder (`grounds generate --out DIR/full`, same patients, months and seed) is split
    const splitRecord = path.join(workDir, 'split.json');
    const split = options.dataDir ? await readSplitRecord(splitRecord) : null;
    const reused = split
      ? split.rowCounts
      : options.dataDir
        ? await generatedRowCounts(full)
        : null;
    const generated = reused
      ? { rowCounts: reused }
      : await generateHospital({
          patients,
          months: options.months,
          seed: options.seed,
          outDir: full,
        });
    const generateSeconds = reused ? null : seconds(started);
    if (options.keep) log(`files in ${workDir} (kept with --keep)`);
    log(
      reused
        ? `read the ${reused.orders} orders already generated in ${workDir} (${seconds(started).toFixed(1)} s)`
        : `generated ${generated.rowCounts.orders} orders in ${seconds(started).toFixed(1)} s`,
    );
    let deltaOrders: number;
    if (split) {
      deltaOrders = split.deltaOrders;
      log(`the delta of ${deltaOrders} orders split off before (${splitRecord})`);
    } else {
      await Promise.all([mkdir(base, { recursive: true }), mkdir(delta, { recursive: true })]);
      started = performance.now();
      deltaOrders = await splitDelta(full, base, delta);
      log(`split off a delta of ${deltaOrders} orders in ${seconds(started).toFixed(1)} s`);
      if (options.dataDir) {
        await writeFile(
          splitRecord,
          `${JSON.stringify({ deltaOrders, rowCounts: generated.rowCounts }, null, 2)}\n`,
        );
      }
    }
    let bytes = 0;
    for (const entity of IMPORT_ENTITIES)
      bytes += (await stat(path.join(base, `${entity}.csv`))).size;

    for (const name of [...Object.values(names), emptyName]) {
      await adminQuery(options.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await adminQuery(options.adminUrl, `CREATE DATABASE ${name}`);
    }
    const url = (name: string) => withDatabase(options.adminUrl, name);
    const floor = await copyFloor(url(names.floor), base);
    log(`COPY floor: ${floor.rows} rows in ${floor.seconds.toFixed(1)} s`);
    await adminQuery(options.adminUrl, `DROP DATABASE IF EXISTS ${names.floor} WITH (FORCE)`);

    await runCli(['migrate'], url(names.load));
    await runCli(['migrate'], url(emptyName));
    const firstLoad = await runCli(['import', 'csv', base], url(names.load));
    log(`first load: ${firstLoad.seconds.toFixed(1)} s, peak ${firstLoad.peakRssMb} MB`);
    if (options.keepBase) {
      // a copy of the loaded database before the delta, to measure the delta again after a change
      // (CREATE DATABASE … TEMPLATE; not timed, and only with --keep-base: it doubles the disk)
      started = performance.now();
      await adminQuery(options.adminUrl, `DROP DATABASE IF EXISTS ${baseName} WITH (FORCE)`);
      await adminQuery(options.adminUrl, `CREATE DATABASE ${baseName} TEMPLATE ${names.load}`);
      log(`kept the first load before the delta as ${baseName} (${seconds(started).toFixed(1)} s)`);
    }
    const deltaLoaded = await runCli(['import', 'csv', delta], url(names.load));
    log(`delta into the loaded database: ${deltaLoaded.seconds.toFixed(1)} s`);
    const deltaEmpty = await runCli(['import', 'csv', delta], url(emptyName));
    log(`delta into an empty database: ${deltaEmpty.seconds.toFixed(1)} s`);
    // --dashboard-runs 0: the load only (profiling the import without the dashboards)
    const dashboards =
      options.dashboardRuns > 0
        ? await benchDashboards({ url: url(names.load), runs: options.dashboardRuns, log })
        : null;

    const ratio = (value: number, to: number) => Number((value / to).toFixed(2));
    const stepsOf = (run: CliRun) =>
      Object.fromEntries(run.steps.map((step) => [step.step, step.ms / 1000]));
    const report = {
      measuredAt: new Date().toISOString(),
      hospital: {
        patients,
        months: options.months,
        seed: options.seed,
        rowCounts: generated.rowCounts,
        firstLoadBytes: bytes,
        deltaOrders,
      },
      machine: { cpus: os.cpus().length, node: process.version, load: os.loadavg() },
      seconds: {
        // null: the files were generated before (--data-dir), not timed here
        generate: generateSeconds,
        copyFloor: floor.seconds,
        firstLoad: firstLoad.seconds,
        deltaIntoLoaded: deltaLoaded.seconds,
        deltaIntoEmpty: deltaEmpty.seconds,
      },
      ratios: {
        firstLoadToCopyFloor: ratio(firstLoad.seconds, floor.seconds),
        deltaLoadedToDeltaEmpty: ratio(deltaLoaded.seconds, deltaEmpty.seconds),
      },
      importerPeakRssMb: {
        firstLoad: firstLoad.peakRssMb,
        deltaIntoLoaded: deltaLoaded.peakRssMb,
        deltaIntoEmpty: deltaEmpty.peakRssMb,
      },
      summaries: {
        firstLoad: firstLoad.summary,
        deltaIntoLoaded: deltaLoaded.summary,
        deltaIntoEmpty: deltaEmpty.summary,
      },
      steps: {
        firstLoad: stepsOf(firstLoad),
        deltaIntoLoaded: stepsOf(deltaLoaded),
        deltaIntoEmpty: stepsOf(deltaEmpty),
      },
      // the importer's high-water mark at the end of each step: the first step to reach the
      // peak is the one that holds it
      stepPeakRssMb: {
        firstLoad: Object.fromEntries(firstLoad.steps.map((step) => [step.step, step.peakRssMb])),
        deltaIntoLoaded: Object.fromEntries(
          deltaLoaded.steps.map((step) => [step.step, step.peakRssMb]),
        ),
      },
      dashboards,
    };
    const folder = path.join(REPO_ROOT, 'bench-results');
    await mkdir(folder, { recursive: true });
    const stem = path.join(folder, `${report.measuredAt.slice(0, 10)}-${options.orders}`);
    await writeFile(`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`);
    const row = (label: string, value: number, ratioText: string) =>
      `| ${label} | ${value.toFixed(1)} s | ${ratioText} |`;
    const top = (run: CliRun) =>
      TOP_STEPS.map((step) => `${step} ${((stepsOf(run)[step] ?? 0) as number).toFixed(1)} s`).join(
        ', ',
      );
    const markdown = [
      `# Bench at ${generated.rowCounts.orders} orders (${report.measuredAt})`,
      '',
      `${patients} patients over ${options.months} months, seed ${options.seed}; first load ` +
        `${(bytes / 1e6).toFixed(0)} MB of CSV; delta ${deltaOrders} orders. ` +
        `${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} at the end.`,
      '',
      '| measure | wall | ratio |',
      '| --- | --- | --- |',
      row('COPY floor (4 files into plain text tables)', floor.seconds, '1.00 × floor'),
      row(
        'first load: import csv + doses + analysis',
        firstLoad.seconds,
        `${report.ratios.firstLoadToCopyFloor} × floor`,
      ),
      row(
        'one-day delta into the loaded database',
        deltaLoaded.seconds,
        `${report.ratios.deltaLoadedToDeltaEmpty} × into empty`,
      ),
      row('one-day delta into an empty database', deltaEmpty.seconds, '1.00'),
      '',
      `Importer peak memory: first load ${firstLoad.peakRssMb} MB, delta ${deltaLoaded.peakRssMb} MB.`,
      '',
      `First load by step: ${top(firstLoad)}.`,
      '',
      '| step | seconds | importer peak at its end (MB) |',
      '| --- | --- | --- |',
      ...firstLoad.steps.map(
        (step) => `| ${step.step} | ${(step.ms / 1000).toFixed(1)} | ${step.peakRssMb ?? ''} |`,
      ),
      '',
      ...(dashboards ? dashboardMarkdown(dashboards) : []),
    ].join('\n');
    await writeFile(`${stem}.md`, markdown);
    console.log(`\n${markdown}`);
    console.log(`Written to ${path.relative(process.cwd(), stem)}.json and .md`);
    if (options.keep) log(`kept ${Object.values(names).join(', ')}, ${emptyName} and ${workDir}`);
  } finally {
    if (!options.keep) {
      for (const name of [...Object.values(names), emptyName]) {
        await adminQuery(options.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(
          () => undefined,
        );
      }
      if (!options.dataDir) await rm(workDir, { recursive: true, force: true });
    }
  }
}
