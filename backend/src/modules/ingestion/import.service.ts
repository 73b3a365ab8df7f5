import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { SettingsService, type VersionedSettings } from '../settings/settings.service.js';
import { readCsvRecords, planCsvFolder } from './adapters/csv/read-csv.js';
import { copyCsvFile } from './adapters/csv/copy-csv.js';
import { RDSR_SOURCE, landDoseReports, listDoseReportFiles } from './adapters/rdsr/import-rdsr.js';
import { landFhirPath } from './adapters/fhir/import-fhir.js';
import {
  PostgresSourceService,
  type PostgresSourceOptions,
  type SourceEntityRead,
} from './adapters/postgres/postgres-source.service.js';
import { IngestRunEntity } from './entities/landing.entity.js';
import { ImportError } from './import.exception.js';
import { RECORD_UNASSESSED_LOAD } from './normaliser.sql.js';
import { landRecords } from './landing-writer.js';
import { lockModelWrites } from './model-write-lock.js';
import { LANDING_LANES, inLanes, largerFirst } from './lanes.js';
import { NormaliserService } from './normaliser.service.js';
import { normaliseDoseReports, relinkDoseReportStudies } from './dose-report-normaliser.js';
import { analyseGrown, deferIndexesOnFirstLoad, vacuumAfterLoad } from './bulk-load.js';
import { recordSteps, timeStep, type StepListener, type StepTiming } from './step-timing.js';

export interface ImportSummary {
  readonly runId: number;
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  readonly rowsWarned: number;
  readonly durationMs: number;
  readonly touchedPatients: number;
  /** Non-fatal remarks: ignored files and columns. */
  readonly notes: readonly string[];
  /** How long each step of the run took, in the order they finished. */
  readonly steps?: readonly StepTiming[];
}

export interface ImportProgress {
  readonly phase: 'landing' | 'normalising' | 'dose' | 'analysing';
  readonly bytesDone?: number;
  readonly bytesTotal?: number;
}

export interface ImportOptions {
  readonly source?: string;
  readonly startedBy?: string;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Called as each step of the run finishes (landing per file, each normaliser statement, …). */
  readonly onStep?: StepListener;
  /** What the run reads, relative to its target (the adapters set it). */
  readonly files?: readonly string[];
  /** Called once the run is open (its id known), before anything lands. */
  readonly onRunOpened?: (runId: number) => void | Promise<void>;
}

export interface RdsrImportOptions extends ImportOptions {
  /** Files landed so far, of all files found. */
  readonly onFile?: (done: number, total: number) => void;
}

export interface RdsrImportSummary extends ImportSummary {
  /** Distinct dose-report studies the run's reports belong to. */
  readonly studies: number;
}

export interface PostgresImportOptions extends ImportOptions, PostgresSourceOptions {}

export interface PostgresImportSummary extends ImportSummary {
  readonly entities: readonly SourceEntityRead[];
}

/** What the steps after normalising know of the load, in its transaction. */
export interface NormalisedLoad {
  readonly runId: number;
  readonly settings: VersionedSettings;
  /** The load refreshed the model's statistics (a large load, or a first one: analyseGrown). */
  readonly bulk: boolean;
  readonly onProgress?: (progress: ImportProgress) => void;
}

/**
 * Runs after the landed rows are normalised into the model, in the same transaction (the
 * pipeline's dose, assessment and rollup steps); a failure rolls the whole load back.
 */
export type AfterLoadHook = (manager: EntityManager, load: NormalisedLoad) => Promise<void>;

/**
 * What a load needs from the steps after it, given by the pipeline (ingestion never imports
 * them): the dose of dose-report studies, which the dose-report normaliser needs before it
 * touches the patients whose dose history changed, and the hook run after normalising.
 */
export interface LoadSteps {
  readonly estimateDoseReports: (
    manager: EntityManager,
    runId: number | null,
    settings: VersionedSettings,
  ) => Promise<void>;
  readonly afterLoad: AfterLoadHook | null;
}

/**
 * Advisory lock namespace of ingest runs: a load holds the session lock (namespace, run id)
 * until it ends, so a run that is 'running' without its lock held belongs to a process that
 * died (killed, or its server restarted) and is marked failed by the next load.
 */
export const INGEST_RUN_LOCK_NAMESPACE = 72_301;

const MARK_STALE_RUNS_SQL = `
  UPDATE ingest_runs r
     SET status = 'failed',
         finished_at = now(),
         message = concat_ws(E'\n', r.message,
           'interrupted: its process ended before the run finished; marked failed by run '
           || $1::integer::text || ', its landing rows were never normalised')
   WHERE r.status = 'running' AND r.id <> $1::integer AND r.kind = $2 AND r.source = $3
     AND NOT EXISTS (
       SELECT 1 FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = $4::integer AND l.objid = r.id AND l.objsubid = 2)`;

