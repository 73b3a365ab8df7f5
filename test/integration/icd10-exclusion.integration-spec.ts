import pg from 'pg';
import { EXCLUSION_CODES } from '../../backend/src/modules/vocabulary/vocabulary.js';
import {
  ICD10_EXCLUSION_RULES,
  detectCodeExclusion,
  splitIndicationCodes,
} from '../../backend/src/modules/steering/domain/icd10.js';
import {
  icd10ExclusionSql,
  splitIndicationCodesSql,
} from '../../backend/src/modules/steering/icd10-exclusion.sql.js';

/**
 * One source for the ICD-10 exclusion rule: the SQL the assessment runs is generated from
 * steering/domain/icd10.ts, and both give the same answer on the same fields, in PostgreSQL.
 */
const FIELDS = [
  'Z33.1',
  'z33.1 ',
  'O00.1',
  'O9A.1',
  'OTHER',
  'Z3A.20',
  'Z91.041',
  'Z91.04',
  'N18.4',
  'N18.3',
  'N17.9',
  'Z99.2',
  'Z53.20',
  'Z53.1',
  'R10.31',
  'R10.31; z33.1;;  N17.9 ',
  'R10.31,Z99.2',
  'S06.9;Z91.041',
  '',
  ' ; ',
];

describe('ICD-10 exclusion rule in SQL and in TypeScript', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it('has an SQL rule for every code-based exclusion', () => {
    const ruled = ICD10_EXCLUSION_RULES.map((rule) => rule.exclusion);
    expect(ruled.every((code) => (EXCLUSION_CODES as readonly string[]).includes(code))).toBe(true);
    expect(icd10ExclusionSql('PREGNANCY')).toBe(
      "(code LIKE 'Z331%' OR code LIKE 'Z3A%' OR code ~ '^O[0-9]')",
    );
    expect(() => icd10ExclusionSql('BETTER_TEST')).toThrow('No ICD-10 rule for BETTER_TEST.');
  });

  it('splits, normalises and classifies each field as the TypeScript rule does', async () => {
    const flags = ICD10_EXCLUSION_RULES.map(
      (rule) => `CASE WHEN ${icd10ExclusionSql(rule.exclusion)} THEN '${rule.exclusion}' END`,
    );
    const { rows } = await client.query<{ field: string; codes: string[]; exclusions: string[] }>(
      `SELECT f.field,
         array_agg(c.code ORDER BY c.position) AS codes,
         array_agg(coalesce(${flags.join(', ')}, '-') ORDER BY c.position) AS exclusions
       FROM unnest($1::text[]) WITH ORDINALITY AS f(field, n),
         LATERAL unnest(${splitIndicationCodesSql('f.field')}) WITH ORDINALITY AS c(code, position)
       WHERE c.code <> ''
       GROUP BY f.field, f.n ORDER BY f.n`,
      [FIELDS],
    );
    const expected = FIELDS.map((field) => ({
      field,
      codes: splitIndicationCodes(field),
      exclusions: splitIndicationCodes(field).map((code) => detectCodeExclusion(code) ?? '-'),
    })).filter((row) => row.codes.length > 0);
    expect(rows).toEqual(expected);
    // values that could be wrong: the rule's answers on a few fields
    expect(expected.find((row) => row.field === 'OTHER')?.exclusions).toEqual(['-']);
    expect(expected.find((row) => row.field === 'R10.31; z33.1;;  N17.9 ')?.exclusions).toEqual([
      '-',
      'PREGNANCY',
      'RENAL_IMPAIRMENT',
    ]);
  });
});
