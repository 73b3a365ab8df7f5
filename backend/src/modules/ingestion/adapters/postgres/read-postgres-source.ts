import type { ClientBase, CustomTypesConfig } from 'pg';
import { ImportError } from '../../import.exception.js';
import { IMPORT_COLUMNS, IMPORT_ENTITIES, type ImportEntity } from '../../import-format.js';
import type { LandingInput } from '../../landing-writer.js';
import type { SourceMapping } from './source-mapping.js';
import { toLandingInput, type SourceColumn } from './source-row.js';

/** What one entity of the mapping reads, checked against the source before anything lands. */
export interface SourceEntityPlan {
  readonly entity: ImportEntity;
  /** The `file` of its landing rows and rejections, e.g. `postgres:orders`. */
  readonly file: string;
  readonly sql: string;
  readonly watermark: string;
  /** The watermark column's type on the source, e.g. `timestamp with time zone`. */
  readonly watermarkType: string;
  readonly columns: readonly SourceColumn[];
  /** Columns that are neither import-format columns nor the watermark (ignored, with a note). */
  readonly ignoredColumns: readonly string[];
  /** Rows whose watermark is null: never read (a note says how many). */
  readonly nullWatermarkRows: number;
}

/** Rows read so far and the watermark of the last one (rows arrive in watermark order). */
export interface SourceReadState {
  rowsRead: number;
  lastWatermark: string | null;
}

/**
 * Every value arrives as PostgreSQL's text output (no JavaScript Date, which would lose the
 * microseconds of a timestamp watermark and then re-read the last row on every run).
 */
export const TEXT_TYPES = {
  getTypeParser: () => (value: string) => value,
} as unknown as CustomTypesConfig;

export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The user's SELECT is always wrapped as a subquery: one statement, columns by alias. */
const wrap = (sql: string): string => `(\n${sql}\n) AS source`;

export const probeSql = (sql: string): string => `SELECT * FROM ${wrap(sql)} LIMIT 0`;

export const countNullWatermarkSql = (sql: string, watermark: string): string =>
  `SELECT count(*) AS count FROM ${wrap(sql)} WHERE source.${quoteIdentifier(watermark)} IS NULL`;

export const declareCursorSql = (
  cursor: string,
  sql: string,
  watermark: string,
  hasSince: boolean,
): string => {
  const column = `source.${quoteIdentifier(watermark)}`;
  const since = hasSince ? ` AND ${column} > $1` : '';
  return `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT * FROM ${wrap(sql)}
    WHERE ${column} IS NOT NULL${since} ORDER BY ${column}`;
};

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0];

/**
 * Opens the one read-only transaction a run reads in: REPEATABLE READ, so every entity is read
 * from the same snapshot (an order and its new patient arrive together), with the session in
 * UTC and ISO DateStyle so timestamps print with an offset the import format understands.
 */
export async function beginSourceSnapshot(client: ClientBase): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await client.query(`SET LOCAL TimeZone TO 'UTC'`);
  await client.query(`SET LOCAL DateStyle TO 'ISO, YMD'`);
}

/**
 * Checks every mapped entity against the source with `LIMIT 0` (the SQL runs, its columns
 * include every required import column and the watermark, no column twice) and counts rows
 * without a watermark. Any failure is fatal with a one-line reason naming the mapping key.
 */
export async function planSourceEntities(
  client: ClientBase,
  mapping: SourceMapping,
  mappingFile: string,
): Promise<SourceEntityPlan[]> {
  const plans: SourceEntityPlan[] = [];
  for (const entity of IMPORT_ENTITIES) {
    const entry = mapping[entity];
    if (!entry) continue;
    let columns: SourceColumn[];
    try {
      const result = await client.query(probeSql(entry.sql));
      columns = result.fields.map((field) => ({ name: field.name, dataTypeId: field.dataTypeID }));
    } catch (error) {
      throw new ImportError(
        `${mappingFile}: ${entity}.sql fails on the source database: ${firstLine(error)}.`,
      );
    }
    const names = columns.map((column) => column.name);
    const listed = names.join(', ');
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate !== undefined) {
      throw new ImportError(
        `${mappingFile}: ${entity}.sql returns the column ${duplicate} twice; alias one of them.`,
      );
    }
    const missing = IMPORT_COLUMNS[entity]
      .filter((column) => column.required && !names.includes(column.name))
      .map((column) => column.name);
    if (missing.length > 0) {
      throw new ImportError(
        `${mappingFile}: ${entity}.sql lacks required column ${missing.join(', ')} (it returns ${listed}).`,
      );
    }
    const watermarkColumn = columns.find((column) => column.name === entry.watermark);
    if (!watermarkColumn) {
      throw new ImportError(
        `${mappingFile}: ${entity}.watermark "${entry.watermark}" is not a column of ${entity}.sql (it returns ${listed}).`,
      );
    }
    const typeResult = await client.query<{ type: string }>(
      'SELECT format_type($1::oid, NULL) AS type',
      [watermarkColumn.dataTypeId],
    );
    let nullWatermarkRows: number;
    try {
      const counted = await client.query<{ count: string }>(
        countNullWatermarkSql(entry.sql, entry.watermark),
      );
      nullWatermarkRows = Number(counted.rows[0].count);
    } catch (error) {
      throw new ImportError(
        `${mappingFile}: ${entity}.sql fails on the source database: ${firstLine(error)}.`,
      );
    }
    const known = IMPORT_COLUMNS[entity].map((column) => column.name);
    plans.push({
      entity,
      file: `postgres:${entity}`,
      sql: entry.sql,
      watermark: entry.watermark,
      watermarkType: typeResult.rows[0].type,
      columns,
      ignoredColumns: names.filter((name) => !known.includes(name) && name !== entry.watermark),
      nullWatermarkRows,
    });
  }
  return plans;
}

/**
 * Streams the entity's rows whose watermark is past `since` (all rows when null), in
 * watermark order, through a server-side cursor fetched `batchSize` rows at a time, so memory
 * stays bounded whatever the size of the source. `state` follows the rows handed out.
 */
export async function* readSourceRows(
  client: ClientBase,
  plan: SourceEntityPlan,
  since: string | null,
  state: SourceReadState,
  batchSize = 1000,
): AsyncGenerator<LandingInput> {
  const cursor = `cg_source_${plan.entity}`;
  const fetch = async (sql: string, parameters: unknown[] = []) => {
    try {
      return await client.query<Record<string, string | null>>(sql, parameters);
    } catch (error) {
      throw new ImportError(`${plan.file}: reading the source failed: ${firstLine(error)}.`);
    }
  };
  await fetch(
    declareCursorSql(cursor, plan.sql, plan.watermark, since !== null),
    since === null ? [] : [since],
  );
  for (;;) {
    const batch = await fetch(`FETCH FORWARD ${batchSize} FROM ${cursor}`);
    for (const row of batch.rows) {
      state.rowsRead += 1;
      state.lastWatermark = row[plan.watermark] ?? state.lastWatermark;
      yield toLandingInput(plan.entity, plan.columns, row, state.rowsRead);
    }
    if (batch.rows.length < batchSize) break;
  }
  await fetch(`CLOSE ${cursor}`);
}
