import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import {
  BODY_REGIONS,
  CHANGE_ACTIONS,
  IMPORT_COLUMNS,
  MODALITIES,
  PREGNANCY_STATUSES,
  SETTINGS,
  SEXES,
  type ImportEntity,
  type ImportRecord,
} from '../../import-format.js';
import { landRecords, type LandingInput, type LandingTarget } from '../../landing-writer.js';
import { timeStep } from '../../step-timing.js';
import { BULK_ROWS } from '../../bulk-load.js';
import type { CsvFilePlan } from './read-csv.js';

/**
 * The fast CSV path: PostgreSQL reads the file. COPY lands every physical line as it is (its
 * text and line number) in a temporary table; SQL splits the fields (RFC 4180 quoting) and
 * checks each field against a strict pattern under which the JavaScript validator would accept
 * it unchanged. Rows that pass go straight into the landing table; every other row (a field in
 * another accepted spelling, or invalid) goes through `validateRecord` in JavaScript as
 * before, so its value or its rejection (file, line, field, reason) is exactly the same. A file
 * COPY cannot read line by line (a quoted field spanning lines, broken quoting, bytes COPY
 * refuses) is read by the JavaScript reader instead, which reports every bad line.
 */

/** A line whose quoting is plain RFC 4180: each field is bare (no quote) or fully quoted. */
const WELL_FORMED = `^("([^"]|"")*"|[^",]*)(,("([^"]|"")*"|[^",]*))*$`;

const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;
const list = (values: readonly string[]): string => values.map(literal).join(', ');

// (no bounded repetition over a wide class: PostgreSQL's regex engine expands it into states
// and matching slows by an order of magnitude; lengths are checked with length())
const IDENTIFIER = '^[!-~]([ !-~]*[!-~])?$';
const DATE = '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';
const TIME =
  'T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])?$';
const NUMBER = '^[0-9]+(\\.[0-9]+)?$';

/** Day 29 to 31 exists in that month of that year (the text already matched DATE). */
const calendarDay = (v: string): string => `(substr(${v}, 9, 2) <= '28' OR
  substr(${v}, 9, 2)::int <= CASE
    WHEN substr(${v}, 6, 2) IN ('04', '06', '09', '11') THEN 30
    WHEN substr(${v}, 6, 2) <> '02' THEN 31
    WHEN (substr(${v}, 1, 4)::int % 4 = 0 AND substr(${v}, 1, 4)::int % 100 <> 0)
      OR substr(${v}, 1, 4)::int % 400 = 0 THEN 29
    ELSE 28 END)`;

/**
 * The one timestamp spelling generated files and most exports use, `YYYY-MM-DDTHH:MM:SSZ`,
 * checked without the full pattern (PostgreSQL's regex engine builds its automaton's states
 * afresh for every value, and the full pattern's alternations cost about 3 µs a value, the
 * largest of the landing's checks). The LIKE fixes the length and where the six separators
 * are; the small pattern allows only digits and '-' before the T and digits and ':' after it;
 * with exactly two of each (the replace counts) every other position is a digit. On such a
 * value this is true exactly when the full pattern matches (the same ranges, compared as
 * bytes); any other value takes the full pattern, as before.
 */
const commonTimestamp = (v: string): string => `(${v} LIKE '____-__-__T__:__:__Z'
  AND ${v} ~ '^[0-9-]+T[0-9:]+Z$'
  AND octet_length(replace(${v}, '-', '')) = 18 AND octet_length(replace(${v}, ':', '')) = 18)`;
const commonTimestampRanges = (v: string): string => `(${v} COLLATE "C" >= '1'
  AND substr(${v}, 6, 2) COLLATE "C" BETWEEN '01' AND '12'
  AND substr(${v}, 9, 2) COLLATE "C" BETWEEN '01' AND '31'
  AND substr(${v}, 12, 2) COLLATE "C" <= '23'
  AND substr(${v}, 15, 1) COLLATE "C" <= '5' AND substr(${v}, 18, 1) COLLATE "C" <= '5')`;

