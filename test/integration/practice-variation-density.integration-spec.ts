import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { jest } from '@jest/globals';
import request from 'supertest';
import type { Principal } from '../../backend/src/modules/auth/principal.js';
import {
  AggregateService,
  type PracticeVariationDensity,
} from '../../backend/src/modules/analytics/aggregate.service.js';
import { clinicianPseudonym } from '../../backend/src/modules/vocabulary/clinician-pseudonym.js';
import { authHeader, testPrincipal } from '../utils/auth.js';
import { serveHandMadeAssessments } from '../utils/hand-made-assessments.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/**
 * A hospital of 120 clinicians in three departments (DR<i> in department i mod 3), each with
 * 5 to 64 assessable opportunities at a conflict rate of 5 %, except DR7, DR50 and DR99 at 50 %
 * and DR17 with none: enough clinicians that the funnel has cells and points outside on both
 * sides. Orders fall in two months.
 */
const CLINICIANS = 120;
const DEPARTMENTS = ['Emergency', 'Surgery', 'Medicine'];
const HOSPITAL = `
  WITH plan AS (
    SELECT p, 'DR' || p AS provider, (ARRAY['Emergency', 'Surgery', 'Medicine'])[p % 3 + 1] AS department,
      5 + (p * 7) % 60 AS n,
      CASE WHEN p IN (7, 50, 99) THEN 0.5 WHEN p = 17 THEN 0 ELSE 0.05 END AS rate
    FROM generate_series(1, ${CLINICIANS}) p
  )
  SELECT row_number() OVER (ORDER BY p, k) AS id, provider, department,
    CASE WHEN k % 2 = 0 THEN '2024-02' ELSE '2024-03' END AS month,
    k <= round(n * rate) AS conflict, k % 2 = 0 AS high
  FROM plan, generate_series(1, n) k`;

const ADMIN = testPrincipal('ADMIN');
const COMMITTEE = testPrincipal('COMMITTEE');
const SURGERY_MANAGER = testPrincipal('QUALITY_MANAGER', ['Surgery']);

const DENSITY = `query ($by: VariationDimension!, $measure: FunnelMeasure, $filter: AnalysisFilter) {
  practiceVariationDensity(by: $by, measure: $measure, filter: $filter) {
    by measure targetRate compared
    grid { volumeScale volumeEdges rateEdges }
    cells { volumeBin rateBin units }
    outsidePoints { keys labels opportunities rates tones positions outsideAfterMultiplicity }
    funnelCurve { opportunities upper95 }
  } }`;

const unitsIn = (density: PracticeVariationDensity): number =>
  density.cells.reduce((sum, cell) => sum + cell.units, 0) + density.outside.length;

