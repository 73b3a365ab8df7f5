/**
 * A CSV file written row by row through csv-stringify's stream API, with back-pressure: a write
 * waits when the file cannot keep up, so memory stays bounded whatever the number of rows.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';

export interface CsvFileWriter {
  readonly path: string;
  readonly rowCount: () => number;
  write(row: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export const openCsvFileWriter = (path: string, columns: readonly string[]): CsvFileWriter => {
  const stringifier = stringify({
    header: true,
    columns: [...columns],
    record_delimiter: 'unix',
  });
  const file = createWriteStream(path, { encoding: 'utf8' });
  stringifier.pipe(file);
  const done = finished(file);
  let rows = 0;
  let failure: Error | null = null;
  stringifier.on('error', (error: Error) => {
    failure = error;
  });
  return {
    path,
    rowCount: () => rows,
    async write(row) {
      if (failure) throw failure;
      rows += 1;
      if (!stringifier.write([...row])) await once(stringifier, 'drain');
    },
    async close() {
      stringifier.end();
      await done;
      if (failure) throw failure;
    },
  };
};