const CONNECTION_LOSS_CODES: ReadonlySet<string> = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNREFUSED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
]);

/** True when an error means the connection to PostgreSQL was lost (server stopped or restarted). */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' && CONNECTION_LOSS_CODES.has(code)) ||
    /Connection terminated|terminating connection|connection error/i.test(error.message)
  );
}

export const currentUser = (): string => {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
};

/**
 * Every load follows one path: an ingest run is opened, the adapter lands its records, and one
 * transaction normalises them into the model (relinking dose reports) and runs the after-load
 * hook (the pipeline's dose, assessment and rollups: see modules/pipeline). A failure marks
 * the run failed and leaves the model as it was.
 */

/** What one ingest run is: recorded on ingest_runs when it opens. */
interface LoadRun {
  readonly kind: string;
  readonly source: string;
  readonly target: string;
  /** The files (or source tables) read, relative to the target. */
  readonly files?: readonly string[];
  readonly notes: readonly string[];
  readonly deferIndexes: boolean;
}

/** Lands a run's records (outside the model transaction). */
type LandStep = (runId: number, settings: VersionedSettings) => Promise<void>;

/** Normalises landed records into the model, inside the run's transaction. */
type NormaliseStep = (
  manager: EntityManager,
  runId: number,
  settings: VersionedSettings,
) => Promise<{ read: number; rejected: number; warned: number }>;
export class ImportService {
  private readonly normaliser = new NormaliserService();

