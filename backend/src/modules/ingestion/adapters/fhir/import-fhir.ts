import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DataSource } from 'typeorm';
import { IMPORT_ENTITIES, type ImportEntity } from '../../import-format.js';
import { landRecords, type LandingInput } from '../../landing-writer.js';
import type { FhirMapperOutput, FhirRejection } from './map-fhir.js';
import { mapFhirPath } from './map-fhir-path.js';

export interface FhirLandingTarget {
  readonly runId: number;
  readonly source: string;
}

export interface FhirLandingSummary {
  /** Landing rows written: mapped records and rejected resources. */
  readonly landed: number;
  /** Resources rejected by the mapper (they land with their error). */
  readonly rejected: number;
  /** The mapper's notes: content ignored on purpose, one line per kind. */
  readonly notes: readonly string[];
}

export interface FhirLandingOptions {
  /** Called after each resource group is landed, with the landing rows written so far. */
  readonly onLanded?: (landed: number) => void;
}

/** One spool file: the landing inputs of one entity that came from one input file. */
interface SpoolGroup {
  readonly entity: ImportEntity;
  readonly file: string;
  readonly spoolPath: string;
  readonly stream: WriteStream;
}

/**
 * The landing table a mapper rejection belongs to, from the FHIR element at fault: a Patient
 * problem is a patient's, an ImagingStudy's an exam's, and everything else (ServiceRequests,
 * the Observations and AllergyIntolerances that feed orders, unreadable content) an order's,
 * unless the file's name says it holds Patients or ImagingStudies.
 */
export function entityOfRejection(field: string, file: string): ImportEntity {
  const type = field.includes('.') ? field.slice(0, field.indexOf('.')) : null;
  if (type === 'Patient') return 'patients';
  if (type === 'ImagingStudy') return 'exams';
  if (type !== null) return 'orders';
  const name = path.basename(file).toLowerCase();
  if (name.startsWith('patient')) return 'patients';
  if (name.startsWith('imagingstudy')) return 'exams';
  return 'orders';
}

/** Rejections of one resource arrive together: they land as one row naming every field. */
function mergeRejections(first: FhirRejection, next: FhirRejection): FhirRejection {
  return {
    ...first,
    field: `${first.field}, ${next.field}`,
    reason: `${first.reason}; ${next.field}: ${next.reason}`,
  };
}

async function writeLine(stream: WriteStream, line: string): Promise<void> {
  if (stream.write(line)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = (): void => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

const closeStream = (stream: WriteStream): Promise<void> =>
  new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });

async function* readSpool(spoolPath: string): AsyncGenerator<LandingInput> {
  const lines = createInterface({
    input: createReadStream(spoolPath, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  try {
    for await (const line of lines) {
      if (line !== '') yield JSON.parse(line) as LandingInput;
    }
  } finally {
    lines.close();
  }
}

/**
 * Maps a FHIR file or directory (`mapFhirPath`, two passes) and lands every record and every
 * rejection in the landing tables of the run, so the one normaliser turns them into the model
 * and the rejections table. The mapper emits entities mixed; COPY writes one table at a time
 * through one connection. So the landing inputs are first spooled to temporary NDJSON files,
 * one per (entity, input file), and then each is copied in entity order: memory stays bounded
 * (stream buffers only) whatever the size of the extract, the input is mapped once, and only
 * one connection is used. The spool is removed afterwards, also on failure.
 */
export async function landFhirPath(
  dataSource: DataSource,
  inputPath: string,
  target: FhirLandingTarget,
  options: FhirLandingOptions = {},
): Promise<FhirLandingSummary> {
  const isDirectory = (await stat(inputPath)).isDirectory();
  const fileOf = (name: string): string => (isDirectory ? path.join(inputPath, name) : inputPath);
  const spoolDir = await mkdtemp(path.join(os.tmpdir(), 'cg-fhir-spool-'));
  const groups = new Map<string, SpoolGroup>();
  const notes: string[] = [];
  let landed = 0;
  let rejected = 0;

  const spool = async (entity: ImportEntity, file: string, input: LandingInput): Promise<void> => {
    const key = `${entity}\u0000${file}`;
    let group = groups.get(key);
    if (group === undefined) {
      const spoolPath = path.join(spoolDir, `${groups.size}.ndjson`);
      group = { entity, file, spoolPath, stream: createWriteStream(spoolPath, 'utf8') };
      groups.set(key, group);
    }
    await writeLine(group.stream, `${JSON.stringify(input)}\n`);
  };
  const spoolRejection = async (item: FhirRejection): Promise<void> => {
    rejected += 1;
    await spool(entityOfRejection(item.field, item.file), fileOf(item.file), {
      line: item.recordNumber,
      raw: null,
      record: null,
      error: { field: item.field, reason: item.reason },
    });
  };

  try {
    let pending: FhirRejection | null = null;
    const outputs: AsyncIterable<FhirMapperOutput> = mapFhirPath(inputPath);
    for await (const output of outputs) {
      if (output.kind === 'rejection') {
        if (
          pending !== null &&
          pending.file === output.file &&
          pending.recordNumber === output.recordNumber
        ) {
          pending = mergeRejections(pending, output);
          continue;
        }
        if (pending !== null) await spoolRejection(pending);
        pending = output;
        continue;
      }
      if (pending !== null) {
        await spoolRejection(pending);
        pending = null;
      }
      if (output.kind === 'note') notes.push(output.note);
      else {
        await spool(output.entity, fileOf(output.file), {
          line: output.recordNumber,
          raw: null,
          record: output.record,
        });
      }
    }
    if (pending !== null) await spoolRejection(pending);
    await Promise.all([...groups.values()].map((group) => closeStream(group.stream)));

    for (const entity of IMPORT_ENTITIES) {
      const entityGroups = [...groups.values()]
        .filter((group) => group.entity === entity)
        .sort((left, right) => left.file.localeCompare(right.file));
      for (const group of entityGroups) {
        const landingTarget = { runId: target.runId, source: target.source, file: group.file };
        const counts = await landRecords(
          dataSource,
          entity,
          landingTarget,
          readSpool(group.spoolPath),
        );
        landed += counts.read;
        options.onLanded?.(landed);
      }
    }
  } finally {
    for (const group of groups.values()) group.stream.destroy();
    await rm(spoolDir, { recursive: true, force: true });
  }
  return { landed, rejected, notes };
}
