import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  copyCsvFields,
  copyCsvFile,
} from '../../backend/src/modules/ingestion/adapters/csv/copy-csv.js';
import {
  planCsvFolder,
  readCsvRecords,
} from '../../backend/src/modules/ingestion/adapters/csv/read-csv.js';
import { landRecords } from '../../backend/src/modules/ingestion/landing-writer.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

const ORDERS_HEADER =
  'order_id,patient_id,ordered_at,provider_id,provider_name,department,setting,indication_code,' +
  'indication_text,requested_modality,requested_procedure,pregnancy_status,contrast_allergy,' +
  'egfr,dose_alert_shown,comment,extra_column';

const order = (id: string, overrides: Partial<Record<string, string>> = {}): string => {
  const fields: Record<string, string> = {
    order_id: id,
    patient_id: 'P1',
    ordered_at: '2024-03-01T10:00:00Z',
    provider_id: 'DR1',
    provider_name: 'Dr One',
    department: 'Emergency',
    setting: 'ED',
    indication_code: 'I26.99',
    indication_text: '"suspected PE, ""high"" risk"',
    requested_modality: 'CT',
    requested_procedure: 'CT pulmonary angiography',
    pregnancy_status: '',
    contrast_allergy: 'false',
    egfr: '54',
    dose_alert_shown: '',
    comment: '',
    extra_column: 'x',
    ...overrides,
  };
  return ORDERS_HEADER.split(',')
    .map((name) => fields[name])
    .join(',');
};

/** Clean rows, rows in another accepted spelling, invalid rows, a short row, an empty line. */
const AWKWARD_ORDERS = [
  ORDERS_HEADER,
  order('O1'),
  order('O2', { ordered_at: '2024-03-01 10:00', setting: 'ed', contrast_allergy: 'yes' }),
  order('O3', { ordered_at: '2024-02-30T10:00:00Z' }),
  order('O4', { ordered_at: '2024-02-29T23:59:59.123+14:00', egfr: '1e2' }),
  order('O5', { requested_modality: ' CT ', egfr: '-3' }),
  order('O6', { order_id: ' O6 ', comment: '"Ünïcødé, text"' }),
  'O7,P1',
  '',
  order('O8', { patient_id: '', pregnancy_status: 'PREGNANT', comment: '""' }),
  order('O1', { comment: 'the later O1 wins' }),
  order('O9', { provider_name: '日本', ordered_at: '2024-03-01T10:00:00z' }),
];

