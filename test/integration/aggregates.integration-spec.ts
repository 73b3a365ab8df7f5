import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Principal } from '../../backend/src/modules/auth/principal.js';
import { AggregateService } from '../../backend/src/modules/analytics/aggregate.service.js';
import { AnalyticsError } from '../../backend/src/modules/analytics/analytics.exception.js';
import { RollupService } from '../../backend/src/modules/analytics/rollup.service.js';
import { clinicianPseudonym } from '../../backend/src/modules/vocabulary/clinician-pseudonym.js';
import { authHeader, testPrincipal } from '../utils/auth.js';
import { serveHandMadeAssessments } from '../utils/hand-made-assessments.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';
import { waitForReassessments } from '../utils/wait-for-run.js';

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

const ADMIN = testPrincipal('ADMIN');
const COMMITTEE = testPrincipal('COMMITTEE');
const SURGERY_MANAGER = testPrincipal('QUALITY_MANAGER', ['Surgery']);

const ASSESSABLE = `is_opportunity AND outcome <> 'PENDING' AND exclusion IS NULL`;

/** P(R >= 2) for R ~ Binomial(n, p), by hand: 1 − (1 − p)^n − n·p·(1 − p)^(n − 1). */
const atLeastTwo = (n: number, p: number) => 1 - (1 - p) ** n - n * p * (1 - p) ** (n - 1);

