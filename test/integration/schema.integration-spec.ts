import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

describe('schema and reference data', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('seeds the shipped reference data with its sources', async () => {
    const [head] = await database.dataSource.query(
      `SELECT k_msv_per_mgycm::float8 AS k FROM dlp_coefficients
       WHERE method = 'AAPM_REPORT_96' AND body_region = 'HEAD' AND age_years = 18`,
    );
    expect(head.k).toBeCloseTo(0.0021, 10);
    const [{ count }] = await database.dataSource.query(
      'SELECT count(*)::int AS count FROM appropriateness',
    );
    expect(count).toBe(77);
    const [renal] = await database.dataSource.query(
      `SELECT icd10_prefixes FROM appropriateness WHERE indication_group = 'RENAL_COLIC' LIMIT 1`,
    );
    expect(renal.icd10_prefixes).toEqual(['N20', 'N23', 'N132']);
  });

  it('starts with settings version 1 holding the documented defaults', async () => {
    const [row] = await database.dataSource.query(
      'SELECT version, values FROM settings_versions ORDER BY version',
    );
    expect(row.version).toBe(1);
    expect(row.values['band.high_ced_5y_msv']).toBe(50);
    expect(row.values['band.high_ct_12m']).toBe(3);
  });
});
