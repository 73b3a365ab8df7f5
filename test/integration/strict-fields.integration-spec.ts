import { strictCheck } from '../../backend/src/modules/ingestion/adapters/csv/copy-csv.js';
import {
  KINDS,
  StrictRecordCheck,
  strictValue,
  type Kind,
} from '../../backend/src/modules/ingestion/adapters/csv/strict-fields.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/** A small deterministic generator (mulberry32), so a failure names values that come back. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Values at the edges of each kind's check, then mutations of them and random strings. */
const EDGES: Record<string, string[]> = {
  identifier: [
    'P1',
    'MRN0000002',
    'a b',
    ' a',
    'a ',
    '~',
    '!',
    'a\tb',
    'a\u007fb',
    'é',
    'x'.repeat(200),
    'x'.repeat(201),
    'a,b',
    'a"b',
  ],
  date: [
    '2024-02-29',
    '2023-02-29',
    '1900-02-29',
    '2000-02-29',
    '2024-04-31',
    '2024-12-31',
    '2024-13-01',
    '2024-00-10',
    '0999-01-01',
    '1000-01-01',
    '2024-1-01',
    '2024-01-01T00:00:00Z',
    '２０２４-01-01',
  ],
  timestamp: [
    '2024-03-01T10:00:00Z',
    '2024-02-29T23:59:59.123+14:00',
    '2024-02-30T10:00:00Z',
    '2023-02-29T10:00:00Z',
    '2024-03-01T24:00:00Z',
    '2024-03-01T23:60:00Z',
    '2024-03-01T23:59:60Z',
    '2024-03-01T10:00:00z',
    '2024-03-01t10:00:00Z',
    '2024-03-01T10:00:00',
    '2024-03-01T10:00:00.Z',
    '2024-03-01T10:00:00.1234567891Z',
    '2024-03-01T10:00:00.123456789Z',
    '2024-03-01T10:00:00+15:00',
    '2024-03-01T10:00:00-14:59',
    '2024-03-01T10:00:00+14:60',
    '2024-03-01 10:00:00Z',
    '2024-04-31T10:00:00Z',
    '2024-06-30T10:00:00Z',
    '0024-03-01T10:00:00Z',
    '2024-03-01T10:00Z',
    '2024-03-01T10:00:00+0100',
  ],
  number: [
    '0',
    '54',
    '0.5',
    '1.',
    '.5',
    '01',
    '1e2',
    '-3',
    '+3',
    '1.2.3',
    '1 ',
    '١٢',
    '9'.repeat(300),
    '9'.repeat(301),
  ],
  boolean: ['true', 'false', 'TRUE', 'True', 'yes', '1', 'true '],
  text: ['a', ' ', '  x  ', '\t', '日本', 'Zoë', '\u00a0', '\u2003x', '\u007f', '~'],
};
const ALPHABET = [
  '0',
  '1',
  '2',
  '9',
  '-',
  ':',
  '.',
  'T',
  'Z',
  'z',
  '+',
  ' ',
  'a',
  '~',
  '"',
  ',',
  '\t',
  'é',
  '日',
  '\u007f',
];

const valuesOf = (kind: Kind, next: () => number): string[] => {
  const name = Array.isArray(kind) ? 'list' : kind;
  const edges = Array.isArray(kind)
    ? [
        ...kind,
        ...kind.map((value) => value.toLowerCase()),
        ...kind.map((value) => ` ${value}`),
        'X',
      ]
    : EDGES[name];
  const values = new Set(edges);
  // each edge with one character replaced, inserted or removed
  for (const edge of edges) {
    for (let i = 0; i < 12; i += 1) {
      const at = Math.floor(next() * (edge.length + 1));
      const character = ALPHABET[Math.floor(next() * ALPHABET.length)];
      const cut = Math.floor(next() * 3);
      values.add(
        edge.slice(0, at) + (cut === 2 ? '' : character) + edge.slice(at + (cut === 0 ? 0 : 1)),
      );
    }
  }
  for (let i = 0; i < 200; i += 1) {
    const length = 1 + Math.floor(next() * 24);
    values.add(
      Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join(''),
    );
  }
  return [...values].filter((value) => value !== '');
};

describe('the strict field checks in JavaScript and in SQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const kinds = new Map<string, Kind>();
  for (const columns of Object.values(KINDS)) {
    for (const kind of Object.values(columns)) kinds.set(JSON.stringify(kind), kind);
  }
  kinds.set('"text"', 'text');

  it.each([...kinds.keys()])('agree on every value of kind %s', async (key) => {
    const kind = kinds.get(key)!;
    const values = valuesOf(kind, random(key.length * 7919));
    const rows: { v: string; passes: boolean }[] = await database.dataSource.query(
      `SELECT v, coalesce(${strictCheck(kind, 'v')}, false) AS passes
       FROM unnest($1::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n`,
      [values],
    );
    const disagreements = rows
      .filter((row) => strictValue(kind, Buffer.from(row.v).toString('latin1')) !== row.passes)
      .map((row) => ({ value: row.v, sql: row.passes }));
    expect(disagreements).toEqual([]);
    // both answers occur: the values test the check
    expect(rows.filter((row) => row.passes).length).toBeGreaterThan(0);
    expect(rows.filter((row) => !row.passes).length).toBeGreaterThan(10);
  });

  it('checks a record: field count, required fields, a modality change without its modality', () => {
    const header = ['order_id', 'changed_at', 'action', 'new_modality', 'note'];
    const check = new StrictRecordCheck('order_changes', header);
    const record = (action: string, modality: string) => [
      'O1',
      '2024-03-01T10:00:00Z',
      action,
      modality,
      '',
    ];
    expect(check.passes(record('MODALITY_CHANGE', 'MR'))).toBe(true);
    expect(check.passes(record('CANCEL', ''))).toBe(true);
    expect(check.passes(record('MODALITY_CHANGE', ''))).toBe(false);
    expect(check.passes(record('CANCEL', '').slice(1))).toBe(false);
    expect(check.passes(['', ...record('CANCEL', '').slice(1)])).toBe(false);
    // without a new_modality column a modality change cannot pass
    const narrow = new StrictRecordCheck('order_changes', ['order_id', 'changed_at', 'action']);
    expect(narrow.passes(['O1', '2024-03-01T10:00:00Z', 'MODALITY_CHANGE'])).toBe(false);
    expect(narrow.passes(['O1', '2024-03-01T10:00:00Z', 'CANCEL'])).toBe(true);
  });
});