describe('aggregates on a hand-made hospital', () => {
  let database: TestDatabase;
  let service: AggregateService;
  let app: INestApplication;
  const tokens: Record<string, string> = {};

  /** A GraphQL request with the role's bearer token (none for 'anonymous'). */
  const graphql = async (
    role: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{
    // response shapes are read field by field below; the queries are the contract's
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    data?: Record<string, any>;
    errors?: { message: string; extensions: { code: string } }[];
  }> => {
    const call = request(app.getHttpServer()).post('/graphql');
    if (tokens[role]) call.set(authHeader(tokens[role]));
    return (await call.send({ query, variables })).body;
  };

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
        `INSERT INTO order_assessments (order_pk, provider_id, department_id, month, indication_group,
           population, setting, is_opportunity, outcome_modality, outcome_event, outcome, band,
           exclusion, level, settings_version, reference_version, lexicon_version)
         VALUES ($1, $2, (SELECT department_id FROM orders WHERE id = $1), $3, $4, $5, $6, $7,
                 'CT', 'exam', $8, $9, $10, $11, 1, 1, 'test')`,
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
    // order 2 (POSSIBLE, 2024-03) has been reviewed, twice: one reviewed case
    for (const disposition of ['NEEDS_DISCUSSION', 'CLINICALLY_JUSTIFIED']) {
      await db.query(
        `INSERT INTO case_reviews (order_pk, disposition, reviewer) VALUES (2, $1, 'qm@test.local')`,
        [disposition],
      );
    }
    // the rollups and pattern counts built from these hand-made assessments, the app, tokens
    const served = await serveHandMadeAssessments(db);
    ({ service, app } = served);
    Object.assign(tokens, served.tokens);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('gives the overview of the latest month beside the month before', async () => {
    const overview = await service.overview(ADMIN);
    const { current, previous } = overview;
    // 2024-03: orders 1–12 are assessable; away 1, 2, 5, 8, 10; DOCUMENTED 1, PROBABLE 8, POSSIBLE 2
    // flagged 1, 2, 8 (13 is EXCLUDED, not a case to review); 2 reviewed
    expect(current).toMatchObject({
      from: '2024-03',
      to: '2024-03',
      opportunities: 12,
      awaySwitches: 5,
      conflicts: 2,
      documented: 1,
      probable: 1,
      possible: 1,
      openCases: 2,
      reviewedCases: 1,
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
      AnalyticsError,
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

  it("keeps every clinician's funnel totals until the clinician rollups move", async () => {
    const db = database.dataSource;
    const generation = async (): Promise<number> =>
      Number((await db.query(`SELECT generation FROM dashboard_generation`))[0].generation);
    const firstPage = async () =>
      (
        await service.practiceVariation(ADMIN, 'CLINICIAN', 'CONFLICT_RATE', {}, undefined, {
          orderBy: 'EVIDENCE',
          first: 2,
        })
      ).rows.map((row) => [row.key, row.opportunities, row.conflicts]);
    const dr1 = async (): Promise<number | undefined> =>
      (
        await service.practiceVariation(ADMIN, 'CLINICIAN', 'CONFLICT_RATE', {}, undefined, {
          orderBy: 'UNIT',
          first: 10,
        })
      ).rows.find((row) => row.key === 'DR1')?.opportunities;
    const before = await firstPage();
    const opportunities = await dr1();
    expect(opportunities).toBeGreaterThan(0);
    // changed behind the triggers' back: the kept totals are what the page shows
    await db.query(`ALTER TABLE clinician_totals DISABLE TRIGGER USER`);
    try {
      await db.query(
        `UPDATE clinician_totals SET opportunities = opportunities + 100 WHERE provider_id = 'DR1'`,
      );
    } finally {
      await db.query(`ALTER TABLE clinician_totals ENABLE TRIGGER USER`);
    }
    expect(await firstPage()).toEqual(before);
    expect(await dr1()).toBe(opportunities);
    // any statement that writes either table moves the generation, and the page reads again
    const moved = await generation();
    await db.query(`UPDATE clinician_totals SET opportunities = opportunities WHERE false`);
    expect(await generation()).toBe(moved + 1);
    expect(await dr1()).toBe((opportunities as number) + 100);
    for (const statement of [
      `DELETE FROM clinician_rollups WHERE false`,
      `INSERT INTO clinician_rollups SELECT * FROM clinician_rollups WHERE false`,
      `UPDATE clinician_rollups SET opportunities = opportunities WHERE false`,
      `DELETE FROM clinician_totals WHERE false`,
    ]) {
      const at = await generation();
      await db.query(statement);
      expect(await generation()).toBe(at + 1);
    }
    // the full rebuild (TRUNCATE and INSERT) puts the true figures back, and the page reads them
    const rebuilt = await generation();
    await new RollupService(db).refreshAll();
    expect(await generation()).toBeGreaterThan(rebuilt);
    expect(await dr1()).toBe(opportunities);
    expect(await firstPage()).toEqual(before);
  });

  it('reads the kept funnels again once the rollups move, before anyone asks', async () => {
    const db = database.dataSource;
    const dr1 = async (): Promise<number | undefined> =>
      (
        await service.practiceVariation(ADMIN, 'CLINICIAN', 'CONFLICT_RATE', {}, undefined, {
          orderBy: 'UNIT',
          first: 10,
        })
      ).rows.find((row) => row.key === 'DR1')?.opportunities;
    const behindTheTriggers = async (sql: string) => {
      await db.query(`ALTER TABLE clinician_totals DISABLE TRIGGER USER`);
      try {
        await db.query(sql);
      } finally {
        await db.query(`ALTER TABLE clinician_totals ENABLE TRIGGER USER`);
      }
    };
    const opportunities = (await dr1()) as number;
    expect(opportunities).toBeGreaterThan(0);
    // what earlier tests kept is brought to the current generation; then nothing is left to read
    await service.refreshKept();
    expect(await service.refreshKept()).toBe(0);
    // a load moves the totals (and the generation): the refresh reads the kept statements again
    await db.query(
      `UPDATE clinician_totals SET opportunities = opportunities + 100 WHERE provider_id = 'DR1'`,
    );
    expect(await service.refreshKept()).toBeGreaterThanOrEqual(1);
    expect(await service.refreshKept()).toBe(0);
    // the page is then answered from the rows the refresh read: a change behind the triggers'
    // back after it is not seen, the one before it is
    await behindTheTriggers(
      `UPDATE clinician_totals SET opportunities = opportunities + 1000 WHERE provider_id = 'DR1'`,
    );
    expect(await dr1()).toBe(opportunities + 100);
    // the full rebuild puts the true figures back
    await new RollupService(db).refreshAll();
    expect(await service.refreshKept()).toBeGreaterThanOrEqual(1);
    expect(await dr1()).toBe(opportunities);
  });

  it('keeps the whole clinician funnel until the rollups, the names or the departments move', async () => {
    const db = database.dataSource;
    const generation = async (): Promise<number> =>
      Number((await db.query(`SELECT generation FROM dashboard_generation`))[0].generation);
    // the whole answer: unit order, no page (the dashboard's "Show all")
    const whole = (
      caller: Principal,
      measure: 'CONFLICT_RATE' | 'AWAY_SWITCH_RATE' = 'CONFLICT_RATE',
    ) => service.practiceVariation(caller, 'CLINICIAN', measure);
    const rowsOf = async (caller: Principal) =>
      (await whole(caller)).rows.map((row) => [row.key, row.label, row.opportunities]);
    // DR1: orders 1, 2, 3, 4, 16, 20 assessable; DR2: 5, 6, 7, 17; DR3: 8, 9, 10, 11, 12, 18, 19
    const named = [
      ['DR1', 'Dr One', 6],
      ['DR2', 'Dr Two', 4],
      ['DR3', 'Dr Three', 7],
    ];
    expect(await rowsOf(ADMIN)).toEqual(named);
    // the committee's from the same statement: pseudonyms for keys and labels, in the same order
    const pseudonymised = await rowsOf(COMMITTEE);
    const [{ secret }] = await db.query(
      `SELECT secret FROM site_secrets WHERE name = 'clinician_pseudonym'`,
    );
    const dr1 = clinicianPseudonym(secret, 'DR1');
    expect(pseudonymised).toEqual(
      named.map(([id, , opportunities]) => {
        const pseudonym = clinicianPseudonym(secret, id as string);
        return [pseudonym, pseudonym, opportunities];
      }),
    );
    expect(await rowsOf(SURGERY_MANAGER)).toEqual([['DR3', 'Dr Three', 7]]);

    // changed behind the triggers' back: each caller's kept answer is what it shows
    const behindTheTriggers = async (table: string, statement: string) => {
      await db.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      try {
        await db.query(statement);
      } finally {
        await db.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      }
    };
    await behindTheTriggers(
      'clinician_rollups',
      `UPDATE clinician_rollups SET opportunities = opportunities + 100
       WHERE ctid = (SELECT ctid FROM clinician_rollups WHERE provider_id = 'DR1' LIMIT 1)`,
    );
    await behindTheTriggers(
      'providers',
      `UPDATE providers SET name = 'Dr Uno' WHERE provider_id = 'DR1'`,
    );
    expect(await rowsOf(ADMIN)).toEqual(named);
    expect(await rowsOf(COMMITTEE)).toEqual(pseudonymised);
    // another measure is its own answer over the same kept rows
    const awayRates = await whole(ADMIN, 'AWAY_SWITCH_RATE');
    expect(awayRates.measure).toBe('AWAY_SWITCH_RATE');
    // DR1: away 1, 2, 20 of 6
    expect(awayRates.rows[0]).toMatchObject({ key: 'DR1', opportunities: 6, rate: 0.5 });

    // a statement on clinician_rollups moves the generation: the counts and the name are read
    let at = await generation();
    await db.query(`UPDATE clinician_rollups SET opportunities = opportunities WHERE false`);
    expect(await generation()).toBe(at + 1);
    expect((await rowsOf(ADMIN))[0]).toEqual(['DR1', 'Dr Uno', 106]);
    expect((await rowsOf(COMMITTEE))[0]).toEqual([dr1, dr1, 106]);

    // a name alone (a load that is not analysed writes providers, not the rollups)
    at = await generation();
    await db.query(`UPDATE providers SET name = 'Dr Une' WHERE provider_id = 'DR1'`);
    expect(await generation()).toBe(at + 1);
    expect((await rowsOf(ADMIN))[0]).toEqual(['DR1', 'Dr Une', 106]);
    const committee = await whole(COMMITTEE);
    expect(JSON.stringify(committee.rows)).not.toMatch(/DR\d|Dr /);
    expect(committee.rows.map((row) => row.key)).toEqual(pseudonymised.map((row) => row[0]));

    // a department scope is read through departments: renamed, the manager's Surgery is gone
    at = await generation();
    await db.query(`UPDATE departments SET name = 'Theatres' WHERE name = 'Surgery'`);
    expect(await generation()).toBe(at + 1);
    try {
      expect(await rowsOf(SURGERY_MANAGER)).toEqual([]);
    } finally {
      await db.query(`UPDATE departments SET name = 'Surgery' WHERE name = 'Theatres'`);
    }
    expect(await rowsOf(SURGERY_MANAGER)).toEqual([['DR3', 'Dr Three', 7]]);
    for (const statement of [
      `INSERT INTO providers SELECT * FROM providers WHERE false`,
      `DELETE FROM providers WHERE false`,
      `INSERT INTO departments SELECT * FROM departments WHERE false`,
      `DELETE FROM departments WHERE false`,
    ]) {
      at = await generation();
      await db.query(statement);
      expect(await generation()).toBe(at + 1);
    }

    // the name back and a full rebuild: the true figures again
    await db.query(`UPDATE providers SET name = 'Dr One' WHERE provider_id = 'DR1'`);
    await new RollupService(db).refreshAll();
    expect(await rowsOf(ADMIN)).toEqual(named);
    expect(await rowsOf(COMMITTEE)).toEqual(pseudonymised);
  });

  describe('through GraphQL with a bearer token', () => {
    const OVERVIEW = `query ($filter: AnalysisFilter) { overview(filter: $filter) {
      current { from to opportunities awaySwitches conflicts documented probable possible openCases
        reviewedCases excessAwaySwitches { excess } siteOddsRatio { oddsRatio strataUsed } }
      previous { from to opportunities awaySwitches } } }`;
    const VARIATION = `query ($by: VariationDimension!, $measure: FunnelMeasure, $filter: AnalysisFilter) {
      practiceVariation(by: $by, measure: $measure, filter: $filter) { by measure targetRate compared
        rows { key label opportunities conflicts awaySwitches rate qValue pValue position
          outsideAfterMultiplicity limits { upper95 } doseHistoryOddsRatio { oddsRatio } }
        funnelCurve { opportunities upper95 } } }`;
    const SENSITIVITY = `{ doseHistorySensitivity { pooled { oddsRatio strataUsed }
      groups { indicationGroup flat oddsRatio { oddsRatio } bands { band opportunities awaySwitches rate lower95 upper95 } } } }`;

    it('gives every role the figures the hand and plain SQL give', async () => {
      for (const role of ['ADMIN', 'COMMITTEE', 'AUDITOR', 'QUALITY_MANAGER']) {
        const { data, errors } = await graphql(role, OVERVIEW);
        expect(errors).toBeUndefined();
        expect(data?.overview.current).toMatchObject({
          from: '2024-03',
          opportunities: 12,
          awaySwitches: 5,
          conflicts: 2,
          documented: 1,
          probable: 1,
          possible: 1,
          openCases: 2,
          reviewedCases: 1,
          excessAwaySwitches: { excess: 1.75 },
          siteOddsRatio: { strataUsed: 2 },
        });
        expect(data?.overview.current.siteOddsRatio.oddsRatio).toBeCloseTo(25 / 3, 10);
        expect(data?.overview.previous).toEqual({
          from: '2024-02',
          to: '2024-02',
          opportunities: 4,
          awaySwitches: 2,
        });
      }
      const scoped = await graphql('SURGERY_MANAGER', OVERVIEW);
      expect(scoped.data?.overview.current).toMatchObject({ opportunities: 5, awaySwitches: 2 });

      const variation = await graphql('ADMIN', VARIATION, { by: 'DEPARTMENT' });
      expect(variation.errors).toBeUndefined();
      expect(variation.data?.practiceVariation).toMatchObject({
        by: 'DEPARTMENT',
        measure: 'CONFLICT_RATE',
        compared: 2,
      });
      expect(
        variation.data?.practiceVariation.rows.map(
          (row: { key: string; opportunities: number }) => [row.key, row.opportunities],
        ),
      ).toEqual([
        ['Emergency', 10],
        ['Surgery', 7],
      ]);
      expect(variation.data?.practiceVariation.rows[1].qValue).toBeCloseTo(
        atLeastTwo(10, 4 / 17),
        10,
      );

      const sensitivity = await graphql('COMMITTEE', SENSITIVITY);
      expect(sensitivity.errors).toBeUndefined();
      expect(sensitivity.data?.doseHistorySensitivity.pooled.oddsRatio).toBeCloseTo(4.25, 10);
      expect(sensitivity.data?.doseHistorySensitivity.groups[0].bands[2]).toMatchObject({
        band: 'HIGH',
        opportunities: 7,
        awaySwitches: 5,
      });
    });

    it('pseudonymises clinicians for the committee until committee.show_clinician_names', async () => {
      const committee = await graphql('COMMITTEE', VARIATION, { by: 'CLINICIAN' });
      const keys = committee.data?.practiceVariation.rows.map((row: { key: string }) => row.key);
      expect(keys).toHaveLength(3);
      for (const key of keys) expect(key).toMatch(/^C-[0-9A-F]{6}$/);
      expect(JSON.stringify(committee.data)).not.toMatch(/DR\d|Dr /);
      const filtered = await graphql('COMMITTEE', OVERVIEW, {
        filter: { from: '2024-01', to: '2024-03', clinicians: [keys[0]] },
      });
      const row = committee.data?.practiceVariation.rows[0];
      expect(filtered.data?.overview.current.opportunities).toBe(row.opportunities);

      const shown = await graphql(
        'ADMIN',
        `
          mutation {
            updateSetting(input: { key: "committee.show_clinician_names", value: "true" }) {
              key
              value
              version
            }
          }
        `,
      );
      expect(shown.errors).toBeUndefined();
      expect(shown.data?.updateSetting).toMatchObject({
        key: 'committee.show_clinician_names',
        value: 'true',
      });
      const named = await graphql('COMMITTEE', VARIATION, { by: 'CLINICIAN' });
      expect(
        named.data?.practiceVariation.rows.map((row: { key: string }) => row.key).sort(),
      ).toEqual(['DR1', 'DR2', 'DR3']);
      await graphql(
        'ADMIN',
        `
          mutation {
            updateSetting(input: { key: "committee.show_clinician_names", value: "false" }) {
              key
            }
          }
        `,
      );
    });

    it('pages clinicians by evidence, with every count over all of them', async () => {
      const PAGED = `query ($orderBy: VariationOrder, $first: Int, $after: String) {
        practiceVariation(by: CLINICIAN, orderBy: $orderBy, first: $first, after: $after) {
          compared outside outsideAfterMultiplicity targetRate
          pageInfo { hasNextPage endCursor }
          rows { key label opportunities conflicts rate qValue pValue position
            outsideAfterMultiplicity limits { upper95 }
            doseHistoryOddsRatio { oddsRatio strataUsed } excessAwaySwitches { excess } }
          funnelCurve { opportunities upper95 } } }`;
      type PagedRow = { key: string; opportunities: number; pValue: number; position: string };
      for (const role of ['ADMIN', 'COMMITTEE', 'SURGERY_MANAGER']) {
        const whole = await graphql(role, PAGED);
        expect(whole.errors).toBeUndefined();
        const all = whole.data?.practiceVariation;
        expect(all.rows).toHaveLength(role === 'SURGERY_MANAGER' ? 1 : 3);
        expect(all.pageInfo.hasNextPage).toBe(false);
        expect(all.outside).toBe(
          all.rows.filter((row: PagedRow) => row.position !== 'WITHIN').length,
        );
        // ascending p, then more opportunities, then the key
        const expected = [...all.rows].sort(
          (a: PagedRow, b: PagedRow) =>
            a.pValue - b.pValue || b.opportunities - a.opportunities || (a.key < b.key ? -1 : 1),
        );
        const paged: PagedRow[] = [];
        let after: string | null = null;
        do {
          const page = await graphql(role, PAGED, { orderBy: 'EVIDENCE', first: 1, after });
          expect(page.errors).toBeUndefined();
          const { rows, pageInfo, ...totals } = page.data?.practiceVariation ?? {};
          const { rows: _rows, pageInfo: _pageInfo, ...allTotals } = all;
          expect(totals).toEqual(allTotals);
          expect(rows.length).toBe(1);
          paged.push(...rows);
          after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
        } while (after !== null);
        expect(paged).toEqual(expected);
      }
      // the filter bar's list: no dose history asked, the same keys, labels and figures
      const list = await graphql(
        'ADMIN',
        `
          {
            practiceVariation(by: CLINICIAN) {
              rows {
                key
                label
                opportunities
                qValue
              }
            }
          }
        `,
      );
      const named = await graphql('ADMIN', PAGED);
      expect(list.data?.practiceVariation.rows).toEqual(
        named.data?.practiceVariation.rows.map(
          (row: { key: string; label: string; opportunities: number; qValue: number }) => ({
            key: row.key,
            label: row.label,
            opportunities: row.opportunities,
            qValue: row.qValue,
          }),
        ),
      );
      const stale = await graphql('ADMIN', PAGED, { orderBy: 'UNIT', first: 1, after: 'nonsense' });
      expect(stale.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const negative = await graphql('ADMIN', PAGED, { first: -1 });
      expect(negative.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('refuses bad input with one sentence and unauthenticated callers with nothing', async () => {
      const bad = await graphql('ADMIN', OVERVIEW, { filter: { from: '2024-3' } });
      expect(bad.errors?.[0]).toMatchObject({
        message: 'from "2024-3" is not a month; use YYYY-MM.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const outside = await graphql('SURGERY_MANAGER', OVERVIEW, {
        filter: { departments: ['Emergency'] },
      });
      expect(outside.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const anonymous = await graphql('anonymous', OVERVIEW);
      expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(anonymous.data ?? null).toBeNull();
    });

    it('lets ADMIN and AUDITOR read runs, rejections, settings, versions and the audit trail', async () => {
      const [{ id: runId }] = await database.dataSource.query(
        `INSERT INTO ingest_runs (kind, source, started_by, status, rows_read, rows_loaded, rows_rejected)
         VALUES ('csv', 'csv', 'spec', 'succeeded', 10, 7, 3) RETURNING id`,
      );
      for (const line of [2, 5, 9]) {
        await database.dataSource.query(
          `INSERT INTO rejections (run_id, source, entity, file, line, field, reason, raw, fingerprint)
           VALUES ($1, 'csv', 'orders', 'orders.csv', $2, 'ordered_at', 'not a timestamp', $3, $4)`,
          [runId, line, `O${line},P1,yesterday`, `fp-${line}`],
        );
      }
      const REJECTIONS = `query ($runId: ID, $after: String) { rejections(runId: $runId, first: 2, after: $after) {
        totalCount nodes { runId file line field reason raw } pageInfo { hasNextPage endCursor } } }`;
      const first = await graphql('AUDITOR', REJECTIONS, { runId: String(runId) });
      expect(first.errors).toBeUndefined();
      expect(first.data?.rejections.totalCount).toBe(3);
      expect(first.data?.rejections.nodes.map((node: { line: number }) => node.line)).toEqual([
        2, 5,
      ]);
      expect(first.data?.rejections.nodes[0].raw).toBe('O2,P1,yesterday');
      expect(first.data?.rejections.pageInfo.hasNextPage).toBe(true);
      const second = await graphql('AUDITOR', REJECTIONS, {
        runId: String(runId),
        after: first.data?.rejections.pageInfo.endCursor,
      });
      expect(second.data?.rejections.nodes.map((node: { line: number }) => node.line)).toEqual([9]);
      expect(second.data?.rejections.pageInfo).toMatchObject({ hasNextPage: false });
      const badCursor = await graphql('AUDITOR', REJECTIONS, { after: 'nonsense' });
      expect(badCursor.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');

      const runs = await graphql(
        'ADMIN',
        `
          {
            ingestRuns(first: 1) {
              nodes {
                id
                kind
                status
                rowsRead
                rowsLoaded
                rowsRejected
                warnings
              }
              pageInfo {
                hasNextPage
              }
            }
          }
        `,
      );
      expect(runs.data?.ingestRuns.nodes[0]).toEqual({
        id: String(runId),
        kind: 'csv',
        status: 'succeeded',
        rowsRead: 10,
        rowsLoaded: 7,
        rowsRejected: 3,
        warnings: 0,
      });

      const settings = await graphql(
        'AUDITOR',
        `
          {
            settings {
              key
              value
              meaning
              version
            }
            referenceVersions {
              version
              current
            }
          }
        `,
      );
      expect(settings.errors).toBeUndefined();
      expect(
        settings.data?.settings.find(
          (setting: { key: string }) => setting.key === 'band.high_ced_5y_msv',
        ),
      ).toMatchObject({ value: '50' });
      expect(settings.data?.referenceVersions[0].current).toBe(true);

      for (const role of ['COMMITTEE', 'QUALITY_MANAGER']) {
        const refused = await graphql(
          role,
          `
            {
              settings {
                key
              }
            }
          `,
        );
        expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
      }
      const auditorWrite = await graphql(
        'AUDITOR',
        `
          mutation {
            updateSetting(input: { key: "cascade.days", value: "20" }) {
              key
            }
          }
        `,
      );
      expect(auditorWrite.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const unknown = await graphql(
        'ADMIN',
        `
          mutation {
            updateSetting(input: { key: "no.such", value: "1" }) {
              key
            }
          }
        `,
      );
      expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(unknown.errors?.[0].message).toMatch(/^Unknown setting "no.such"/);
    });

    // last: a setting that changes assessment re-analyses the hand-made orders with the real engine
    it('updates a setting as a new version, re-analyses, and leaves an audit event', async () => {
      const updated = await graphql(
        'ADMIN',
        `
          mutation {
            updateSetting(input: { key: "cascade.days", value: "20" }) {
              key
              value
              version
            }
          }
        `,
      );
      expect(updated.errors).toBeUndefined();
      const version = updated.data?.updateSetting.version;
      expect(updated.data?.updateSetting).toMatchObject({ key: 'cascade.days', value: '20' });
      // the reassessment follows in the background
      await waitForReassessments(database.dataSource);
      const [{ stale }] = await database.dataSource.query(
        `SELECT count(*) FILTER (WHERE settings_version <> $1)::int AS stale FROM order_assessments`,
        [version],
      );
      expect(stale).toBe(0);
      const history = await graphql(
        'AUDITOR',
        `
          {
            settingsHistory {
              version
              createdBy
              changes
            }
          }
        `,
      );
      expect(history.data?.settingsHistory[0]).toMatchObject({
        version,
        changes: ['cascade.days: 30 → 20'],
      });
      const audit = await graphql(
        'AUDITOR',
        `
          {
            auditEvents(first: 2) {
              nodes {
                actor
                action
                objectType
                objectId
                details
              }
              pageInfo {
                hasNextPage
                endCursor
              }
            }
          }
        `,
      );
      expect(audit.errors).toBeUndefined();
      const [event] = audit.data?.auditEvents.nodes ?? [];
      expect(event).toMatchObject({
        action: 'settings.changed',
        objectType: 'setting',
        objectId: 'cascade.days',
      });
      expect(JSON.parse(event.details)).toMatchObject({
        before: '30',
        after: '20',
        settingsVersion: version,
      });
      // the toggles of the earlier test came before: the next page continues after them
      expect(audit.data?.auditEvents.pageInfo.hasNextPage).toBe(true);
      const next = await graphql(
        'AUDITOR',
        `
          query ($after: String) {
            auditEvents(first: 5, after: $after) {
              nodes {
                objectId
                details
              }
            }
          }
        `,
        {
          after: audit.data?.auditEvents.pageInfo.endCursor,
        },
      );
      expect(
        next.data?.auditEvents.nodes.map((node: { objectId: string }) => node.objectId),
      ).toEqual(['committee.show_clinician_names']);
      const committeeAudit = await graphql(
        'COMMITTEE',
        `
          {
            auditEvents {
              nodes {
                id
              }
            }
          }
        `,
      );
      expect(committeeAudit.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });
});
