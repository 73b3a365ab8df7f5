import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { PoolClient } from 'pg';
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../../common/domain/domain-error.js';
import { DataSource } from 'typeorm';
import { withClient } from '../ingestion/landing-writer.js';
import { CASES_COLUMNS, EXAMS_COLUMNS, EXPORT_CASES, EXPORT_EXAMS } from './export.sql.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const ExportErrorCode = { BAD_INPUT: ErrorCode.BAD_USER_INPUT } as const;
export type ExportErrorCode = (typeof ExportErrorCode)[keyof typeof ExportErrorCode];

/** The export module's refusal: a request the caller can fix. */
export class ExportError extends DomainError<ExportErrorCode> {
  constructor(message: string) {
    super(ExportErrorCode.BAD_INPUT, message);
  }
}

/**
 * Streams a query through a cursor into a CSV file, so an export of any size runs in bounded
 * memory. Byte-identical for the same data: fixed columns, fixed order, fixed number format.
 */
async function streamQueryToCsv(
  client: PoolClient,
  sql: string,
  parameters: unknown[],
  columns: readonly string[],
  file: string,
): Promise<number> {
  const output = createWriteStream(file);
  const csv = stringify({ header: true, columns: [...columns], record_delimiter: '\n' });
  csv.pipe(output);
  let rows = 0;
  await client.query('BEGIN READ ONLY');
  try {
    await client.query({
      text: `DECLARE export_rows NO SCROLL CURSOR FOR ${sql}`,
      values: parameters,
    });
    for (;;) {
      const result = await client.query('FETCH 5000 FROM export_rows');
      if (result.rows.length === 0) break;
      for (const row of result.rows) {
        rows += 1;
        if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    csv.end();
    await finished(output);
  }
  return rows;
}

@Injectable()
export class ExportService {
  constructor(private readonly dataSource: DataSource) {}

  async exportCases(file: string, range: { from?: string; to?: string } = {}): Promise<number> {
    for (const month of [range.from, range.to]) {
      if (month !== undefined && !MONTH.test(month)) {
        throw new ExportError(`"${month}" is not a month; use YYYY-MM.`);
      }
    }
    return withClient(this.dataSource, (client) =>
      streamQueryToCsv(
        client,
        EXPORT_CASES,
        [range.from ?? null, range.to ?? null],
        CASES_COLUMNS,
        file,
      ),
    );
  }

  /** `export exams`: one row per exam or dose-report study (DESIGN.md section 5). */
  async exportExams(file: string): Promise<number> {
    return withClient(this.dataSource, (client) =>
      streamQueryToCsv(client, EXPORT_EXAMS, [], EXAMS_COLUMNS, file),
    );
  }
}
