import { createReadStream } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import {
  IMPORT_COLUMNS,
  IMPORT_ENTITIES,
  REQUIRED_ENTITIES,
  fileNameOf,
  type ImportEntity,
} from '../../import-format.js';
import type { LandingInput } from '../../landing-writer.js';
import { ImportError } from '../../import.exception.js';

export interface CsvFilePlan {
  readonly entity: ImportEntity;
  readonly path: string;
  readonly bytes: number;
  readonly header: readonly string[];
  /** Columns the file has that the import format does not know (ignored, with a warning). */
  readonly unknownColumns: readonly string[];
}

export interface CsvFolderPlan {
  readonly files: readonly CsvFilePlan[];
  /** Files in the folder that are not part of the import format (ignored, with a note). */
  readonly ignoredFiles: readonly string[];
}

const parserOptions = {
  bom: true,
  info: true,
  raw: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
} as const;

const readHeader = async (file: string): Promise<string[]> => {
  const parser = createReadStream(file).pipe(parse({ ...parserOptions, to_line: 1 }));
  for await (const { record } of parser as AsyncIterable<{ record: string[] }>) {
    return record.map((name) => name.trim().toLowerCase());
  }
  return [];
};

/**
 * Checks a folder before anything is loaded: orders.csv present, every file readable and
 * every required column in its header. Any failure is fatal with a one-line reason.
 */
export async function planCsvFolder(folder: string): Promise<CsvFolderPlan> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    throw new ImportError(`Cannot read the folder ${folder}.`);
  }
  const files: CsvFilePlan[] = [];
  for (const entity of IMPORT_ENTITIES) {
    const name = fileNameOf(entity);
    const file = path.join(folder, name);
    if (!names.includes(name)) {
      if (REQUIRED_ENTITIES.includes(entity)) {
        throw new ImportError(`${file}: missing; ${name} is required in an import folder.`);
      }
      continue;
    }
    try {
      await access(file);
    } catch {
      throw new ImportError(`${file}: cannot be read.`);
    }
    let header: string[];
    try {
      header = await readHeader(file);
    } catch (error) {
      throw new ImportError(`${file}: cannot be read as CSV (${(error as Error).message}).`);
    }
    const known = IMPORT_COLUMNS[entity].map((column) => column.name);
    const missing = IMPORT_COLUMNS[entity]
      .filter((column) => column.required && !header.includes(column.name))
      .map((column) => column.name);
    if (missing.length > 0) {
      throw new ImportError(`${file}: line 1: missing required column ${missing.join(', ')}.`);
    }
    const duplicate = header.find((name, index) => header.indexOf(name) !== index);
    if (duplicate) throw new ImportError(`${file}: line 1: column ${duplicate} appears twice.`);
    files.push({
      entity,
      path: file,
      bytes: (await stat(file)).size,
      header,
      unknownColumns: header.filter((name) => !known.includes(name)),
    });
  }
  const expected = IMPORT_ENTITIES.map(fileNameOf);
  return { files, ignoredFiles: names.filter((name) => !expected.includes(name)).sort() };
}

interface ParsedRecord {
  readonly record: string[];
  readonly raw: string;
  readonly info: { readonly lines: number; readonly bytes: number };
}

/** The line a record starts on, from the line it ends on and its raw text. */
const startLineOf = (raw: string, endLine: number): number => {
  const body = raw.replace(/^(?:\r?\n)+/, '').replace(/\r?\n$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
};

/**
 * Streams a CSV file as landing inputs: one per record, with the line the record starts on.
 * A record with the wrong number of fields lands as an error; a parse error that ends the
 * file (an unclosed quote) lands as one error naming where it starts.
 */
export async function* readCsvRecords(
  plan: CsvFilePlan,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<LandingInput> {
  const parser = createReadStream(plan.path).pipe(parse(parserOptions));
  let lastLine = 1;
  let first = true;
  try {
    for await (const { record, raw, info } of parser as AsyncIterable<ParsedRecord>) {
      onBytes?.(info.bytes);
      const line = startLineOf(raw, info.lines);
      lastLine = info.lines;
      if (first) {
        first = false;
        continue;
      }
      const text = raw.replace(/^(?:\r?\n)+/, '').replace(/\r?\n$/, '');
      if (record.length !== plan.header.length) {
        yield {
          line,
          raw: text,
          record: null,
          error: {
            field: null,
            reason: `expected ${plan.header.length} fields, found ${record.length}`,
          },
        };
        continue;
      }
      const fields: Record<string, string> = {};
      plan.header.forEach((name, index) => {
        fields[name] = record[index];
      });
      yield { line, raw: text, record: fields };
    }
  } catch (error) {
    yield {
      line: lastLine + 1,
      raw: null,
      record: null,
      error: {
        field: null,
        reason: `${(error as Error).message}; the rest of the file could not be read`,
      },
    };
  }
}