  /** `steps`: what runs after landing and normalising (the pipeline's). */
  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: LoadSteps,
  ) {}

  async importCsvFolder(folder: string, options: ImportOptions = {}): Promise<ImportSummary> {
    const plan = await planCsvFolder(folder);
    const notes = [
      ...plan.ignoredFiles.map(
        (name) => `${folder}/${name}: not part of the import format, ignored`,
      ),
      ...plan.files
        .filter((file) => file.unknownColumns.length > 0)
        .map((file) => `${file.path}: unknown column ${file.unknownColumns.join(', ')} ignored`),
    ];
    const bytesTotal = plan.files.reduce((sum, file) => sum + file.bytes, 0);
    const bytesDone = new Map<string, number>();
    const files = plan.files.map((file) => path.relative(folder, file.path));
    const run = { ...options, files };
    return this.load('csv', options.source ?? 'csv', folder, run, notes, async (runId) => {
      // the files land side by side, each on its own connection (landing tables are per
      // entity): the exams file is about half the bytes, the others land beside it
      await inLanes(
        plan.files,
        LANDING_LANES,
        async (file) => {
          const target = { runId, source: options.source ?? 'csv', file: file.path };
          const onBytes = (bytes: number) => {
            bytesDone.set(file.path, bytes);
            let done = 0;
            for (const one of bytesDone.values()) done += one;
            options.onProgress?.({ phase: 'landing', bytesDone: done, bytesTotal });
          };
          await timeStep(`land.${file.entity}`, async () => {
            // PostgreSQL reads the file; the JavaScript reader takes a file COPY cannot read
            if (await copyCsvFile(this.dataSource, file, target, onBytes)) return;
            await landRecords(
              this.dataSource,
              file.entity,
              target,
              Readable.from(readCsvRecords(file, onBytes)),
            );
          });
        },
        largerFirst,
      );
    });
  }

  /**
   * Imports FHIR R4 (a Bundle or resource `.json`, `.ndjson`, or a folder of them) through the
   * same landing tables and normaliser as CSV; the mapper's notes end in the summary and the run.
   */
  async importFhir(inputPath: string, options: ImportOptions = {}): Promise<ImportSummary> {
    let files: string[];
    try {
      files = (await stat(inputPath)).isDirectory()
        ? (await readdir(inputPath)).filter((name) => /\.(json|ndjson)$/i.test(name)).sort()
        : [path.basename(inputPath)];
    } catch {
      throw new ImportError(`Cannot read ${inputPath}.`);
    }
    const source = options.source ?? 'fhir';
    const notes: string[] = [];
    const run = { ...options, files };
    const summary = await this.load('fhir', source, inputPath, run, notes, async (runId) => {
      options.onProgress?.({ phase: 'landing' });
      const landing = await landFhirPath(this.dataSource, inputPath, { runId, source });
      notes.push(...landing.notes);
    });
    if (notes.length > 0) {
      await this.dataSource
        .getRepository(IngestRunEntity)
        .update(summary.runId, { message: notes.join('\n') });
    }
    return { ...summary, notes: [...notes] };
  }

  /**
   * Imports DICOM Radiation Dose SRs (a file or a folder, walked in path order). The same path
   * as `load`, with the dose-report normaliser between the shared normaliser and the dose step
   * in the one transaction: every file lands (a non-dose or broken file as a rejection), each
   * study is merged over every report ever received for it, linked to its RIS exam or given
   * its own exam, and the touched patients' doses and CED are recomputed.
   */
  async importRdsr(target: string, options: RdsrImportOptions = {}): Promise<RdsrImportSummary> {
    const files = await listDoseReportFiles(target);
    let studies = 0;
    const summary = await this.runLoad(
      // dose reports look exams up one study batch at a time: they keep every index
      {
        kind: 'rdsr',
        source: RDSR_SOURCE,
        target,
        files: files.map((file) =>
          file === target ? path.basename(file) : path.relative(target, file),
        ),
        notes: [],
        deferIndexes: false,
      },
      options,
      async (runId, settings) => {
        options.onProgress?.({ phase: 'landing' });
        await landDoseReports(
          this.dataSource,
          runId,
          files,
          settings.values['qa.patterns'],
          options.onFile,
        );
      },
      async (manager, runId, settings) => {
        await this.normaliser.normalise(manager, runId);
        const counts = await normaliseDoseReports(manager, runId, (estimating, id) =>
          this.steps.estimateDoseReports(estimating, id, settings),
        );
        studies = counts.studies;
        return counts;
      },
    );
    return { ...summary, studies };
  }

  /**
   * Imports the PostgreSQL source's new and changed rows (`grounds import postgres`): the
   * adapter reads past the stored watermarks and lands; the new watermarks are stored in the
   * transaction that normalises, so the model and the watermarks commit together or not at all.
   */
  async importPostgres(options: PostgresImportOptions): Promise<PostgresImportSummary> {
    const read = await new PostgresSourceService(this.dataSource).open(options, () =>
      options.onProgress?.({ phase: 'landing' }),
    );
    try {
      const run = {
        kind: 'postgres',
        source: read.source,
        target: read.target,
        files: read.files,
        notes: read.notes,
        deferIndexes: true,
      };
      const summary = await this.runLoad(run, options, read.land, async (manager, runId) => {
        const counts = await this.normaliseRecords(manager, runId);
        await read.storeWatermarks(manager, runId);
        return counts;
      });
      return { ...summary, entities: read.entities() };
    } finally {
      await read.close();
    }
  }

  /** The shared path for every adapter: `land` writes landing rows for the given run. */
  async load(
    kind: string,
    source: string,
    target: string,
    options: ImportOptions,
    notes: readonly string[],
    land: (runId: number) => Promise<void>,
  ): Promise<ImportSummary> {
    const run = { kind, source, target, files: options.files, notes, deferIndexes: true };
    return this.runLoad(run, options, land, (manager, runId) =>
      this.normaliseRecords(manager, runId),
    );
  }

  /** The landed records of the run into the model; dose reports of touched patients relinked. */
  private async normaliseRecords(
    manager: EntityManager,
    runId: number,
  ): Promise<{ read: number; rejected: number; warned: number }> {
    const counts = await this.normaliser.normalise(manager, runId);
    await relinkDoseReportStudies(manager, runId);
    const entities = [counts.patients, counts.orders, counts.order_changes, counts.exams];
    return {
      read: entities.reduce((sum, entity) => sum + entity.read, 0),
      rejected: entities.reduce((sum, entity) => sum + entity.rejected, 0),
      warned: counts.warned,
    };
  }

  /**
   * One ingest run: open it under its lock, land, then one transaction that normalises (the
   * given step) and runs the after-load hook; record the outcome on the run. A failure leaves the model as it was and marks the run failed.
   */
  private async runLoad(
    run: LoadRun,
    options: ImportOptions,
    land: LandStep,
    normalise: NormaliseStep,
  ): Promise<ImportSummary> {
    const { result, steps } = await recordSteps(
      () => this.timedLoad(run, options, land, normalise),
      options.onStep,
    );
    return { ...result, steps };
  }

  private async timedLoad(
    run: LoadRun,
    options: ImportOptions,
    land: LandStep,
    normalise: NormaliseStep,
  ): Promise<ImportSummary> {
    const started = performance.now();
    const runs = this.dataSource.getRepository(IngestRunEntity);
    const lock = await this.openRunLock();
    let runId: number;
    try {
      runId = await lock.open({
        kind: run.kind,
        source: run.source,
        target: run.target,
        files: run.files ?? [],
        startedBy: options.startedBy ?? currentUser(),
        message: run.notes.length > 0 ? run.notes.join('\n') : null,
      });
    } catch (error) {
      await lock.release();
      throw error;
    }
    try {
      await options.onRunOpened?.(runId);
      const settings = await new SettingsService(this.dataSource).current();
      await timeStep('land', () => land(runId, settings));
      const result = await this.dataSource.transaction(async (manager) => {
        // the plans of these statements carry huge cost estimates (per-row lookups over
        // millions of rows), which make JIT compile and optimise hundreds of functions for
        // every statement: 22 s of a 36 s assess_facts build at 20k orders. Off for the load.
        await manager.query('SET LOCAL jit = off');
        // one writer of the model at a time: waits for a reassessment or another import
        await lockModelWrites(manager);
        options.onProgress?.({ phase: 'normalising' });
        const deferred = run.deferIndexes ? await deferIndexesOnFirstLoad(manager) : null;
        const counts = await timeStep('normalise', () => normalise(manager, runId, settings));
        // until an analysis reads it, the load's orders may be unassessed (the after-load hook
        // removes it when it assesses them)
        await manager.query(RECORD_UNASSESSED_LOAD, [runId]);
        // before the dose update: an index built over HOT-updated rows of this transaction is
        // marked indcheckxmin and cannot be used until the transaction ends (the analysis
        // would plan without it); built here, the dose update is HOT and touches no index
        await deferred?.rebuild();
        // a large load (or a first one) changes the tables' sizes and distributions: fresh
        // statistics first
        const bulk = await analyseGrown(
          manager,
          ['patients', 'orders', 'order_changes', 'exams'],
          counts.read,
        );
        await this.steps.afterLoad?.(manager, {
          runId,
          settings,
          bulk,
          onProgress: options.onProgress,
        });
        const [{ touched }] = await manager.query(
          'SELECT count(*)::int AS touched FROM touched_patients',
        );
        return { counts, touched: touched as number };
      });
      // committed: the tables a large load wrote are vacuumed now, not some minutes later
      const notes = [...run.notes];
      await vacuumAfterLoad((sql) => this.dataSource.query(sql)).catch((error: unknown) => {
        notes.push(
          `VACUUM after the load did not finish (${(error as Error).message.split('\n')[0]}); ` +
            'autovacuum will do it',
        );
      });
      const summary: ImportSummary = {
        runId,
        rowsRead: result.counts.read,
        rowsLoaded: result.counts.read - result.counts.rejected,
        rowsRejected: result.counts.rejected,
        rowsWarned: result.counts.warned,
        durationMs: performance.now() - started,
        touchedPatients: result.touched,
        notes,
      };
      await runs.update(runId, {
        status: 'succeeded',
        finishedAt: new Date(),
        rowsRead: summary.rowsRead,
        rowsLoaded: summary.rowsLoaded,
        rowsRejected: summary.rowsRejected,
        rowsWarned: summary.rowsWarned,
      });
      return summary;
    } catch (error) {
      await runs
        .update(runId, {
          status: 'failed',
          finishedAt: new Date(),
          message: (error as Error).message,
        })
        .catch(() => undefined);
      if (isConnectionLoss(error)) {
        throw new ImportError(
          `The connection to PostgreSQL was lost during import run ${runId} ` +
            `(${(error as Error).message.split('\n')[0]}); the model holds no part of a run: ` +
            'run the import again.',
        );
      }
      throw error;
    } finally {
      await lock.release();
    }
  }

  /**
   * A dedicated connection that inserts the run and takes its advisory lock in one transaction
   * (so no other load can see the run without its lock), then marks failed the runs of the
   * same kind and source left 'running' by a process that died. Their landing rows stay for
   * the record; the normaliser only ever reads the landing rows of its own run.
   */
  private async openRunLock(): Promise<{
    open(values: {
      kind: string;
      source: string;
      target: string;
      files: readonly string[];
      startedBy: string;
      message: string | null;
    }): Promise<number>;
    release(): Promise<void>;
  }> {
    const queryRunner = this.dataSource.createQueryRunner();
    const client = (await queryRunner.connect()) as PoolClient;
    // A server restart ends this idle connection with an error event; the load itself fails on
    // its next statement with the reason, so the event is only absorbed here.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let released = false;
    return {
      open: async (values) => {
        await client.query('BEGIN');
        try {
          const { rows } = await client.query<{ id: number }>(
            `INSERT INTO ingest_runs (kind, source, target, files, started_by, status, message)
             VALUES ($1, $2, $3, $4, $5, 'running', $6) RETURNING id`,
            [
              values.kind,
              values.source,
              values.target,
              [...values.files],
              values.startedBy,
              values.message,
            ],
          );
          const id = rows[0].id;
          await client.query('SELECT pg_advisory_lock($1, $2)', [INGEST_RUN_LOCK_NAMESPACE, id]);
          await client.query('COMMIT');
          await client.query(MARK_STALE_RUNS_SQL, [
            id,
            values.kind,
            values.source,
            INGEST_RUN_LOCK_NAMESPACE,
          ]);
          return id;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      },
      release: async () => {
        if (released) return;
        released = true;
        await client
          .query('SELECT pg_advisory_unlock_all()')
          .catch(() => undefined)
          .finally(() => client.off('error', ignore));
        await queryRunner.release().catch(() => undefined);
      },
    };
  }
}
