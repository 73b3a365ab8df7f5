import { PG_TYPE_OIDS, convertSourceValue, toLandingInput } from './source-row.js';

const TEXT = 25;
const NUMERIC = 1700;
const DATE = 1082;

describe('convertSourceValue', () => {
  it.each([
    ['2024-03-01 10:00:00+00', PG_TYPE_OIDS.timestamptz, '2024-03-01T10:00:00+00:00'],
    ['2024-03-01 10:00:00.123456+00', PG_TYPE_OIDS.timestamptz, '2024-03-01T10:00:00.123456+00:00'],
    ['2024-03-01 15:30:00+05:30', PG_TYPE_OIDS.timestamptz, '2024-03-01T15:30:00+05:30'],
    ['1890-01-01 00:00:00-00:09:21', PG_TYPE_OIDS.timestamptz, '1890-01-01T00:00:00-00:09'],
    ['2024-03-01 10:00:00', PG_TYPE_OIDS.timestamp, '2024-03-01T10:00:00'],
    ['infinity', PG_TYPE_OIDS.timestamptz, 'infinity'],
    ['0044-03-15 12:00:00+00 BC', PG_TYPE_OIDS.timestamptz, '0044-03-15 12:00:00+00 BC'],
    ['t', PG_TYPE_OIDS.bool, 'true'],
    ['f', PG_TYPE_OIDS.bool, 'false'],
    ['42.50', NUMERIC, '42.50'],
    ['1970-01-01', DATE, '1970-01-01'],
    ['2024-03-01 10:00', TEXT, '2024-03-01 10:00'],
  ])('%s (type %i) is %s', (text, type, expected) => {
    expect(convertSourceValue(text, type)).toBe(expected);
  });

  it('keeps null', () => {
    expect(convertSourceValue(null, PG_TYPE_OIDS.bool)).toBeNull();
  });
});

describe('toLandingInput', () => {
  it('fills the import columns by alias, nulls the absent ones and keeps the row as raw JSON', () => {
    const input = toLandingInput(
      'patients',
      [
        { name: 'patient_id', dataTypeId: TEXT },
        { name: 'birth_date', dataTypeId: DATE },
        { name: 'modified', dataTypeId: PG_TYPE_OIDS.timestamptz },
      ],
      { patient_id: 'MRN1', birth_date: '1970-01-01', modified: '2024-01-01 00:00:00+00' },
      3,
    );
    expect(input).toEqual({
      line: 3,
      raw: '{"patient_id":"MRN1","birth_date":"1970-01-01","modified":"2024-01-01 00:00:00+00"}',
      record: { patient_id: 'MRN1', birth_date: '1970-01-01', sex: null },
    });
  });
});