describe('practiceVariationDensity: the funnel of every clinician, compactly', () => {
  let database: TestDatabase;
  let service: AggregateService;
  let app: INestApplication;
  /** A provider's pseudonym (the site's secret exists once a committee caller has read). */
  const pseudonymOf = async (providerId: string): Promise<string> => {
    const [{ secret }] = await database.dataSource.query(
      `SELECT secret FROM site_secrets WHERE name = 'clinician_pseudonym'`,
    );
    return clinicianPseudonym(secret, providerId);
  };
  const tokens: Record<string, string> = {};

  const graphql = async (
    role: string,
    variables: Record<string, unknown>,
  ): Promise<{
    // the response is read field by field below; the query is the contract
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    data?: Record<string, any>;
    errors?: { message: string; extensions: { code: string } }[];
  }> => {
    const call = request(app.getHttpServer()).post('/graphql');
    if (tokens[role]) call.set(authHeader(tokens[role]));
    return (await call.send({ query: DENSITY, variables })).body;
  };

  /** The whole answer's units outside a 95 % limit: [key, label, opportunities, rate, position]. */
  const outsideOfWhole = async (caller: Principal, filter = {}) =>
    (await service.practiceVariation(caller, 'CLINICIAN', 'CONFLICT_RATE', filter)).rows
      .filter((row) => row.position !== null && row.position !== 'WITHIN')
      .map((row) => [row.key, row.label, row.opportunities, row.rate, row.position]);
  const outsideOf = (density: PracticeVariationDensity) =>
    density.outside.map((unit) => [
      unit.key,
      unit.label,
      unit.opportunities,
      unit.rate,
      unit.position,
    ]);

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.dataSource;
    await db.query(`INSERT INTO departments (name) SELECT unnest($1::text[])`, [DEPARTMENTS]);
    await db.query(
      `INSERT INTO providers (provider_id, name)
       SELECT 'DR' || p, 'Dr Number ' || p FROM generate_series(1, ${CLINICIANS}) p`,
    );
    await db.query(`INSERT INTO patients (patient_id, birth_date) VALUES ('P1', '1970-01-01')`);
    await db.query(
      `INSERT INTO orders (id, source, order_id, patient_id, ordered_at, provider_id, department_id, setting, requested_modality)
       SELECT h.id, 'csv', 'O' || h.id, 'P1', (h.month || '-15T10:00:00Z')::timestamptz, h.provider,
              d.id, 'ED', 'CT'
       FROM (${HOSPITAL}) h JOIN departments d ON d.name = h.department`,
    );
    await db.query(
      `INSERT INTO order_assessments (order_pk, provider_id, department_id, month, indication_group,
         population, setting, is_opportunity, outcome_modality, outcome_event, outcome, band,
         exclusion, level, settings_version, reference_version, lexicon_version)
       SELECT h.id, h.provider, d.id, h.month, 'PE', 'ADULT', 'ED', true, 'CT', 'exam',
              CASE WHEN h.conflict THEN 'DOWNGRADED' ELSE 'KEPT' END,
              CASE WHEN h.high THEN 'HIGH' ELSE 'LOW' END, NULL,
              CASE WHEN h.conflict THEN 'DOCUMENTED' END, 1, 1, 'test'
       FROM (${HOSPITAL}) h JOIN departments d ON d.name = h.department`,
    );
    // the rollups and pattern counts built from these hand-made assessments, the app, tokens
    const served = await serveHandMadeAssessments(db);
    ({ service, app } = served);
    Object.assign(tokens, served.tokens);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('counts every clinician once: cells and outside points add up to compared', async () => {
    const density = await service.practiceVariationDensity(ADMIN, 'CLINICIAN');
    expect(density.compared).toBe(CLINICIANS);
    expect(unitsIn(density)).toBe(CLINICIANS);
    expect(density.cells.every((cell) => cell.units > 0)).toBe(true);
    expect(density.cells.length).toBeGreaterThan(5);
    // volumes 5 to 64 (under 20 times): a linear volume axis, 0 to 100 (64 × 1.08, up to 100)
    expect(density.grid.volumeScale).toBe('LINEAR');
    expect(density.grid.volumeEdges[0]).toBe(0);
    expect(density.grid.volumeEdges.at(-1)).toBe(100);
    // the highest rate is 50 %: × 1.15 = 57.5 %, up to 60 %
    expect(density.grid.rateEdges.at(-1)).toBeCloseTo(0.6, 12);
    const whole = await service.practiceVariation(ADMIN, 'CLINICIAN');
    expect(density.targetRate).toBe(whole.targetRate);
    expect(density.funnelCurve).toEqual(whole.funnelCurve);
  });

  it("draws as points exactly the whole answer's clinicians outside a 95 % limit", async () => {
    const density = await service.practiceVariationDensity(ADMIN, 'CLINICIAN');
    const expected = await outsideOfWhole(ADMIN);
    expect(outsideOf(density)).toEqual(expected);
    const keys = density.outside.map((unit) => unit.key);
    // the three at 50 % above; DR17 (none in 64) below
    expect(keys).toEqual(expect.arrayContaining(['DR7', 'DR50', 'DR99', 'DR17']));
    expect(density.outside.find((unit) => unit.key === 'DR7')?.position).toMatch(/^ABOVE_/);
    expect(density.outside.find((unit) => unit.key === 'DR17')?.position).toMatch(/^BELOW_/);
    expect(density.outside.find((unit) => unit.key === 'DR7')?.label).toBe('Dr Number 7');
    // the other measure, and a month range (read for the request, not kept): the same rule
    const away = await service.practiceVariationDensity(ADMIN, 'CLINICIAN', 'AWAY_SWITCH_RATE');
    expect(away.measure).toBe('AWAY_SWITCH_RATE');
    expect(unitsIn(away)).toBe(away.compared);
    const march = { from: '2024-03', to: '2024-03' };
    const inMarch = await service.practiceVariationDensity(
      ADMIN,
      'CLINICIAN',
      'CONFLICT_RATE',
      march,
    );
    expect(unitsIn(inMarch)).toBe(inMarch.compared);
    expect(outsideOf(inMarch)).toEqual(await outsideOfWhole(ADMIN, march));
  });

  it('gives the committee pseudonyms only, never a provider id or name', async () => {
    const admin = await service.practiceVariationDensity(ADMIN, 'CLINICIAN');
    const committee = await service.practiceVariationDensity(COMMITTEE, 'CLINICIAN');
    expect(JSON.stringify(committee)).not.toMatch(/DR\d|Dr /);
    const pseudonyms = await Promise.all(admin.outside.map((unit) => pseudonymOf(unit.key)));
    expect(committee.outside.map((unit) => [unit.key, unit.label])).toEqual(
      pseudonyms.map((pseudonym) => [pseudonym, pseudonym]),
    );
    expect(committee.cells).toEqual(admin.cells);
    expect(outsideOf(committee)).toEqual(await outsideOfWhole(COMMITTEE));
  });

  it("scopes a department manager's funnel to their departments in SQL", async () => {
    const scoped = await service.practiceVariationDensity(SURGERY_MANAGER, 'CLINICIAN');
    // Surgery: DR<i> with i mod 3 = 1
    const surgeons = Array.from({ length: CLINICIANS }, (_, index) => index + 1).filter(
      (index) => index % 3 === 1,
    );
    expect(scoped.compared).toBe(surgeons.length);
    expect(unitsIn(scoped)).toBe(surgeons.length);
    // DR7 is a surgeon; DR50 (Medicine) and DR99 (Emergency) are not in this funnel
    const keys = scoped.outside.map((unit) => unit.key);
    expect(keys).toContain('DR7');
    expect(keys).not.toContain('DR50');
    expect(keys).not.toContain('DR99');
    for (const unit of scoped.outside) expect(surgeons).toContain(Number(unit.key.slice(2)));
    expect(outsideOf(scoped)).toEqual(await outsideOfWhole(SURGERY_MANAGER));
    await expect(
      service.practiceVariationDensity(SURGERY_MANAGER, 'CLINICIAN', 'CONFLICT_RATE', {
        departments: ['Emergency'],
      }),
    ).rejects.toThrow();
  });

  it('is kept until the rollups move, and derived again by the background refresh', async () => {
    const db = database.dataSource;
    const first = await service.practiceVariationDensity(COMMITTEE, 'CLINICIAN');
    expect(await service.practiceVariationDensity(COMMITTEE, 'CLINICIAN')).toBe(first);
    await db.query(`UPDATE clinician_rollups SET opportunities = opportunities WHERE false`);
    expect(await service.refreshKept()).toBeGreaterThan(0);
    // the refresh binned it again with the comparison it derived: a request finds it kept
    const entries = [...service['variations']['entries'].values()];
    expect(
      entries.some((entry) => [...entry.derived.values()].some((one) => one.density !== undefined)),
    ).toBe(true);
    const again = await service.practiceVariationDensity(COMMITTEE, 'CLINICIAN');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(await service.practiceVariationDensity(COMMITTEE, 'CLINICIAN')).toBe(again);
  });

  it("shares the page's comparison, and a refresh bins it once after two requests at once", async () => {
    const db = database.dataSource;
    await db.query(`UPDATE clinician_rollups SET opportunities = opportunities WHERE false`);
    const page = await service.practiceVariation(
      ADMIN,
      'CLINICIAN',
      'CONFLICT_RATE',
      {},
      undefined,
      { orderBy: 'EVIDENCE', first: 5 },
    );
    // the page's kept comparison: the density reads the generation and its points' names, and
    // two requests bin it at the same time (each waits 50 ms before binning)
    const read = jest.spyOn(service['read'], 'query');
    const binning = service['densityOf'].bind(service);
    const slow = jest
      .spyOn(service as unknown as { densityOf: typeof binning }, 'densityOf')
      .mockImplementation(async (...args) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return binning(...args);
      });
    const [one, two] = await Promise.all([
      service.practiceVariationDensity(ADMIN, 'CLINICIAN'),
      service.practiceVariationDensity(ADMIN, 'CLINICIAN'),
    ]);
    expect(slow).toHaveBeenCalledTimes(2);
    slow.mockRestore();
    const statements = read.mock.calls.map(([sql]) => sql);
    read.mockRestore();
    expect(statements.filter((sql) => /clinician_totals|clinician_rollups/.test(sql))).toEqual([]);
    expect(statements.filter((sql) => /FROM providers/.test(sql))).toHaveLength(2);
    expect(two).toEqual(one);
    expect(one.compared).toBe(page.compared);
    expect(one.targetRate).toBe(page.targetRate);
    const binned = jest.spyOn(
      service as unknown as { densityOf: (...args: unknown[]) => unknown },
      'densityOf',
    );
    await db.query(`UPDATE clinician_rollups SET opportunities = opportunities WHERE false`);
    expect(await service.refreshKept()).toBeGreaterThan(0);
    const adminConflictRate = binned.mock.calls.filter(
      ([, , caller, derived]) =>
        (caller as { pseudonyms: unknown }).pseudonyms === null &&
        (caller as { departmentScope: unknown }).departmentScope === null &&
        (derived as { comparison: { measure: string } }).comparison.measure === 'CONFLICT_RATE',
    );
    expect(adminConflictRate).toHaveLength(1);
    binned.mockRestore();
    expect(await service.practiceVariationDensity(ADMIN, 'CLINICIAN')).toEqual(one);
  });

  it("reads every clinician's totals once for a page and a plot asked at once", async () => {
    const db = database.dataSource;
    await db.query(`UPDATE clinician_rollups SET opportunities = opportunities WHERE false`);
    // the totals take 50 ms more, so the two requests miss them at the same time
    const reads = service['read'];
    const query = reads.query.bind(reads);
    const read = jest
      .spyOn(reads, 'query')
      .mockImplementation(async (sql: string, parameters?: readonly unknown[]) => {
        if (/FROM clinician_totals/.test(sql)) await new Promise((done) => setTimeout(done, 50));
        return query(sql, parameters);
      });
    const [page, density] = await Promise.all([
      service.practiceVariation(COMMITTEE, 'CLINICIAN', 'CONFLICT_RATE', {}, undefined, {
        orderBy: 'EVIDENCE',
        first: 5,
      }),
      service.practiceVariationDensity(COMMITTEE, 'CLINICIAN'),
    ]);
    const totals = read.mock.calls.filter(([sql]) => /FROM clinician_totals/.test(sql));
    read.mockRestore();
    expect(totals).toHaveLength(1);
    expect(density.compared).toBe(page.compared);
    expect(density).toEqual(await service.practiceVariationDensity(COMMITTEE, 'CLINICIAN'));
  });

  describe('through GraphQL with a bearer token', () => {
    it('answers every signed-in role, pseudonyms for the committee', async () => {
      for (const role of ['ADMIN', 'AUDITOR', 'QUALITY_MANAGER', 'COMMITTEE']) {
        const { data, errors } = await graphql(role, { by: 'CLINICIAN' });
        expect(errors).toBeUndefined();
        const density = data?.practiceVariationDensity;
        expect(density).toMatchObject({ by: 'CLINICIAN', measure: 'CONFLICT_RATE' });
        const points = density.outsidePoints;
        // one point per index: every column as long as the keys
        for (const column of Object.values(points).filter(Array.isArray)) {
          expect(column).toHaveLength(points.keys.length);
        }
        const counted =
          density.cells.reduce((sum: number, cell: { units: number }) => sum + cell.units, 0) +
          points.keys.length;
        expect(counted).toBe(CLINICIANS);
        expect(density.compared).toBe(CLINICIANS);
        // the service's outside units, in its order, as columns
        const caller = role === 'COMMITTEE' ? COMMITTEE : ADMIN;
        const expected = await service.practiceVariationDensity(caller, 'CLINICIAN');
        expect(points.keys).toEqual(expected.outside.map((unit) => unit.key));
        expect(points.labels).toEqual(expected.outside.map((unit) => unit.label));
        expect(points.rates).toEqual(expected.outside.map((unit) => unit.rate));
        expect(points.positions).toEqual(expected.outside.map((unit) => unit.position));
        const dr7 = points.keys.indexOf(role === 'COMMITTEE' ? await pseudonymOf('DR7') : 'DR7');
        expect(points.tones[dr7]).toBe('ABOVE');
        expect(points.outsideAfterMultiplicity[dr7]).toBe(true);
        if (role === 'COMMITTEE') expect(JSON.stringify(data)).not.toMatch(/DR\d|Dr /);
      }
      const scoped = await graphql('SURGERY_MANAGER', { by: 'CLINICIAN' });
      expect(scoped.data?.practiceVariationDensity.compared).toBe(40);
      const departments = await graphql('ADMIN', { by: 'DEPARTMENT' });
      expect(departments.data?.practiceVariationDensity.compared).toBe(3);
    });

    it('refuses a department outside the scope, and callers who are not signed in', async () => {
      const outside = await graphql('SURGERY_MANAGER', {
        by: 'CLINICIAN',
        filter: { departments: ['Emergency'] },
      });
      expect(outside.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(outside.data ?? null).toBeNull();
      const anonymous = await graphql('anonymous', { by: 'CLINICIAN' });
      expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(anonymous.data ?? null).toBeNull();
    });
  });
});
