import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { IMPORT_COLUMNS, type ImportEntity, type ImportRecord } from '../../import-format.js';
import { landRecords, type LandingInput, type LandingTarget } from '../../landing-writer.js';
import { timeStep } from '../../step-timing.js';
import { BULK_ROWS } from '../../bulk-load.js';
import type { CsvFilePlan } from './read-csv.js';
import {
  DATE,
  IDENTIFIER,
  KINDS,
  NUMBER,
  StrictRecordCheck,
  TIME,
  type Kind,
} from './strict-fields.js';

/**
 * The fast CSV path: PostgreSQL reads the file. COPY lands every physical line as it is (its
 * text and line number) in a temporary table; SQL splits the fields (RFC 4180 quoting) and
 * checks each field against a strict pattern under which the JavaScript validator would accept
 * it unchanged (on the fields path the same checks run in JavaScript while COPY reads the
 * file, and SQL checks nothing when every record passed). Rows that pass go straight into the
 * landing table; every other row (a field in another accepted spelling, or invalid) goes
 * through `validateRecord` in JavaScript as before, so its value or its rejection (file, line,
 * field, reason) is exactly the same. A file COPY cannot read line by line (a quoted field
 * spanning lines, broken quoting, bytes COPY refuses) is read by the JavaScript reader
 * instead, which reports every bad line.
 */

/** A line whose quoting is plain RFC 4180: each field is bare (no quote) or fully quoted. */
const WELL_FORMED = `^("([^"]|"")*"|[^",]*)(,("([^"]|"")*"|[^",]*))*$`;

const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;
const list = (values: readonly string[]): string => values.map(literal).join(', ');

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

/**
 * True when the JavaScript validator would accept the non-empty text `v` and keep it as it is
 * (a conservative subset: anything else goes to the validator itself).
 */
export const strictCheck = (kind: Kind, v: string): string => {
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
 * The checks of a record's fields (`valueOf` a column's text: NULL when the file has no such
 * column, '' when the field is empty), all true exactly when the record lands as it is.
 */
const strictChecks = (entity: ImportEntity, valueOf: (name: string) => string): string[] => {
  const kinds = KINDS[entity];
  const checks = IMPORT_COLUMNS[entity].map((column) => {
    const v = valueOf(column.name);
    const check = strictCheck(kinds[column.name] ?? 'text', v);
    return column.required
      ? `(${v} <> '' AND ${check})`
      : `(${v} IS NULL OR ${v} = '' OR ${check})`;
  });
  if (entity === 'order_changes') {
    const action = valueOf('action');
    const modality = valueOf('new_modality');
    checks.push(`NOT (${action} = 'MODALITY_CHANGE' AND coalesce(${modality}, '') = '')`);
  }
  return checks;
};

/** csv_fields' column of the header's field `index` (0-based). */
const fieldColumn = (index: number): string => `c${index + 1}`;

/** The landing values of csv_fields' record: the file's text of a column, NULL if it has none. */
const fieldOf =
  (header: readonly string[]) =>
  (name: string): string => {
    const index = header.indexOf(name);
    return index < 0 ? 'NULL::text' : fieldColumn(index);
  };

/**
 * A csv_fields record's line: its fields joined by commas, in quotes (a quote doubled) where a
 * field holds a comma or a quote; `quoted` says which fields any line had in quotes (the others
 * hold neither).
 */
const rawOf = (header: readonly string[], quoted: readonly boolean[]): string =>
  header
    .map((_name, index) => {
      const field = fieldColumn(index);
      return quoted[index]
        ? `CASE WHEN strpos(${field}, ',') > 0 OR strpos(${field}, '"') > 0
             THEN '"' || replace(${field}, '"', '""') || '"' ELSE ${field} END`
        : field;
    })
    .join(` || ',' || `);

/**
 * The fields path: csv_fields holds every record of a file written one record a line, with no
 * carriage return, and quotes only around fields that hold a comma or a quote (so a record's
 * fields give back its line), `line` its line number. `land` lands the clean records ($1 run,
 * $2 source, $3 file); `rest` keeps the others in csv_rest for the JavaScript validator.
 * `checked`: every record passed the same checks in JavaScript while COPY read the file
 * (StrictRecordCheck), so `land` takes every record without checking it again.
 */