type Kind = 'text' | 'identifier' | 'date' | 'timestamp' | 'number' | 'boolean' | string[];

const KINDS: Readonly<Record<ImportEntity, Readonly<Record<string, Kind>>>> = {
  patients: { patient_id: 'identifier', birth_date: 'date', sex: [...SEXES] },
  orders: {
    order_id: 'identifier',
    patient_id: 'identifier',
    ordered_at: 'timestamp',
    provider_id: 'identifier',
    setting: [...SETTINGS],
    requested_modality: [...MODALITIES],
    pregnancy_status: [...PREGNANCY_STATUSES],
    contrast_allergy: 'boolean',
    egfr: 'number',
    dose_alert_shown: 'boolean',
  },
  order_changes: {
    order_id: 'identifier',
    changed_at: 'timestamp',
    action: [...CHANGE_ACTIONS],
    new_modality: [...MODALITIES],
  },
  exams: {
    accession: 'identifier',
    patient_id: 'identifier',
    order_id: 'identifier',
    performed_at: 'timestamp',
    modality: [...MODALITIES],
    body_region: [...BODY_REGIONS],
    ctdivol_mgy: 'number',
    dlp_mgycm: 'number',
    effective_dose_msv: 'number',
  },
};

/**
 * True when the JavaScript validator would accept the non-empty text `v` and keep it as it is
 * (a conservative subset: anything else goes to the validator itself).
 */
const strictCheck = (kind: Kind, v: string): string => {
  if (Array.isArray(kind)) return `${v} IN (${list(kind)})`;
  switch (kind) {
    case 'identifier':
      return `(${v} ~ '${IDENTIFIER}' AND length(${v}) <= 200)`;
    case 'date':
      return `CASE WHEN ${v} ~ '${DATE}$' THEN ${calendarDay(v)} ELSE false END`;
    case 'timestamp':
      return `CASE WHEN ${commonTimestamp(v)} THEN ${commonTimestampRanges(v)} AND ${calendarDay(v)}
        WHEN ${v} ~ '${DATE}${TIME}' THEN ${calendarDay(v)} ELSE false END`;
    case 'number':
      return `(${v} ~ '${NUMBER}' AND length(${v}) <= 300)`;
    case 'boolean':
      return `${v} IN ('true', 'false')`;
    default:
      // JavaScript keeps a field that is not blank as it is: one printable ASCII character
      // proves it is not blank under any definition of white space
      return `${v} ~ '[!-~]'`;
  }
};

/**
 * The fields of a well-formed line with quotes: between its quote characters the pieces
 * alternate outside / inside a quoted field (an escaped "" is an empty outside piece), so the
 * commas of the outside pieces are the separators.
 */
const splitQuoted = (line: string): string => `string_to_array((
  SELECT string_agg(CASE WHEN piece.n % 2 = 1 THEN replace(piece.text, ',', E'\\x01') ELSE piece.text END,
                    '"' ORDER BY piece.n)
  FROM unnest(string_to_array(${line}, '"')) WITH ORDINALITY AS piece(text, n)), E'\\x01')`;

/** A field of the split line, unquoted as RFC 4180 says. */
const unquote = (field: string): string =>
  `CASE WHEN left(${field}, 1) = '"' THEN replace(substr(${field}, 2, length(${field}) - 2), '""', '"') ELSE ${field} END`;

const landingColumnList = (entity: ImportEntity): string =>
  [
    'run_id',
    'source',
    'file',
    'line',
    'raw',
    'error_field',
    'error_reason',
    ...IMPORT_COLUMNS[entity].map((column) => column.name),
  ].join(', ');

/**
 * One statement: split the lines of csv_lines after the header, land the clean ones and the
 * ones with a wrong field count, and keep the others in csv_rest for the JavaScript validator.
 * $1 run, $2 source, $3 file, $4 header line, $5 what the JavaScript reader keeps at the end
 * of a line's raw text (the carriage return of a CRLF file).
 */
