import { ImportError } from '../../import.exception.js';
import { parseSourceMapping, trimStatement } from './source-mapping.js';

const FILE = '/etc/grounds/mapping.json';
const parse = (value: unknown): ReturnType<typeof parseSourceMapping> =>
  parseSourceMapping(JSON.stringify(value), FILE);
const ORDERS = { sql: 'SELECT 1 AS order_id', watermark: 'updated_at' };

describe('parseSourceMapping', () => {
  it('keeps the mapped entities, trims the watermark and the trailing semicolons', () => {
    expect(
      parse({
        orders: { sql: '  SELECT * FROM req ;; \n', watermark: ' last_mod ' },
        exams: { sql: 'WITH s AS (SELECT 1) SELECT * FROM s', watermark: 'updated' },
      }),
    ).toEqual({
      orders: { sql: 'SELECT * FROM req', watermark: 'last_mod' },
      exams: { sql: 'WITH s AS (SELECT 1) SELECT * FROM s', watermark: 'updated' },
    });
  });

  it.each([
    [
      [ORDERS],
      'the mapping must be a JSON object with one key per entity (patients, orders, order_changes, exams).',
    ],
    [
      { orders: ORDERS, studies: ORDERS },
      'unknown entity "studies" (expected patients, orders, order_changes, exams).',
    ],
    [{ patients: ORDERS }, 'orders is required in the mapping.'],
    [{ orders: 'SELECT 1' }, 'orders must be an object with "sql" and "watermark".'],
    [
      { orders: { watermark: 'x' } },
      'orders.sql is missing (a SELECT whose column aliases are the CSV column names).',
    ],
    [
      { orders: { sql: '  ', watermark: 'x' } },
      'orders.sql is missing (a SELECT whose column aliases are the CSV column names).',
    ],
    [
      { orders: { sql: 'DELETE FROM req', watermark: 'x' } },
      'orders.sql must be a SELECT (or WITH … SELECT).',
    ],
    [
      { orders: { sql: 'SELECT 1' } },
      'orders.watermark is missing (the name of a column of orders.sql).',
    ],
    [
      { orders: { sql: 'SELECT 1', watermark: 7 } },
      'orders.watermark is missing (the name of a column of orders.sql).',
    ],
    [
      { orders: { ...ORDERS, watermak: 'x' } },
      'orders.watermak is not a mapping key (expected sql and watermark).',
    ],
  ])('rejects %j with one line', (value, reason) => {
    expect(() => parse(value)).toThrow(new ImportError(`${FILE}: ${reason}`));
  });

  it('names the JSON syntax error', () => {
    expect(() => parseSourceMapping('{"orders": ', FILE)).toThrow(
      /^\/etc\/grounds\/mapping\.json: not valid JSON \(.+\)\.$/,
    );
  });
});

describe('trimStatement', () => {
  it('drops trailing semicolons and blanks only', () => {
    expect(trimStatement(" SELECT ';' AS a ; \n")).toBe("SELECT ';' AS a");
  });
});