describe('CSV landing through COPY', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  /**
   * Writes orders.csv, lands it with `copy` (run 1) and the JavaScript reader (run 2) into an
   * empty landing_orders; what `copy` returned.
   */
  const landWith = async <T>(
    content: string | Buffer,
    copy: (...args: Parameters<typeof copyCsvFile>) => Promise<T>,
  ): Promise<T> => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-copy-'));
    await writeFile(path.join(folder, 'orders.csv'), content);
    const [file] = (await planCsvFolder(folder)).files;
    await database.dataSource.query('DELETE FROM landing_orders');
    const copied = await copy(database.dataSource, file, {
      runId: 1,
      source: 'csv',
      file: file.path,
    });
    await landRecords(
      database.dataSource,
      'orders',
      { runId: 2, source: 'csv', file: file.path },
      Readable.from(readCsvRecords(file)),
    );
    return copied;
  };

  /** Lands the folder's orders.csv through COPY (run 1) and the JavaScript reader (run 2). */
  const landBothWays = async (
    content: string | Buffer,
  ): Promise<{ copied: boolean; rows: number }> => {
    const copied = await landWith(content, copyCsvFile);
    const [{ rows }] = await database.dataSource.query(
      'SELECT count(*)::int AS rows FROM landing_orders WHERE run_id = 1',
    );
    return { copied, rows };
  };

  const landed = async (runId: number): Promise<string[]> =>
    (
      await database.dataSource.query(
        `SELECT (to_jsonb(l) - 'id' - 'run_id')::text AS row FROM landing_orders l
         WHERE run_id = $1 ORDER BY line`,
        [runId],
      )
    ).map((row: { row: string }) => row.row);

  it('lands every line exactly as the JavaScript reader does', async () => {
    const { copied, rows } = await landBothWays(`${AWKWARD_ORDERS.join('\n')}\n`);
    expect(copied).toBe(true);
    expect(rows).toBe(AWKWARD_ORDERS.length - 2);
    expect(await landed(1)).toEqual(await landed(2));
    const errors = await database.dataSource.query(
      `SELECT line, error_field, error_reason FROM landing_orders
       WHERE run_id = 1 AND error_reason IS NOT NULL ORDER BY line`,
    );
    expect(errors).toEqual([
      {
        line: 4,
        error_field: 'ordered_at',
        error_reason: '"2024-02-30T10:00:00Z" is not a calendar date',
      },
      { line: 6, error_field: 'egfr', error_reason: '-3 is negative' },
      { line: 8, error_field: null, error_reason: 'expected 17 fields, found 2' },
      { line: 10, error_field: 'patient_id', error_reason: 'required field is empty' },
    ]);
  });

  it('lands a CRLF file as the JavaScript reader does', async () => {
    const lines = AWKWARD_ORDERS.filter((line) => line !== '');
    const { copied } = await landBothWays(`${lines.join('\r\n')}\r\n`);
    expect(copied).toBe(true);
    expect(await landed(1)).toEqual(await landed(2));
  });

  /**
   * Lands orders.csv by the fields path alone (run 1; nothing when it declines) and by the
   * JavaScript reader (run 2); whether the fields path took it.
   */
  const landFieldsPath = (content: string | Buffer) => landWith(content, copyCsvFields);

  /** The awkward orders PostgreSQL can parse one record a line, quotes only where needed. */
  const FIELDS_ORDERS = AWKWARD_ORDERS.filter(
    (line) => line !== '' && line !== 'O7,P1' && !line.startsWith('O8,'),
  ).concat([
    order('O8', { patient_id: '', pregnancy_status: 'PREGNANT' }),
    order('O10', { comment: '"a ""quoted"" word"', indication_text: 'plain' }),
    order('O11', { comment: '","', department: '"Emer""gency"' }),
    order('O12', { ordered_at: '', egfr: '' }),
  ]);

  it('lands a file PostgreSQL parses itself (the fields path) exactly as the JavaScript reader does', async () => {
    const content = `${FIELDS_ORDERS.join('\n')}\n`;
    // records in other spellings and invalid ones: SQL checks every record
    expect(await landFieldsPath(content)).toBe('sql');
    expect(await landed(1)).toHaveLength(FIELDS_ORDERS.length - 1);
    expect(await landed(1)).toEqual(await landed(2));
    // a byte order mark, no line feed at the end, no quote at all
    expect(await landFieldsPath(`\ufeff${FIELDS_ORDERS.join('\n')}`)).toBe('sql');
    expect(await landed(1)).toEqual(await landed(2));
    const unquoted = FIELDS_ORDERS.map((line) => line.replace(/"[^"]*(""[^"]*)*"/g, 'x'));
    expect(await landFieldsPath(`${unquoted.join('\n')}\n`)).toBe('sql');
    expect(await landed(1)).toEqual(await landed(2));
    const errors = await database.dataSource.query(
      `SELECT line, error_field, error_reason FROM landing_orders
       WHERE run_id = 1 AND error_reason IS NOT NULL ORDER BY line`,
    );
    expect(errors.map((error: { line: number }) => error.line)).toEqual([4, 6, 10, 13]);
  });

  /** Records every strict check accepts as they are: quotes, commas, non-ASCII text, gaps. */
  const CLEAN_ORDERS = [
    ORDERS_HEADER,
    order('O1'),
    order('O2', { comment: '"a ""quoted"" word, and a comma"', indication_text: 'plain' }),
    order('O3', { provider_name: 'Dr Zoë Ångström', department: '"Emer""gency"' }),
    order('O4', { ordered_at: '2024-02-29T23:59:59.123456789+14:00', egfr: '0.5' }),
    order('O5', { ordered_at: '2023-12-31T00:00:00-09:30', setting: '', egfr: '' }),
    order('O6', { pregnancy_status: 'PREGNANT', contrast_allergy: 'true', extra_column: '' }),
    order('O7', { order_id: 'O 7/b~', provider_id: '', provider_name: '', comment: '"x,"' }),
    order('O8', { dose_alert_shown: 'false', indication_text: '"1,2"', comment: 'end' }),
  ];

  it('lands a file whose records all pass the checks in JavaScript, checked no more in SQL', async () => {
    expect(await landFieldsPath(`${CLEAN_ORDERS.join('\n')}\n`)).toBe('javascript');
    expect(await landed(1)).toHaveLength(CLEAN_ORDERS.length - 1);
    expect(await landed(1)).toEqual(await landed(2));
    // without a line feed at the end, or the quoted field last on the line
    const last = order('O9', { extra_column: '"y,z"' });
    expect(await landFieldsPath([...CLEAN_ORDERS, last].join('\n'))).toBe('javascript');
    expect(await landed(1)).toEqual(await landed(2));
    // one record in another spelling, first or last: SQL checks them all, as before
    for (const other of [
      order('O10', { setting: 'ed' }),
      order('O10', { ordered_at: '2024-02-30T10:00:00Z' }),
      order('O10', { patient_id: '' }),
      order('O10', { order_id: ' O10' }),
      order('O10', { egfr: '1e2' }),
      order('O10', { requested_procedure: '日本' }),
    ]) {
      for (const lines of [
        [ORDERS_HEADER, other, ...CLEAN_ORDERS.slice(1)],
        [...CLEAN_ORDERS, other],
      ]) {
        expect({ other, path: await landFieldsPath(`${lines.join('\n')}\n`) }).toEqual({
          other,
          path: 'sql',
        });
        expect(await landed(1)).toEqual(await landed(2));
      }
    }
  });

  it('leaves any other file to the line path, which lands it as the JavaScript reader does', async () => {
    const body = FIELDS_ORDERS.slice(1);
    const others: Record<string, string | Buffer> = {
      'an empty line': `${[ORDERS_HEADER, body[0], '', ...body.slice(1)].join('\n')}\n`,
      'an empty line last': `${FIELDS_ORDERS.join('\n')}\n\n`,
      CRLF: `${FIELDS_ORDERS.join('\r\n')}\r\n`,
      'a short line': `${[...FIELDS_ORDERS, 'O7,P1'].join('\n')}\n`,
      'a long line': `${[...FIELDS_ORDERS, `${order('O13')},y`].join('\n')}\n`,
      'quotes around an empty field': `${[...FIELDS_ORDERS, order('O14', { comment: '""' })].join('\n')}\n`,
      'quotes not needed': `${[...FIELDS_ORDERS, order('O15', { comment: '"plain"' })].join('\n')}\n`,
      'quotes around part of a field': `${[...FIELDS_ORDERS, order('O16', { comment: 'a"b,c"' })].join('\n')}\n`,
      'a quote inside a field': `${[...FIELDS_ORDERS, order('O17', { comment: 'a"b' })].join('\n')}\n`,
      'an unclosed quote': `${[...FIELDS_ORDERS, order('O18', { comment: '"a,b' })].join('\n')}\n`,
      'a record spanning lines': `${[...FIELDS_ORDERS, order('O19', { comment: '"a,\nb"' })].join('\n')}\n`,
      'an end-of-data line': `${[...FIELDS_ORDERS.slice(0, 3), '\\.', ...FIELDS_ORDERS.slice(3)].join('\n')}\n`,
      'bytes that are not UTF-8': Buffer.concat([
        Buffer.from(`${FIELDS_ORDERS.join('\n')}\n${order('O20', { comment: 'caf' })}`),
        Buffer.from([0xe9, 0x0a]),
      ]),
    };
    for (const [name, content] of Object.entries(others)) {
      expect({ name, taken: await landFieldsPath(content) }).toEqual({ name, taken: false });
      expect(await landed(1)).toEqual([]);
      // the line path lands it as the JavaScript reader does, or leaves it to that reader
      const { copied } = await landBothWays(content);
      const expected = copied ? await landed(2) : [];
      expect({ name, rows: await landed(1) }).toEqual({ name, rows: expected });
    }
  });

  it('leaves a file with a record spanning lines or broken quoting to the JavaScript reader', async () => {
    const multiline = [ORDERS_HEADER, order('O1', { comment: '"two\nlines"' }), order('O2')];
    expect(await landBothWays(`${multiline.join('\n')}\n`)).toEqual({ copied: false, rows: 0 });
    const broken = [ORDERS_HEADER, order('O1', { department: 'Emer"gency' }), order('O2')];
    expect(await landBothWays(`${broken.join('\n')}\n`)).toEqual({ copied: false, rows: 0 });
  });
});
