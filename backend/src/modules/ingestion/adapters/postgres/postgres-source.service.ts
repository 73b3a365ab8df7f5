import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { ImportError } from '../../import.exception.js';
import type { ImportEntity } from '../../import-format.js';
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

export interface PostgresSourceOptions {
  /** The source's name on runs and watermarks (default postgres). */
  readonly source?: string;
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
 * One read of the source, for one ingest run: what the run records (source, target, notes),
 * the landing of every mapped entity's new rows, and the new watermarks to store.
 */
export interface PostgresSourceRead {
  readonly source: string;
  readonly target: string;
  readonly notes: readonly string[];
  /** The source tables read (the ingest run's files). */
  readonly files: readonly string[];
  /** Lands each mapped entity's rows past its watermark for the run, then ends the snapshot. */
  land(runId: number): Promise<void>;
  /**
   * Stores the new watermarks (entities that read no row keep theirs), inside the transaction
   * that writes the model rows.
   */
  storeWatermarks(manager: EntityManager, runId: number): Promise<void>;
  /** What each entity read, and its watermark before and after (after `land`). */
  entities(): SourceEntityRead[];
  /** Closes the connection to the source. */
  close(): Promise<void>;
}

/**
 * The PostgreSQL source adapter (`grounds import postgres`): reads each mapped entity from
 * the source in one read-only snapshot, only rows past the stored watermark, and lands them
 * like any adapter; ImportService then normalises them. The new watermarks are written inside
 * the transaction that writes the model rows (ImportService runs `storeWatermarks` there): the
 * model and the watermark commit together or not at all, so a failed or killed run is simply
 * read again and a successful one is never read twice.
 */
export class PostgresSourceService {
  constructor(private readonly dataSource: DataSource) {}

  /** Connects, plans the mapped entities and checks the stored watermarks; nothing is read yet. */
  async open(options: PostgresSourceOptions, onLanding?: () => void): Promise<PostgresSourceRead> {
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
    const close = () => client.end().catch(() => undefined);
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
      return {
        source,
        target,
        notes: notesOf(plans),
        files: plans.map((plan) => plan.file),
        land: async (runId) => {
          for (const plan of plans) {
            const state: SourceReadState = { rowsRead: 0, lastWatermark: null };
            states.set(plan.entity, state);
            onLanding?.();
            await landRecords(
              this.dataSource,
              plan.entity,
              { runId, source, file: plan.file },
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
        storeWatermarks: (manager, runId) =>
          this.storeWatermarks(manager, source, runId, plans, states),
        entities: () =>
          plans.map((plan) => ({
            entity: plan.entity,
            file: plan.file,
            rowsRead: states.get(plan.entity)?.rowsRead ?? 0,
            watermarkBefore: since.get(plan.entity) ?? null,
            watermarkAfter:
              states.get(plan.entity)?.lastWatermark ?? stored.get(plan.entity)?.watermark ?? null,
          })),
        close,
      };
    } catch (error) {
      await close();
      throw error;
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
    runId: number,
    plans: readonly SourceEntityPlan[],
    states: ReadonlyMap<ImportEntity, SourceReadState>,
  ): Promise<void> {
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