export const landCsvLinesSql = (entity: ImportEntity, header: readonly string[]): string => {
  const columns = IMPORT_COLUMNS[entity];
  const kinds = KINDS[entity];
  const valueOf = (name: string): string => `v_${name}`;
  const fieldExpressions = columns.map((column) => {
    const index = header.indexOf(column.name);
    return index < 0
      ? `NULL::text AS ${valueOf(column.name)}`
      : `${unquote(`f[${index + 1}]`)} AS ${valueOf(column.name)}`;
  });
  const checks = columns.map((column) => {
    const v = valueOf(column.name);
    const check = strictCheck(kinds[column.name] ?? 'text', v);
    return column.required
      ? `(${v} <> '' AND ${check})`
      : `(${v} IS NULL OR ${v} = '' OR ${check})`;
  });
  if (entity === 'order_changes') {
    checks.push(`NOT (v_action = 'MODALITY_CHANGE' AND coalesce(v_new_modality, '') = '')`);
  }
  const names = columns.map((column) => column.name);
  return `
    WITH fields AS (
      -- each LATERAL ... OFFSET 0 is evaluated once per line: inlined, the split would run
      -- again for every reference to a field
      SELECT l.line, l.raw, cardinality(split.f) AS n, v.*
      FROM csv_lines l,
        LATERAL (SELECT CASE WHEN strpos(l.raw, '"') = 0 THEN string_to_array(l.raw, ',')
                             ELSE ${splitQuoted('l.raw')} END AS f OFFSET 0) split,
        LATERAL (SELECT ${fieldExpressions.join(', ')} FROM (SELECT split.f) AS s OFFSET 0) v
      WHERE l.raw IS NOT NULL AND l.line > $4
    ), judged AS (
      SELECT fields.*, n = ${header.length} AND ${checks.join('\n        AND ')} AS clean
      FROM fields
    ), rest AS (
      INSERT INTO csv_rest (line, raw, ${names.join(', ')})
      SELECT line, raw || $5, ${names.map(valueOf).join(', ')} FROM judged
      WHERE n = ${header.length} AND NOT clean
    )
    INSERT INTO landing_${entity} (${landingColumnList(entity)})
    SELECT $1, $2, $3, line, raw || $5, NULL,
      CASE WHEN NOT clean THEN format('expected %s fields, found %s', ${header.length}, n) END,
      ${names.map((name) => `CASE WHEN clean THEN nullif(${valueOf(name)}, '') END`).join(', ')}
    FROM judged
    WHERE clean OR n <> ${header.length}`;
};

/** Counts the bytes streamed to COPY, for the progress bar. */
const countBytes = (onBytes?: (bytes: number) => void): Transform => {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      bytes += chunk.length;
      onBytes?.(bytes);
      callback(null, chunk);
    },
  });
};

/** The file's line ending (from its first line) and whether its last line ends with one. */
const lineEnding = async (file: string): Promise<{ eol: number; endsWithEol: boolean }> => {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 1 << 20));
    await handle.read(head, 0, head.length, 0);
    const newline = head.indexOf(0x0a);
    const eol = newline > 0 && head[newline - 1] === 0x0d ? 2 : 1;
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    return { eol, endsWithEol: size > 0 && last[0] === 0x0a };
  } finally {
    await handle.close();
  }
};

/**
 * Lands one CSV file through COPY; returns false (having landed nothing) when the file must be
 * read by the JavaScript reader instead.
 */
