import { readFile } from 'node:fs/promises';
import { ImportError } from '../../import.exception.js';
import { IMPORT_ENTITIES, REQUIRED_ENTITIES, type ImportEntity } from '../../import-format.js';

/**
 * The PostgreSQL source mapping (SOURCE_MAPPING, DESIGN.md section 5): per entity a SQL SELECT
 * over the source database whose column aliases are the CSV column names, and the name of the
 * column that orders its rows for incremental reads (the watermark). The watermark may be one
 * of the CSV columns or an extra column used only as the watermark (e.g. `updated_at`).
 */
export interface EntityMapping {
  readonly sql: string;
  readonly watermark: string;
}

export type SourceMapping = Readonly<Partial<Record<ImportEntity, EntityMapping>>>;

const ENTITY_KEYS = ['sql', 'watermark'] as const;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const STARTS_AS_QUERY = /^\s*(?:\(\s*)*(?:select|with)\b/i;

/** The user's SELECT without trailing semicolons, so it can be wrapped as a subquery. */
export const trimStatement = (sql: string): string => sql.trim().replace(/(?:\s*;)+$/, '');

/**
 * Checks a mapping's shape (no database needed): orders present, only known entities, each
 * with a non-empty `sql` that is a SELECT and a non-empty `watermark`. Every failure is one
 * line naming the file and the key.
 */
export function parseSourceMapping(text: string, file: string): SourceMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`${file}: not valid JSON (${(error as Error).message}).`);
  }
  if (!isPlainObject(parsed)) {
    throw new ImportError(
      `${file}: the mapping must be a JSON object with one key per entity (${IMPORT_ENTITIES.join(', ')}).`,
    );
  }
  const unknown = Object.keys(parsed).find((key) => !IMPORT_ENTITIES.includes(key as ImportEntity));
  if (unknown !== undefined) {
    throw new ImportError(
      `${file}: unknown entity "${unknown}" (expected ${IMPORT_ENTITIES.join(', ')}).`,
    );
  }
  for (const entity of REQUIRED_ENTITIES) {
    if (!(entity in parsed)) {
      throw new ImportError(`${file}: ${entity} is required in the mapping.`);
    }
  }
  const mapping: Partial<Record<ImportEntity, EntityMapping>> = {};
  for (const entity of IMPORT_ENTITIES) {
    if (!(entity in parsed)) continue;
    const value = parsed[entity];
    if (!isPlainObject(value)) {
      throw new ImportError(`${file}: ${entity} must be an object with "sql" and "watermark".`);
    }
    const extra = Object.keys(value).find(
      (key) => !(ENTITY_KEYS as readonly string[]).includes(key),
    );
    if (extra !== undefined) {
      throw new ImportError(
        `${file}: ${entity}.${extra} is not a mapping key (expected sql and watermark).`,
      );
    }
    const { sql, watermark } = value;
    if (typeof sql !== 'string' || sql.trim() === '') {
      throw new ImportError(
        `${file}: ${entity}.sql is missing (a SELECT whose column aliases are the CSV column names).`,
      );
    }
    if (!STARTS_AS_QUERY.test(sql)) {
      throw new ImportError(`${file}: ${entity}.sql must be a SELECT (or WITH … SELECT).`);
    }
    if (typeof watermark !== 'string' || watermark.trim() === '') {
      throw new ImportError(
        `${file}: ${entity}.watermark is missing (the name of a column of ${entity}.sql).`,
      );
    }
    mapping[entity] = { sql: trimStatement(sql), watermark: watermark.trim() };
  }
  return mapping;
}

/** Reads and checks the mapping file named by SOURCE_MAPPING. */
export async function readSourceMapping(file: string): Promise<SourceMapping> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ImportError(`${file}: the source mapping cannot be read.`);
  }
  return parseSourceMapping(text, file);
}
