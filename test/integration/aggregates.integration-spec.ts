import 'reflect-metadata';
import type { Principal } from '../../backend/src/modules/auth/principal.js';
import { AggregateService } from '../../backend/src/modules/analytics/aggregate.service.js';
import { AnalysisInputError } from '../../backend/src/modules/analytics/analysis-filter.js';
import { clinicianPseudonym } from '../../backend/src/modules/vocabulary/clinician-pseudonym.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/**
 * A hand-made hospital of twenty orders with known assessments; every figure below is worked
 * by hand in the comments and checked again against plain SQL.
 */
type Row = [
  id: number,
  month: string,
  department: string,
  provider: string,
  group: string | null,
  population: string,
  setting: string,
  band: string,
  outcome: string,
  level: string | null,
  exclusion?: string,
];

const ORDERS: Row[] = [
  // 2024-03 (the latest month)
  [1, '2024-03', 'Emergency', 'DR1', 'PE', 'ADULT', 'ED', 'HIGH', 'DOWNGRADED', 'DOCUMENTED'],
  [2, '2024-03', 'Emergency', 'DR1', 'PE', 'ADULT', 'ED', 'HIGH', 'SUBSTITUTED', 'POSSIBLE'],
  [3, '2024-03', 'Emergency', 'DR1', 'PE', 'ADULT', 'ED', 'HIGH', 'KEPT', null],
  [4, '2024-03', 'Emergency', 'DR1', 'PE', 'ADULT', 'ED', 'LOW', 'KEPT', null],
  [5, '2024-03', 'Emergency', 'DR2', 'PE', 'ADULT', 'ED', 'LOW', 'SUBSTITUTED', null],
  [6, '2024-03', 'Emergency', 'DR2', 'PE', 'ADULT', 'ED', 'LOW', 'KEPT', null],
  [7, '2024-03', 'Emergency', 'DR2', 'PE', 'ADULT', 'ED', 'LOW', 'KEPT', null],
  [8, '2024-03', 'Surgery', 'DR3', 'PE', 'ADULT', 'IP', 'HIGH', 'DOWNGRADED', 'PROBABLE'],
  [9, '2024-03', 'Surgery', 'DR3', 'PE', 'ADULT', 'IP', 'LOW', 'KEPT', null],
  [10, '2024-03', 'Surgery', 'DR3', 'PE', 'ADULT', 'IP', 'LOW', 'DOWNGRADED', null],
  [11, '2024-03', 'Surgery', 'DR3', 'STROKE', 'ADULT', 'IP', 'MODERATE', 'KEPT', null],
  [12, '2024-03', 'Surgery', 'DR3', 'STROKE', 'ADULT', 'IP', 'HIGH', 'KEPT', null],
  // not assessable: cleared by an exclusion, pending, not an opportunity
  [
    13,
    '2024-03',
    'Emergency',
    'DR1',
    'PE',
    'PREGNANT',
    'ED',
    'HIGH',
    'SUBSTITUTED',
    'EXCLUDED',
    'PREGNANCY',
  ],
  [14, '2024-03', 'Emergency', 'DR2', 'PE', 'ADULT', 'ED', 'LOW', 'PENDING', null],
  [15, '2024-03', 'Emergency', 'DR2', null, 'ADULT', 'ED', 'LOW', 'UNMAPPED', null],
  // 2024-02
  [16, '2024-02', 'Emergency', 'DR1', 'PE', 'ADULT', 'ED', 'HIGH', 'KEPT', null],
  [17, '2024-02', 'Emergency', 'DR2', 'PE', 'ADULT', 'ED', 'LOW', 'DOWNGRADED', null],
  [18, '2024-02', 'Surgery', 'DR3', 'PE', 'ADULT', 'IP', 'HIGH', 'DOWNGRADED', 'DOCUMENTED'],
  [19, '2024-02', 'Surgery', 'DR3', 'PE', 'ADULT', 'IP', 'LOW', 'KEPT', null],
  // 2024-01
  [20, '2024-01', 'Emergency', 'DR1', 'PE', 'ADULT', 'ED', 'HIGH', 'DOWNGRADED', 'DOCUMENTED'],
];

const principal = (role: Principal['role'], departments: string[] | null = null): Principal => ({
  kind: 'user',
  userId: null,
  tokenId: null,
  email: `${role.toLowerCase()}@example.org`,
  role,
  departments,
  sessionId: null,
});

const ADMIN = principal('ADMIN');
const COMMITTEE = principal('COMMITTEE');
const SURGERY_MANAGER = principal('QUALITY_MANAGER', ['Surgery']);

