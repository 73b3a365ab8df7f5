import os from 'node:os';
import { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { DoseService } from '../dose/dose.service.js';
import { SettingsService, type VersionedSettings } from '../settings/settings.service.js';
import { readCsvRecords, planCsvFolder } from './adapters/csv/read-csv.js';
import { IngestRunEntity } from './entities/landing.entity.js';
import { landRecords } from './landing-writer.js';
import { NormaliserService } from './normaliser.service.js';

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
}

/** Runs after the model and doses are updated, in the same transaction (the analysis). */
export type AfterLoadHook = (manager: EntityManager, settings: VersionedSettings) => Promise<void>;

export const currentUser = (): string => {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
};

/**
 * Every load follows one path: an ingest run is opened, the adapter lands its records, and one
 * transaction normalises them into the model, recomputes doses for the touched patients and
 * runs the analysis hook. A failure marks the run failed and leaves the model as it was.
 */
export class ImportService {
  private readonly normaliser = new NormaliserService();
  private readonly dose = new DoseService();

  constructor(
    private readonly dataSource: DataSource,
    private readonly afterLoad?: AfterLoadHook,
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
    let bytesBefore = 0;
    return this.load('csv', options.source ?? 'csv', folder, options, notes, async (runId) => {
      for (const file of plan.files) {
        const target = { runId, source: options.source ?? 'csv', file: file.path };
        const records = Readable.from(
          readCsvRecords(file, (bytes) =>
            options.onProgress?.({ phase: 'landing', bytesDone: bytesBefore + bytes, bytesTotal }),
          ),
        );
        await landRecords(this.dataSource, file.entity, target, records);
        bytesBefore += file.bytes;
      }
    });
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
    const started = performance.now();
    const runs = this.dataSource.getRepository(IngestRunEntity);
    const run = await runs.save({
      kind,
      source,
      target,
      startedBy: options.startedBy ?? currentUser(),
      status: 'running',
      message: notes.length > 0 ? notes.join('\n') : null,
    });
    try {
      await land(run.id);
      const settings = await new SettingsService(this.dataSource).current();
      const result = await this.dataSource.transaction(async (manager) => {
        options.onProgress?.({ phase: 'normalising' });
        const counts = await this.normaliser.normalise(manager, run.id);
        options.onProgress?.({ phase: 'dose' });
        await this.dose.recompute(manager, settings);
        if (this.afterLoad) {
          options.onProgress?.({ phase: 'analysing' });
          await this.afterLoad(manager, settings);
        }
        const [{ touched }] = await manager.query(
          'SELECT count(*)::int AS touched FROM touched_patients',
        );
        return { counts, touched: touched as number };
      });
      const entities = [
        result.counts.patients,
        result.counts.orders,
        result.counts.order_changes,
        result.counts.exams,
      ];
      const rowsRead = entities.reduce((sum, entity) => sum + entity.read, 0);
      const rowsRejected = entities.reduce((sum, entity) => sum + entity.rejected, 0);
      const summary: ImportSummary = {
        runId: run.id,
        rowsRead,
        rowsLoaded: rowsRead - rowsRejected,
        rowsRejected,
        rowsWarned: result.counts.warned,
        durationMs: performance.now() - started,
        touchedPatients: result.touched,
        notes,
      };
      await runs.update(run.id, {
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
        .update(run.id, {
          status: 'failed',
          finishedAt: new Date(),
          message: (error as Error).message,
        })
        .catch(() => undefined);
      throw error;
    }
  }
}