export const csvFieldsSql = (
  entity: ImportEntity,
  header: readonly string[],
  quoted: readonly boolean[] = [],
  checked = false,
): { land: string; rest: string } => {
  const valueOf = fieldOf(header);
  const raw = rawOf(header, quoted);
  const names = IMPORT_COLUMNS[entity].map((column) => column.name);
  const clean = strictChecks(entity, valueOf).join('\n      AND ');
  return {
    land: `
      INSERT INTO landing_${entity} (${landingColumnList(entity)})
      SELECT $1, $2, $3, line, ${raw}, NULL, NULL,
        ${names.map((name) => `nullif(${valueOf(name)}, '')`).join(', ')}
      FROM csv_fields
      WHERE ${checked ? 'true' : clean}`,
    rest: `
      INSERT INTO csv_rest (line, raw, ${names.join(', ')})
      SELECT line, ${raw}, ${names.map(valueOf).join(', ')}
      FROM csv_fields
      WHERE NOT (${clean})`,
  };
};

/**
 * One statement: split the lines of csv_lines after the header, land the clean ones and the
 * ones with a wrong field count, and keep the others in csv_rest for the JavaScript validator.
 * $1 run, $2 source, $3 file, $4 header line, $5 what the JavaScript reader keeps at the end
 * of a line's raw text (the carriage return of a CRLF file).
 */