export async function copyCsvFile(
  dataSource: DataSource,
  plan: CsvFilePlan,
  target: LandingTarget,
  onBytes?: (bytes: number) => void,
): Promise<boolean> {
  const queryRunner = dataSource.createQueryRunner();
  const client = (await queryRunner.connect()) as PoolClient;
  const names = IMPORT_COLUMNS[plan.entity].map((column) => column.name);
  try {
    await client.query('DROP TABLE IF EXISTS csv_lines, csv_rest');
    await client.query(
      'CREATE TEMPORARY TABLE csv_lines (line bigint GENERATED ALWAYS AS IDENTITY, raw text)',
    );
    await client.query(
      `CREATE TEMPORARY TABLE csv_rest (line bigint, raw text, ${names.map((name) => `${name} text`).join(', ')})`,
    );
    try {
      // every physical line as one value: a delimiter and quote no text file contains
      await timeStep(`copy.${plan.entity}`, () =>
        pipeline(
          createReadStream(plan.path),
          countBytes(onBytes),
          client.query(
            copyFrom(
              `COPY csv_lines (raw) FROM STDIN WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')`,
            ),
          ),
        ),
      );
    } catch (error) {
      // a lost connection fails the load as before; anything else is bytes COPY refuses
      // (encoding, a stray carriage return, …): the JavaScript reader takes the file
      const code = String((error as { code?: unknown }).code ?? '');
      const lost =
        /^(08|57P|EPIPE|ECONN)/.test(code) ||
        /Connection terminated|terminating connection|connection error/i.test(
          (error as Error).message,
        );
      if (lost) throw error;
      return false;
    }
    const { eol, endsWithEol } = await lineEnding(plan.path);
    const {
      rows: [check],
    } = await client.query<{
      lines: string;
      bytes: string;
      malformed: boolean;
      header: string;
      empty: string;
    }>(
      `SELECT count(*) AS lines, coalesce(sum(octet_length(raw)), 0) AS bytes,
         coalesce(bool_or(strpos(raw, '"') > 0 AND raw !~ '${WELL_FORMED}'), false)
           OR coalesce(bool_or(strpos(raw, E'\\x02') > 0), false) AS malformed,
         min(line) FILTER (WHERE raw IS NOT NULL) AS header,
         count(*) FILTER (WHERE raw IS NULL) AS empty
       FROM csv_lines`,
    );
    const { size } = await stat(plan.path);
    const expected = Number(check.bytes) + Number(check.lines) * eol - (endsWithEol ? 0 : eol);
    // a line COPY read differently from the file (or a multi-line record): JavaScript reads it
    if (check.malformed || expected !== size || check.header === null) return false;
    // the JavaScript reader keeps a CRLF line's carriage return in its raw text, but not on a
    // last line without a line ending nor quite so after an empty line: such files are its own
    if (eol === 2 && (!endsWithEol || Number(check.empty) > 0)) return false;
    await client.query('ANALYZE csv_lines');
    // the planner puts a Memoize over the per-line field LATERAL, keyed by the split array:
    // every line is a miss (805,771 misses, no hit for the exams), and the cache churn cost
    // more than the fields themselves (orders at 200k: 45.0 s with it, 28.8 s without)
    await client.query('SET enable_memoize = off');
    try {
      await timeStep(`split.${plan.entity}`, () =>
        client.query(landCsvLinesSql(plan.entity, plan.header), [
          target.runId,
          target.source,
          target.file,
          Number(check.header),
          eol === 2 ? '\r' : '',
        ]),
      );
    } finally {
      await client.query('RESET enable_memoize').catch(() => undefined);
    }
    await timeStep(`validate.${plan.entity}`, () =>
      landRecords(dataSource, plan.entity, target, Readable.from(restOf(client, names))),
    );
    // the normaliser reads this run's landing rows next: statistics that know they exist
    if (Number(check.lines) >= BULK_ROWS) await client.query(`ANALYZE landing_${plan.entity}`);
    return true;
  } finally {
    await client.query('DROP TABLE IF EXISTS csv_lines, csv_rest').catch(() => undefined);
    await queryRunner.release();
  }
}

/** The rows the strict SQL check did not accept, for the JavaScript validator. */
async function* restOf(client: PoolClient, names: readonly string[]): AsyncGenerator<LandingInput> {
  const batch = 5000;
  let after = 0;
  for (;;) {
    const { rows } = await client.query<Record<string, string | null> & { line: string }>(
      `SELECT * FROM csv_rest WHERE line > $1 ORDER BY line LIMIT ${batch}`,
      [after],
    );
    for (const row of rows) {
      const record: ImportRecord = {};
      for (const name of names) if (row[name] !== null) record[name] = row[name];
      yield { line: Number(row.line), raw: row.raw, record };
    }
    if (rows.length < batch) return;
    after = Number(rows[rows.length - 1].line);
  }
}
