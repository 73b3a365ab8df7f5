import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { IMPORT_COLUMNS, type ImportEntity, type ImportRecord } from './import-format.js';
import { validateRecord } from './domain/validate-record.js';
import { copyTextValue } from '../../common/copy-text.js';

/** One record read by an adapter, before validation. */
export interface LandingInput {
  /** Line (or record number) where the record starts in its file. */
  readonly line: number;
  readonly raw: string | null;
  /** The record in the import format; null when it could not be read at all. */
  readonly record: ImportRecord | null;
  /** An error the adapter found while reading (e.g. a wrong column count). */
  readonly error?: { readonly field: string | null; readonly reason: string };
}

export interface LandingCounts {
  read: number;
  invalid: number;
}

export interface LandingTarget {
  readonly runId: number;
  readonly source: string;
  readonly file: string;
}

const landingColumns = (entity: ImportEntity): string[] => [
  'run_id',
  'source',
  'file',
  'line',
  'raw',
  'error_field',
  'error_reason',
  ...IMPORT_COLUMNS[entity].map((column) => column.name),
];

/**
 * Validates records and streams them into the entity's landing table with COPY, valid and
 * invalid alike: a record that fails a field check lands with its error and becomes a
 * rejection in the normaliser, so nothing an adapter read is lost.
 */
export function createLandingTransform(
  entity: ImportEntity,
  target: LandingTarget,
  counts: LandingCounts,
): Transform {
  const columns = IMPORT_COLUMNS[entity].map((column) => column.name);
  const prefix = `${target.runId}\t${copyTextValue(target.source)}\t${copyTextValue(target.file)}\t`;
  return new Transform({
    writableObjectMode: true,
    transform(input: LandingInput, _encoding, callback: TransformCallback) {
      counts.read += 1;
      let error = input.error ?? null;
      let values: ImportRecord | null = null;
      if (!error && input.record) {
        const validation = validateRecord(entity, input.record);
        if (validation.ok) values = validation.values;
        else error = { field: validation.field, reason: validation.reason };
      } else if (!error) {
        error = { field: null, reason: 'the record could not be read' };
      }
      if (error) counts.invalid += 1;
      const fields = columns.map((name) =>
        copyTextValue(error ? (input.record?.[name] ?? null) : (values?.[name] ?? null)),
      );
      callback(
        null,
        `${prefix}${input.line}\t${copyTextValue(input.raw)}\t${copyTextValue(error?.field)}\t${copyTextValue(
          error?.reason,
        )}\t${fields.join('\t')}\n`,
      );
    },
  });
}

/** Runs `work` with a dedicated pg client of the DataSource's pool. */
export async function withClient<T>(
  dataSource: DataSource,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const queryRunner = dataSource.createQueryRunner();
  const client = (await queryRunner.connect()) as PoolClient;
  try {
    return await work(client);
  } finally {
    await queryRunner.release();
  }
}

/** Lands a stream of records (object mode, LandingInput) into the entity's landing table. */
export async function landRecords(
  dataSource: DataSource,
  entity: ImportEntity,
  target: LandingTarget,
  records: Readable | AsyncIterable<LandingInput>,
): Promise<LandingCounts> {
  const counts: LandingCounts = { read: 0, invalid: 0 };
  await withClient(dataSource, async (client) => {
    const copy = client.query(
      copyFrom(`COPY landing_${entity} (${landingColumns(entity).join(', ')}) FROM STDIN`),
    );
    await pipeline(records, createLandingTransform(entity, target, counts), copy);
  });
  return counts;
}