export const landCsvLinesSql = (entity: ImportEntity, header: readonly string[]): string => {
  const columns = IMPORT_COLUMNS[entity];
  const valueOf = (name: string): string => `v_${name}`;
  const fieldExpressions = columns.map((column) => {
    const index = header.indexOf(column.name);
    return index < 0
      ? `NULL::text AS ${valueOf(column.name)}`
      : `${unquote(`f[${index + 1}]`)} AS ${valueOf(column.name)}`;
  });
  const checks = strictChecks(entity, valueOf);
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

/** A COPY failed because the connection is gone (the load fails), not because of the file. */
const connectionLost = (error: unknown): boolean =>
  /^(08|57P|EPIPE|ECONN)/.test(String((error as { code?: unknown }).code ?? '')) ||
  /Connection terminated|terminating connection|connection error/i.test((error as Error).message);

/**
 * Lands one CSV file through COPY; returns false (having landed nothing) when the file must be
 * read by the JavaScript reader instead. A file PostgreSQL can parse as CSV itself, one record
 * a line, takes the fields path; any other the line path.
 */
export async function copyCsvFile(
  dataSource: DataSource,
  plan: CsvFilePlan,
  target: LandingTarget,
  onBytes?: (bytes: number) => void,
): Promise<boolean> {
  if (await copyCsvFields(dataSource, plan, target, onBytes)) return true;
  return copyCsvLines(dataSource, plan, target, onBytes);
}

/** What the fields path needs to know of a file's bytes, gathered while COPY reads them. */
interface ByteScan {
  /** Line feeds in the file. */
  newlines: number;
  /**
   * A carriage return, an empty line (two line feeds in a row) or a line whose quoting is not
   * the one a line's fields give back (see quotedAsWritten) was seen.
   */
  awkward: boolean;
  /** The last byte read (-1 before the first chunk). */
  last: number;
  /**
   * The strict checks of the records, made here while COPY reads the file (the header line
   * is the first; later lines are records on the fields path), and whether every record seen
   * so far passed them: the landing then needs no check in SQL. The first that fails stops
   * the checking; SQL checks every record then, as before.
   */
  records: StrictRecordCheck;
  checked: boolean;
  /** The complete lines the record check has read, the header first. */
  linesChecked: number;
  /** The bytes after the last line feed read so far (a line not complete yet). */
  partial: Buffer;
  /** By position: whether a line had that field in quotes. */
  quoted: boolean[];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Whether the line buf[start, end) (no line feed in it) is written as its fields would be
 * written again: a field in quotes holds a comma or a quote (and nothing else has quotes), so
 * quoting exactly the fields that hold one gives the line back byte for byte. Notes which
 * fields are in quotes.
 */
const quotedAsWritten = (buf: Buffer, start: number, end: number, quoted: boolean[]): boolean => {
  let at = start;
  for (let field = 0; ; field += 1) {
    if (at < end && buf[at] === QUOTE) {
      let special = false;
      let next = at + 1;
      for (;;) {
        if (next >= end) return false;
        if (buf[next] === QUOTE) {
          if (next + 1 < end && buf[next + 1] === QUOTE) {
            special = true;
            next += 2;
            continue;
          }
          break;
        }
        if (buf[next] === COMMA) special = true;
        next += 1;
      }
      if (!special) return false;
      quoted[field] = true;
      at = next + 1;
      if (at === end) return true;
      if (buf[at] !== COMMA) return false;
      at += 1;
    } else {
      for (; at < end && buf[at] !== COMMA; at += 1) if (buf[at] === QUOTE) return false;
      if (at === end) return true;
      at += 1;
    }
  }
};

/** Checks the complete lines in buf (each ends with a line feed, or buf ends) holding a quote. */
const checkQuotedLines = (buf: Buffer, scan: ByteScan): void => {
  for (let quote = buf.indexOf(QUOTE); quote >= 0;) {
    const start = buf.lastIndexOf(LF, quote) + 1;
    const newline = buf.indexOf(LF, quote);
    const end = newline < 0 ? buf.length : newline;
    if (!quotedAsWritten(buf, start, end, scan.quoted)) {
      scan.awkward = true;
      return;
    }
    if (newline < 0) return;
    quote = buf.indexOf(QUOTE, newline + 1);
  }
};

/**
 * The fields of the line buf[start, end) as COPY reads them (an empty field is ''), each byte
 * one latin1 character (see strictValue). A line with quotes has passed quotedAsWritten: each
 * quoted field ends at a quote not doubled, followed by a comma or the line's end.
 */
const fieldsOf = (buf: Buffer, start: number, end: number): string[] => {
  const line = buf.toString('latin1', start, end);
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (line.charCodeAt(at) === QUOTE) {
      let close = at + 1;
      for (;;) {
        close = line.indexOf('"', close);
        if (close < 0) return []; // (not after quotedAsWritten: no record has no field)
        if (line.charCodeAt(close + 1) !== QUOTE) break;
        close += 2;
      }
      fields.push(line.slice(at + 1, close).replaceAll('""', '"'));
      at = close + 1;
    } else {
      const comma = line.indexOf(',', at);
      fields.push(line.slice(at, comma < 0 ? line.length : comma));
      at = comma < 0 ? line.length : comma;
    }
    if (at >= line.length) return fields;
    at += 1;
    if (at === line.length) {
      fields.push('');
      return fields;
    }
  }
};

/** Checks the records among the complete lines in buf (each ends with a line feed, or buf ends). */
const checkRecords = (buf: Buffer, scan: ByteScan): void => {
  for (let start = 0; start < buf.length;) {
    const newline = buf.indexOf(LF, start);
    const end = newline < 0 ? buf.length : newline;
    if (scan.linesChecked > 0 && !scan.records.passes(fieldsOf(buf, start, end))) {
      scan.checked = false;
      return;
    }
    scan.linesChecked += 1;
    start = end + 1;
  }
};

/** Passes the bytes through, counting line feeds and noting what the fields path cannot take. */
const scanBytes = (scan: ByteScan): Transform =>
  new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (!scan.awkward) {
        if (chunk.indexOf(CR) >= 0) scan.awkward = true;
        let previous = scan.last === LF ? -1 : -2;
        let lastNewline = -1;
        for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) {
          scan.newlines += 1;
          if (at === previous + 1) scan.awkward = true;
          previous = at;
          lastNewline = at;
        }
        const quotes = chunk.indexOf(QUOTE) >= 0 || scan.partial.indexOf(QUOTE) >= 0;
        if (lastNewline < 0) {
          scan.partial = Buffer.concat([scan.partial, chunk]);
        } else {
          const complete = chunk.subarray(0, lastNewline + 1);
          const lines =
            scan.partial.length > 0 ? Buffer.concat([scan.partial, complete]) : complete;
          if (quotes) checkQuotedLines(lines, scan);
          if (scan.checked && !scan.awkward) checkRecords(lines, scan);
          scan.partial = chunk.subarray(lastNewline + 1);
        }
      }
      if (chunk.length > 0) scan.last = chunk[chunk.length - 1];
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      if (!scan.awkward && scan.partial.length > 0) {
        checkQuotedLines(scan.partial, scan);
        if (scan.checked && !scan.awkward) checkRecords(scan.partial, scan);
      }
      callback();
    },
  });

