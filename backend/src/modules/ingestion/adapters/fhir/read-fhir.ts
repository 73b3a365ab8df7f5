import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';

/** One parsed resource: `record` is the 1-based NDJSON line or Bundle entry index + 1. */
export interface FhirReadResource {
  readonly file: string;
  readonly record: number;
  readonly resource: unknown;
  /** `Bundle.entry.fullUrl`, used to resolve `urn:uuid:` references inside a Bundle. */
  readonly fullUrl?: string;
}

/** Content that could not be read or parsed; reading goes on with the next record. */
export interface FhirReadError {
  readonly file: string;
  readonly record: number;
  readonly error: string;
}

export type FhirReadItem = FhirReadResource | FhirReadError;

export const isFhirReadError = (item: FhirReadItem): item is FhirReadError => 'error' in item;

const NDJSON_PATTERN = /\.ndjson$/i;
const FHIR_FILE_PATTERN = /\.(json|ndjson)$/i;

/**
 * Reads FHIR resources from a `.json` file (a Bundle, whose entries are yielded, or a single
 * resource), an `.ndjson` file (one resource per line, streamed line by line so memory does
 * not grow with the file) or a directory of such files (top level only, sorted by name; other
 * files are skipped). Bad content never throws: it is yielded as a `FhirReadError`.
 */
export async function* readFhirResources(path: string): AsyncGenerator<FhirReadItem> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    yield { file: basename(path), record: 1, error: `cannot read ${path}: ${messageOf(error)}` };
    return;
  }
  if (!isDirectory) {
    yield* readFhirFile(path);
    return;
  }
  const names = (await readdir(path)).filter((name) => FHIR_FILE_PATTERN.test(name)).sort();
  for (const name of names) {
    yield* readFhirFile(join(path, name));
  }
}

async function* readFhirFile(path: string): AsyncGenerator<FhirReadItem> {
  const file = basename(path);
  if (NDJSON_PATTERN.test(path)) {
    yield* readNdjsonFile(path, file);
    return;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    yield { file, record: 1, error: `cannot read file: ${messageOf(error)}` };
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(stripByteOrderMark(text));
  } catch (error) {
    yield { file, record: 1, error: `broken JSON: ${messageOf(error)}` };
    return;
  }
  yield* expandBundle(file, json, (index) => index + 1);
}

async function* readNdjsonFile(path: string, file: string): AsyncGenerator<FhirReadItem> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let lineNumber = 0;
  try {
    for await (const rawLine of lines) {
      lineNumber += 1;
      const line = lineNumber === 1 ? stripByteOrderMark(rawLine) : rawLine;
      if (line.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        yield { file, record: lineNumber, error: `broken JSON line: ${messageOf(error)}` };
        continue;
      }
      const record = lineNumber;
      yield* expandBundle(file, json, () => record);
    }
  } catch (error) {
    yield { file, record: lineNumber + 1, error: `cannot read file: ${messageOf(error)}` };
  } finally {
    lines.close();
  }
}

/** A Bundle yields its entries' resources; anything else is yielded as it is. */
function* expandBundle(
  file: string,
  json: unknown,
  recordOf: (entryIndex: number) => number,
): Generator<FhirReadItem> {
  if (!isBundle(json)) {
    yield { file, record: recordOf(0), resource: json };
    return;
  }
  const entries = Array.isArray(json.entry) ? (json.entry as unknown[]) : [];
  for (const [index, entry] of entries.entries()) {
    const record = recordOf(index);
    if (typeof entry !== 'object' || entry === null || !('resource' in entry)) {
      yield { file, record, error: `Bundle.entry[${index}] has no resource` };
      continue;
    }
    const { resource, fullUrl } = entry as { resource: unknown; fullUrl?: unknown };
    yield typeof fullUrl === 'string'
      ? { file, record, resource, fullUrl }
      : { file, record, resource };
  }
}

function isBundle(json: unknown): json is { resourceType: 'Bundle'; entry?: unknown } {
  return (
    typeof json === 'object' &&
    json !== null &&
    (json as { resourceType?: unknown }).resourceType === 'Bundle'
  );
}

const stripByteOrderMark = (text: string): string =>
  text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
