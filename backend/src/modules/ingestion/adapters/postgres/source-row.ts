import { IMPORT_COLUMNS, type ImportEntity, type ImportRecord } from '../../import-format.js';
import type { LandingInput } from '../../landing-writer.js';

/** A column of a source query's result: its name and PostgreSQL type OID. */
export interface SourceColumn {
  readonly name: string;
  readonly dataTypeId: number;
}

/** Built-in type OIDs whose text output is not already in the import format. */
export const PG_TYPE_OIDS = {
  bool: 16,
  timestamp: 1114,
  timestamptz: 1184,
} as const;

/**
 * PostgreSQL's ISO text output of a timestamp (DateStyle ISO): `2024-03-01 10:00:00.5+00`,
 * an offset only for timestamptz, possibly with minutes (`+05:30`) or even seconds (local
 * mean time before 1900), and ` BC` for years before the common era.
 */
const PG_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:([+-]\d{2})(?::(\d{2}))?(?::\d{2})?)?$/;

/**
 * One source value (as PostgreSQL's text output, read in a session with TimeZone UTC and
 * DateStyle ISO) in the import format: timestamps in ISO 8601 (`T` separator, offset as
 * `+HH:MM` for timestamptz, none for timestamp so it is read in SITE_TIME_ZONE), booleans
 * `true`/`false`, everything else (numbers, dates, text) as PostgreSQL prints it. A value the
 * import format cannot express (infinity, a BC date) is passed on unchanged so that validation
 * rejects it with its reason.
 */
export function convertSourceValue(text: string | null, dataTypeId: number): string | null {
  if (text === null) return null;
  switch (dataTypeId) {
    case PG_TYPE_OIDS.bool:
      return text === 't' ? 'true' : text === 'f' ? 'false' : text;
    case PG_TYPE_OIDS.timestamp:
    case PG_TYPE_OIDS.timestamptz: {
      const match = PG_TIMESTAMP.exec(text);
      if (!match) return text;
      const [, date, time, offsetHours, offsetMinutes] = match;
      const offset = offsetHours === undefined ? '' : `${offsetHours}:${offsetMinutes ?? '00'}`;
      return `${date}T${time}${offset}`;
    }
    default:
      return text;
  }
}

/**
 * One source row as a landing input: the entity's import-format columns converted (a column
 * the query does not return is null), `raw` the row as read, in JSON, and `line` its position
 * in this run's read of the entity.
 */
export function toLandingInput(
  entity: ImportEntity,
  columns: readonly SourceColumn[],
  row: Readonly<Record<string, string | null>>,
  line: number,
): LandingInput {
  const typeOf = new Map(columns.map((column) => [column.name, column.dataTypeId]));
  const record: ImportRecord = {};
  for (const { name } of IMPORT_COLUMNS[entity]) {
    const dataTypeId = typeOf.get(name);
    record[name] =
      dataTypeId === undefined ? null : convertSourceValue(row[name] ?? null, dataTypeId);
  }
  const raw: Record<string, string | null> = {};
  for (const column of columns) raw[column.name] = row[column.name] ?? null;
  return { line, raw: JSON.stringify(raw), record };
}