/**
 * From the file's first 64 kB, whether the fields path may take it: its first line (after a
 * byte order mark) is the header, and no carriage return shows yet (a file with them would be
 * read twice for nothing).
 */
const fieldsPathLikely = async (file: string): Promise<boolean> => {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    const first = bom ? 3 : 0;
    return head.length > first && head[first] !== LF && head.indexOf(CR) < 0;
  } finally {
    await handle.close();
  }
};

/**
 * The fields path, for a file whose every line is one record (no carriage return, no empty
 * line, quotes only around a whole field holding a comma or a quote): PostgreSQL parses it as
 * CSV into csv_fields, one text column a header field, and a line is its fields joined again,
 * so the landing rows are those of the line path without splitting any line. Returns false
 * (having landed nothing) for any other file, or one COPY refuses (a line with another field
 * count, bytes that are not UTF-8, …): the line path takes it and reports every line as
 * before. Otherwise where the records were checked: 'javascript' when every record passed the
 * strict checks as COPY read it (StrictRecordCheck), 'sql' when one did not and SQL checked
 * them all.
 */
export async function copyCsvFields(
  dataSource: DataSource,
  plan: CsvFilePlan,
  target: LandingTarget,
  onBytes?: (bytes: number) => void,
): Promise<false | 'javascript' | 'sql'> {
  if (!(await fieldsPathLikely(plan.path))) return false;
  const queryRunner = dataSource.createQueryRunner();
  const client = (await queryRunner.connect()) as PoolClient;
  const names = IMPORT_COLUMNS[plan.entity].map((column) => column.name);
  const columns = plan.header.map((_name, index) => fieldColumn(index));
  try {
    await client.query('DROP TABLE IF EXISTS csv_fields, csv_rest');
    // the header is line 1 and no record spans lines: the nth record is line n + 1
    await client.query(
      `CREATE TEMPORARY TABLE csv_fields (line bigint GENERATED ALWAYS AS IDENTITY (START WITH 2),
         ${columns.map((column) => `${column} text`).join(', ')})`,
    );
    await client.query(
      `CREATE TEMPORARY TABLE csv_rest (line bigint, raw text, ${names.map((name) => `${name} text`).join(', ')})`,
    );
    const scan: ByteScan = {
      newlines: 0,
      awkward: false,
      records: new StrictRecordCheck(plan.entity, plan.header),
      checked: true,
      linesChecked: 0,
      last: -1,
      partial: Buffer.alloc(0),
      quoted: [],
    };
    let records: number;
    try {
      // an empty field is '' (as in the line path), not NULL
      const copy = client.query(
        copyFrom(
          `COPY csv_fields (${columns.join(', ')}) FROM STDIN
           WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (${columns.join(', ')}))`,
        ),
      );
      await timeStep(`copy.${plan.entity}`, () =>
        pipeline(createReadStream(plan.path), scanBytes(scan), countBytes(onBytes), copy),
      );
      records = copy.rowCount ?? -1;
    } catch (error) {
      if (connectionLost(error)) throw error;
      return false;
    }
    // every line but the header is one record (COPY stopped at none, e.g. a line "\.")
    const lines = scan.newlines + (scan.last === LF || scan.last === -1 ? 0 : 1);
    if (scan.awkward || records !== lines - 1) return false;
    const sql = csvFieldsSql(plan.entity, plan.header, scan.quoted, scan.checked);
    const landed = await timeStep(`split.${plan.entity}`, () =>
      client.query(sql.land, [target.runId, target.source, target.file]),
    );
    await timeStep(`validate.${plan.entity}`, async () => {
      if (landed.rowCount === records) return;
      await client.query(sql.rest);
      await landRecords(dataSource, plan.entity, target, Readable.from(restOf(client, names)));
    });
    // the normaliser reads this run's landing rows next: statistics that know they exist
    if (records + 1 >= BULK_ROWS) await client.query(`ANALYZE landing_${plan.entity}`);
    return scan.checked ? 'javascript' : 'sql';
  } finally {
    await client.query('DROP TABLE IF EXISTS csv_fields, csv_rest').catch(() => undefined);
    await queryRunner.release();
  }
}

/** The line path: every physical line into csv_lines, split and checked by SQL. */
async function copyCsvLines(
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
      if (connectionLost(error)) throw error;
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