const ASSESSABLE = `is_opportunity AND outcome <> 'PENDING' AND exclusion IS NULL`;

/** P(R >= 2) for R ~ Binomial(n, p), by hand: 1 − (1 − p)^n − n·p·(1 − p)^(n − 1). */
const atLeastTwo = (n: number, p: number) => 1 - (1 - p) ** n - n * p * (1 - p) ** (n - 1);

describe('aggregates on a hand-made hospital', () => {
  let database: TestDatabase;
  let service: AggregateService;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.dataSource;
    await db.query(`INSERT INTO departments (name) VALUES ('Emergency'), ('Surgery')`);
    await db.query(
      `INSERT INTO providers (provider_id, name) VALUES ('DR1', 'Dr One'), ('DR2', 'Dr Two'), ('DR3', 'Dr Three')`,
    );
    await db.query(`INSERT INTO patients (patient_id, birth_date) VALUES ('P1', '1970-01-01')`);
    for (const [
      id,
      month,
      department,
      provider,
      group,
      population,
      setting,
      band,
      outcome,
      level,
      exclusion,
    ] of ORDERS) {
      await db.query(
        `INSERT INTO orders (id, source, order_id, patient_id, ordered_at, provider_id, department_id, setting, requested_modality)
         VALUES ($1, 'csv', $2, 'P1', ($3 || '-15T10:00:00Z')::timestamptz, $4,
                 (SELECT id FROM departments WHERE name = $5), $6, 'CT')`,
        [id, `O${id}`, month, provider, department, setting],
      );
      await db.query(
        `INSERT INTO order_assessments (order_pk, provider_id, month, indication_group, population, setting,
           is_opportunity, outcome_modality, outcome_event, outcome, band, exclusion, level,
           settings_version, reference_version, lexicon_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'CT', 'exam', $8, $9, $10, $11, 1, 1, 'test')`,
        [
          id,
          provider,
          month,
          group,
          population,
          setting,
          group !== null,
          outcome,
          band,
          exclusion ?? null,
          level,
        ],
      );
    }
    service = new AggregateService(db);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('gives the overview of the latest month beside the month before', async () => {
    const overview = await service.overview(ADMIN);
    const { current, previous } = overview;
    // 2024-03: orders 1–12 are assessable; away 1, 2, 5, 8, 10; DOCUMENTED 1, PROBABLE 8, POSSIBLE 2
    expect(current).toMatchObject({
      from: '2024-03',
      to: '2024-03',
      opportunities: 12,
      awaySwitches: 5,
      conflicts: 2,
      documented: 1,
      probable: 1,
      possible: 1,
      openCases: 3,
      reviewedCases: 0,
    });
    expect(current.awaySwitchRate).toBeCloseTo(5 / 12, 12);
    expect(current.conflictRate).toBeCloseTo(2 / 12, 12);
    // strata PE/ADULT/ED HIGH 2 of 3, LOW 1 of 4; PE/ADULT/IP HIGH 1 of 1, LOW 1 of 2;
    // STROKE/ADULT/IP HIGH 0 of 1, no LOW.
    // excess = (2 − 3·1/4) + (1 − 1·1/2) = 1.75; MH OR = (2·3/7 + 1·1/3) / (1·1/7 + 0) = 25/3
    expect(current.excessAwaySwitches.excessAwaySwitches).toBeCloseTo(1.75, 12);
    expect(current.excessAwaySwitches.observedHighSwitches).toBe(3);
    expect(current.excessAwaySwitches.strataWithoutLowOpportunities).toBe(1);
    expect(current.siteOddsRatio.oddsRatio).toBeCloseTo(25 / 3, 12);
    expect(current.siteOddsRatio.strataUsed).toBe(2);
    expect(current.siteOddsRatio.opportunities).toBe(10);
    // 2024-02: 16–19; away 17, 18; DOCUMENTED 18. ED: HIGH 0/1, LOW 1/1; IP: HIGH 1/1, LOW 0/1
    // excess = (0 − 1) + (1 − 0) = 0; MH OR = (0 + 1/2) / (1/2 + 0) = 1
    expect(previous).toMatchObject({
      from: '2024-02',
      to: '2024-02',
      opportunities: 4,
      awaySwitches: 2,
      conflicts: 1,
      documented: 1,
      openCases: 1,
    });
    expect(previous.excessAwaySwitches.excessAwaySwitches).toBeCloseTo(0, 12);
    expect(previous.siteOddsRatio.oddsRatio).toBeCloseTo(1, 12);

    const [sql] = await database.dataSource.query(
      `SELECT count(*)::int AS opportunities,
         count(*) FILTER (WHERE outcome IN ('SUBSTITUTED', 'DOWNGRADED'))::int AS away,
         count(*) FILTER (WHERE level IN ('DOCUMENTED', 'PROBABLE'))::int AS conflicts
       FROM order_assessments WHERE ${ASSESSABLE} AND month = '2024-03'`,
    );
    expect(sql).toEqual({ opportunities: 12, away: 5, conflicts: 2 });
  });

  it('compares a range with the same number of months just before it', async () => {
    const { current, previous } = await service.overview(ADMIN, { from: '2024-02', to: '2024-03' });
    expect([current.opportunities, previous.from, previous.to, previous.opportunities]).toEqual([
      16,
      '2023-12',
      '2024-01',
      1,
    ]);
  });

  it("scopes a department manager's figures to their departments in SQL", async () => {
    const { current } = await service.overview(SURGERY_MANAGER);
    // Surgery, 2024-03: 8–12; away 8, 10; PROBABLE 8
    expect(current).toMatchObject({
      opportunities: 5,
      awaySwitches: 2,
      conflicts: 1,
      openCases: 1,
    });
    await expect(service.overview(SURGERY_MANAGER, { departments: ['Emergency'] })).rejects.toThrow(
      AnalysisInputError,
    );
    await expect(service.overview(ADMIN, { departments: ['Nowhere'] })).rejects.toThrow(
      'No department you can see is named "Nowhere".',
    );
    await expect(service.overview(ADMIN, { from: '2024-13' })).rejects.toThrow('YYYY-MM');
  });

  it('applies every filter: settings, populations, indication groups, levels', async () => {
    const overview = async (filter: Record<string, string[]>) =>
      (await service.overview(ADMIN, { from: '2024-01', to: '2024-03', ...filter })).current;
    expect((await overview({ settings: ['IP'] })).opportunities).toBe(7);
    expect((await overview({ indicationGroups: ['STROKE'] })).opportunities).toBe(2);
    expect((await overview({ populations: ['PEDIATRIC'] })).opportunities).toBe(0);
    expect((await overview({ levels: ['DOCUMENTED'] })).opportunities).toBe(3);
    expect((await overview({ clinicians: ['DR2'] })).awaySwitches).toBe(2);
  });

  it('places departments on a funnel with one-sided binomial p and BH q', async () => {
    const variation = await service.practiceVariation(ADMIN, 'DEPARTMENT');
    // all months: Emergency 10 opportunities, 2 conflicts, 5 away; Surgery 7, 2, 3; target 4/17
    const target = 4 / 17;
    expect(variation.targetRate).toBeCloseTo(target, 12);
    expect(variation.compared).toBe(2);
    const [emergency, surgery] = variation.rows;
    expect(emergency).toMatchObject({
      key: 'Emergency',
      opportunities: 10,
      conflicts: 2,
      awaySwitches: 5,
    });
    expect(surgery).toMatchObject({
      key: 'Surgery',
      opportunities: 7,
      conflicts: 2,
      awaySwitches: 3,
    });
    const pEmergency = atLeastTwo(10, target); // 0.72121
    const pSurgery = atLeastTwo(7, target); // 0.51772
    expect(emergency.pValue).toBeCloseTo(pEmergency, 10);
    expect(surgery.pValue).toBeCloseTo(pSurgery, 10);
    // BH, m = 2: q(Surgery) = min(2·0.5177/1, 2·0.7212/2) = 0.7212 = q(Emergency)
    expect(surgery.qValue).toBeCloseTo(pEmergency, 10);
    expect(emergency.qValue).toBeCloseTo(pEmergency, 10);
    expect(variation.rows.every((row) => row.position === 'WITHIN')).toBe(true);
    expect(variation.rows.some((row) => row.outsideAfterMultiplicity)).toBe(false);

    const sql: { name: string; opportunities: number; conflicts: number }[] =
      await database.dataSource.query(
        `SELECT d.name, count(*)::int AS opportunities,
           count(*) FILTER (WHERE a.level IN ('DOCUMENTED', 'PROBABLE'))::int AS conflicts
         FROM order_assessments a JOIN orders o ON o.id = a.order_pk
         JOIN departments d ON d.id = o.department_id
         WHERE a.${ASSESSABLE.replaceAll(' AND ', ' AND a.')} GROUP BY d.name ORDER BY d.name`,
      );
    expect(
      variation.rows.map((row) => ({
        name: row.key,
        opportunities: row.opportunities,
        conflicts: row.conflicts,
      })),
    ).toEqual(sql);
  });

  it('shows clinicians to the committee as stable pseudonyms, and filters by them in SQL', async () => {
    const secrets = () =>
      database.dataSource.query(
        `SELECT secret FROM site_secrets WHERE name = 'clinician_pseudonym'`,
      );
    expect(await secrets()).toEqual([]);
    const variation = await service.practiceVariation(COMMITTEE, 'CLINICIAN', 'AWAY_SWITCH_RATE');
    const [{ secret: stored }] = await secrets();
    // generated once, then kept: a second request leaves the same secret and the same keys
    const again = await service.practiceVariation(COMMITTEE, 'CLINICIAN', 'AWAY_SWITCH_RATE');
    expect(await secrets()).toEqual([{ secret: stored }]);
    expect(again.rows.map((row) => row.key)).toEqual(variation.rows.map((row) => row.key));
    const dr1 = clinicianPseudonym(stored, 'DR1');
    expect(variation.rows.map((row) => row.key).sort()).toEqual(
      ['DR1', 'DR2', 'DR3'].map((id) => clinicianPseudonym(stored, id)).sort(),
    );
    const row = variation.rows.find((candidate) => candidate.key === dr1);
    // DR1: orders 1, 2, 3, 4, 16, 20 assessable; away 1, 2, 20
    expect(row).toMatchObject({ label: dr1, opportunities: 6, awaySwitches: 3 });
    expect(JSON.stringify(variation)).not.toMatch(/DR1|Dr One/);
    // the pseudonym filters in SQL; a raw provider id matches nothing for the committee
    const filtered = await service.overview(COMMITTEE, {
      from: '2024-01',
      to: '2024-03',
      clinicians: [dr1],
    });
    expect(filtered.current.opportunities).toBe(6);
    const raw = await service.overview(COMMITTEE, {
      from: '2024-01',
      to: '2024-03',
      clinicians: ['DR1'],
    });
    expect(raw.current.opportunities).toBe(0);
    // the administrator sees provider ids and names
    const named = await service.practiceVariation(ADMIN, 'CLINICIAN');
    expect(named.rows.find((candidate) => candidate.key === 'DR1')?.label).toBe('Dr One');
  });

  it('gives dose-history sensitivity per group and band with Wilson intervals and MH ORs', async () => {
    const sensitivity = await service.doseHistorySensitivity(ADMIN);
    const [pe, stroke] = sensitivity.groups;
    expect(pe.indicationGroup).toBe('PE');
    // PE: HIGH 1, 2, 3, 8, 16, 18, 20 → 5 away of 7; LOW 4, 5, 6, 7, 9, 10, 17, 19 → 3 of 8
    expect(pe.bands.map((band) => [band.band, band.opportunities, band.awaySwitches])).toEqual([
      ['LOW', 8, 3],
      ['MODERATE', 0, 0],
      ['HIGH', 7, 5],
    ]);
    // Wilson 5/7: centre (0.714286 + 0.274432)/1.548780 = 0.638380, half 0.279445
    expect(pe.bands[2].lower95).toBeCloseTo(0.358934, 5);
    expect(pe.bands[2].upper95).toBeCloseTo(0.917781, 5);
    expect(pe.bands[0].lower95).toBeCloseTo(0.136844, 5);
    expect(pe.bands[0].upper95).toBeCloseTo(0.694258, 5);
    // PE strata: ED a=3 b=2 c=2 d=3 (R 0.9, S 0.4); IP a=2 b=0 c=1 d=2 (R 0.8, S 0) → 4.25
    expect(pe.oddsRatio.oddsRatio).toBeCloseTo(4.25, 12);
    expect(pe.flat).toBe(pe.oddsRatio.lower95 === null || pe.oddsRatio.lower95 <= 1);
    expect(stroke.indicationGroup).toBe('STROKE');
    expect(stroke.bands.map((band) => band.opportunities)).toEqual([0, 1, 1]);
    expect(stroke.flat).toBe(true);
    // pooled: the STROKE stratum has one order, so the pooled OR is PE's
    expect(sensitivity.pooled.oddsRatio).toBeCloseTo(4.25, 12);

    const sql: { band: string; opportunities: number; away: number }[] =
      await database.dataSource.query(
        `SELECT band, count(*)::int AS opportunities,
           count(*) FILTER (WHERE outcome IN ('SUBSTITUTED', 'DOWNGRADED'))::int AS away
         FROM order_assessments WHERE ${ASSESSABLE} AND indication_group = 'PE'
         GROUP BY band ORDER BY band`,
      );
    for (const row of sql) {
      const band = pe.bands.find((candidate) => candidate.band === row.band);
      expect([band?.opportunities, band?.awaySwitches]).toEqual([row.opportunities, row.away]);
    }
  });
});
