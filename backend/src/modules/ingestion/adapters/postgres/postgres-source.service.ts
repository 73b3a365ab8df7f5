import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { ImportError } from '../../import.exception.js';
import type { ImportEntity } from '../../import-format.js';
import {
  ImportService,
  analyseTouchedPatients,
  type AfterLoadHook,
  type ImportOptions,
  type ImportSummary,
} from '../../import.service.js';
import { landRecords } from '../../landing-writer.js';
import {
  TEXT_TYPES,
  beginSourceSnapshot,
  planSourceEntities,
  readSourceRows,
  type SourceEntityPlan,
  type SourceReadState,
} from './read-postgres-source.js';
import { readSourceMapping } from './source-mapping.js';

export interface PostgresImportOptions extends ImportOptions {
  /** postgres:// URL of the hospital's source database (SOURCE_DATABASE_URL). */
  readonly sourceUrl: string;
  /** Path of the JSON mapping file (SOURCE_MAPPING). */
  readonly mappingFile: string;
  /** Ignore the stored watermarks and read every row again (the watermarks are then rewritten). */
  readonly full?: boolean;
  /** Rows per FETCH from the source cursor. */
  readonly batchSize?: number;
}

/** What one entity read in a run, and the watermark before and after it. */
export interface SourceEntityRead {
  readonly entity: ImportEntity;
  readonly file: string;
  readonly rowsRead: number;
  readonly watermarkBefore: string | null;
  readonly watermarkAfter: string | null;
}

export interface PostgresImportSummary extends ImportSummary {
  readonly entities: readonly SourceEntityRead[];
}

interface StoredWatermark {
  readonly entity: string;
  readonly watermark: string;
  readonly watermarkType: string;
}

export const SELECT_WATERMARKS = `
  SELECT entity, watermark, watermark_type AS "watermarkType"
  FROM source_watermarks WHERE source = $1`;

export const UPSERT_WATERMARK = `
  INSERT INTO source_watermarks (source, entity, watermark, watermark_type, updated_at, run_id)
  VALUES ($1, $2, $3, $4, now(), $5)
  ON CONFLICT (source, entity) DO UPDATE
    SET watermark = EXCLUDED.watermark, watermark_type = EXCLUDED.watermark_type,
        updated_at = EXCLUDED.updated_at, run_id = EXCLUDED.run_id`;

/** The source database as shown in the run's target: no user name, no password. */
export const describeSourceUrl = (url: string): string => {
  const parsed = new URL(url);
  return `postgres://${parsed.host}${parsed.pathname}`;
};

const notesOf = (plans: readonly SourceEntityPlan[]): string[] =>
  plans.flatMap((plan) => [
    ...(plan.ignoredColumns.length > 0
      ? [`${plan.file}: column ${plan.ignoredColumns.join(', ')} not in the import format, ignored`]
      : []),
    ...(plan.nullWatermarkRows > 0
      ? [
          `${plan.file}: ${plan.nullWatermarkRows} ${plan.nullWatermarkRows === 1 ? 'row has' : 'rows have'} ` +
            `no ${plan.watermark} and ${plan.nullWatermarkRows === 1 ? 'was' : 'were'} not read; ` +
            `give them a watermark in the mapping (e.g. coalesce(updated_at, created_at))`,
        ]
      : []),
  ]);

/**
 * The PostgreSQL source importer (`grounds import postgres`): reads each mapped entity from
 * the source in one read-only snapshot, only rows past the stored watermark, lands them like
 * any adapter and lets the shared ImportService normalise. The new watermarks are written by
 * the ImportService's after-load hook, i.e. inside the transaction that writes the model rows:
 * the model and the watermark commit together or not at all, so a failed or killed run is
 * simply read again and a successful one is never read twice.
 */
export class PostgresSourceService {
  /** `afterLoad` runs after the watermarks are stored, in the same transaction (null: none). */
  constructor(
    private readonly dataSource: DataSource,
    private readonly afterLoad: AfterLoadHook | null = analyseTouchedPatients,
  ) {}

  async importSource(options: PostgresImportOptions): Promise<PostgresImportSummary> {
    const source = options.source ?? 'postgres';
    const mapping = await readSourceMapping(options.mappingFile);
    const target = describeSourceUrl(options.sourceUrl);
    const client = new pg.Client({
      connectionString: options.sourceUrl,
      types: TEXT_TYPES,
      application_name: 'clinical-grounds-source',
    });
    try {
      await client.connect();
    } catch (error) {
      throw new ImportError(
        `Cannot connect to the source database ${target}: ${(error as Error).message}.`,
      );
    }
    try {
      await beginSourceSnapshot(client);
      const plans = await planSourceEntities(client, mapping, options.mappingFile);
      const stored = await this.storedWatermarks(source);
      const since = new Map<ImportEntity, string | null>();
      for (const plan of plans) {
        const previous = options.full ? undefined : stored.get(plan.entity);
        if (previous && previous.watermarkType !== plan.watermarkType) {
          throw new ImportError(
            `${options.mappingFile}: ${plan.entity}.watermark ${plan.watermark} is now ` +
              `${plan.watermarkType} but the stored watermark of source ${source} is ` +
              `${previous.watermarkType}; run with --full to read everything again.`,
          );
        }
        since.set(plan.entity, previous?.watermark ?? null);
      }
      const states = new Map<ImportEntity, SourceReadState>();
      let runId: number | null = null;
      const storeWatermarks: AfterLoadHook = async (manager, settings) => {
        await this.storeWatermarks(manager, source, runId, plans, states);
        await this.afterLoad?.(manager, settings);
      };
      const importer = new ImportService(this.dataSource, storeWatermarks);
      const summary = await importer.load(
        'postgres',
        source,
        target,
        { ...options, files: plans.map((plan) => plan.file) },
        notesOf(plans),
        async (id) => {
          runId = id;
          for (const plan of plans) {
            const state: SourceReadState = { rowsRead: 0, lastWatermark: null };
            states.set(plan.entity, state);
            options.onProgress?.({ phase: 'landing' });
            await landRecords(
              this.dataSource,
              plan.entity,
              { runId: id, source, file: plan.file },
              readSourceRows(
                client,
                plan,
                since.get(plan.entity) ?? null,
                state,
                options.batchSize,
              ),
            );
          }
          await client.query('COMMIT');
        },
      );
      return {
        ...summary,
        entities: plans.map((plan) => ({
          entity: plan.entity,
          file: plan.file,
          rowsRead: states.get(plan.entity)?.rowsRead ?? 0,
          watermarkBefore: since.get(plan.entity) ?? null,
          watermarkAfter:
            states.get(plan.entity)?.lastWatermark ?? stored.get(plan.entity)?.watermark ?? null,
        })),
      };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async storedWatermarks(source: string): Promise<Map<string, StoredWatermark>> {
    const rows: StoredWatermark[] = await this.dataSource.query(SELECT_WATERMARKS, [source]);
    return new Map(rows.map((row) => [row.entity, row]));
  }

  /** Entities that read no row keep their watermark. */
  private async storeWatermarks(
    manager: EntityManager,
    source: string,
    runId: number | null,
    plans: readonly SourceEntityPlan[],
    states: ReadonlyMap<ImportEntity, SourceReadState>,
  ): Promise<void> {
    if (runId === null) throw new Error('The watermarks were stored before the run started.');
    for (const plan of plans) {
      const watermark = states.get(plan.entity)?.lastWatermark ?? null;
      if (watermark === null) continue;
      await manager.query(UPSERT_WATERMARK, [
        source,
        plan.entity,
        watermark,
        plan.watermarkType,
        runId,
      ]);
    }
  }
}
