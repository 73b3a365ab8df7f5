import 'reflect-metadata';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AppModule } from '../../backend/src/app.module.js';
import { loadAuthSettings } from '../../backend/src/config/auth-config.js';
import type { AggregateSource } from '../../backend/src/modules/analytics/aggregate-source.js';
import { AggregateService } from '../../backend/src/modules/analytics/aggregate.service.js';
import type { AnalysisFilter } from '../../backend/src/modules/analytics/analysis-filter.js';
import { AnalyticsService } from '../../backend/src/modules/analytics/analytics.service.js';
import { CommitteeService } from '../../backend/src/modules/analytics/committee.service.js';
import {
  departmentCounts,
  departmentStratumCounts,
  monthlyConflictCounts,
  monthlyStratumCounts,
  monthRange,
} from '../../backend/src/modules/analytics/committee.sql.js';
import { monthlyOrderVolume } from '../../backend/src/modules/analytics/order-volume.sql.js';
import { RollupService } from '../../backend/src/modules/analytics/rollup.service.js';
import { parse } from 'csv-parse/sync';
import {
  ROLLUPS_STEP,
  type AfterAnalysisStep,
} from '../../backend/src/modules/pipeline/after-analysis.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { SettingsService } from '../../backend/src/modules/settings/settings.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { makeOrder, writeCsvFolder } from '../factories/csv-folder.js';
import { authHeader, createUserWithToken, testPrincipal } from '../utils/auth.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/**
 * The monthly rollups against the raw tables on a generated hospital: every dashboard
 * aggregate computed from the rollups (what the app reads) equals the same aggregate computed
 * from order_assessments and orders, for every role, scope and filter tried, after a first
 * load and after a second load that moves orders between months (the incremental refresh of
 * the touched months), and after a settings change that rescores everything. Then the
 * department scope of the older queries, through GraphQL.
 */
/** Numbers to 10 significant digits: sums over strata may run in another order. */
const settled = (value: unknown): unknown => {
  if (typeof value === 'number')
    return Number.isFinite(value) ? Number(value.toPrecision(10)) : value;
  if (Array.isArray(value)) return value.map(settled);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, settled(inner)]));
  }
  return value;
};

const ROLLUP_ROWS = `
  SELECT month, department_id, provider_id, indication_group, population, setting, band, outcome,
    level, assessable, orders
  FROM assessment_rollups ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
const DEPARTMENT_ROWS = `SELECT * FROM department_rollups ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
const VOLUME_ROWS = `SELECT * FROM order_volume_rollups ORDER BY 1, 2, 3`;
const CLINICIAN_ROWS = `SELECT * FROM clinician_rollups ORDER BY 1, 2, 3, 4, 5`;
const CLINICIAN_TOTAL_ROWS = `SELECT * FROM clinician_totals ORDER BY 1, 2`;
/** clinician_rollups summed per department and clinician: what clinician_totals must hold. */
const SUMMED_CLINICIAN_ROWS = `
  SELECT department_id, provider_id, sum(opportunities)::int AS opportunities,
    sum(away_switches)::int AS away_switches, sum(conflicts)::int AS conflicts
  FROM clinician_rollups GROUP BY 1, 2 ORDER BY 1, 2`;

describe('monthly rollups', () => {
  let database: TestDatabase;
  let folder: string;
  let departments: string[];
  let providers: string[];
  let groups: string[];
  let months: string[];
  let firstLoadSteps: string[];

  const aggregates = (source: AggregateSource) => ({
    aggregate: new AggregateService(database.dataSource).over(source),
    committee: new CommitteeService(database.dataSource).over(source),
    analytics: new AnalyticsService(database.dataSource).over(source),
  });

  /** Every aggregate, for each role and filter, from one source. */
  const everything = async (source: AggregateSource) => {
    const { aggregate, committee, analytics } = aggregates(source);
    const callers = [
      testPrincipal('ADMIN'),
      testPrincipal('COMMITTEE'),
      testPrincipal('QUALITY_MANAGER', departments.slice(0, 2)),
    ];
    const filters: AnalysisFilter[] = [
      {},
      { from: months[2], to: months[months.length - 3] },
      { departments: [departments[0]] },
      { clinicians: providers.slice(0, 3) },
      { levels: ['DOCUMENTED', 'PROBABLE'] },
      { indicationGroups: groups.slice(0, 3), settings: ['ED', 'IP'], populations: ['ADULT'] },
    ];
    const results: Record<string, unknown> = {};
    for (const [index, caller] of callers.entries()) {
      const who = `${caller.role}${index}`;
      for (const [filterIndex, filter] of filters.entries()) {
        // a committee member's clinician filter names pseudonyms, not provider ids
        if (caller.role === 'COMMITTEE' && filter.clinicians) continue;
        const key = `${who} filter ${filterIndex}`;
        results[`${key} overview`] = await aggregate.overview(caller, filter);
        for (const by of ['DEPARTMENT', 'CLINICIAN', 'INDICATION_GROUP'] as const) {
          results[`${key} practiceVariation ${by}`] = await aggregate.practiceVariation(
            caller,
            by,
            filterIndex % 2 === 0 ? 'CONFLICT_RATE' : 'AWAY_SWITCH_RATE',
            filter,
          );
        }
        results[`${key} doseHistorySensitivity`] = await aggregate.doseHistorySensitivity(
          caller,
          filter,
        );
      }
      for (const department of [null, departments[0]]) {
        results[`${who} monthlyConflictTrend ${department}`] = await committee.monthlyConflictTrend(
          { department },
          caller,
        );
      }
      for (const range of [{}, { from: months[1], to: months[months.length - 2] }]) {
        results[`${who} departmentVariation ${JSON.stringify(range)}`] =
          await committee.departmentVariation({ ...range, measure: 'AWAY_SWITCH_RATE' }, caller);
        results[`${who} monthlyOrderVolume ${JSON.stringify(range)}`] =
          await analytics.monthlyOrderVolume(range, caller);
      }
    }
    return settled(results) as Record<string, unknown>;
  };

  /** The committee's and the volume's bare statements, both sources, same parameters. */
  const bareStatements = async (source: AggregateSource) => {
    const db = database.dataSource;
    const scope = departments.slice(0, 2);
    const range = [months[1], months[months.length - 2]];
    return {
      trend: await db.query(monthlyConflictCounts(source, true), [null, scope]),
      trendStrata: await db.query(monthlyStratumCounts(source), [departments[0]]),
      monthRange: await db.query(monthRange(source, true), [...range, scope]),
      departments: await db.query(departmentCounts(source), range),
      departmentStrata: await db.query(departmentStratumCounts(source, true), [...range, scope]),
      volume: await db.query(monthlyOrderVolume(source, true), [null, null, scope]),
    };
  };

  const expectRollupsMatchRaw = async () => {
    const [fromRollups, fromRaw] = [await everything('rollups'), await everything('raw')];
    expect(Object.keys(fromRollups).length).toBeGreaterThan(60);
    for (const key of Object.keys(fromRaw)) {
      expect({ key, value: fromRollups[key] }).toEqual({ key, value: fromRaw[key] });
    }
    expect(await bareStatements('rollups')).toEqual(await bareStatements('raw'));
  };

  /** The rollups as the analysis left them equal a full rebuild from the assessments. */
  const expectRollupsCurrent = async () => {
    const db = database.dataSource;
    const rows = await db.query(ROLLUP_ROWS);
    const byDepartment = await db.query(DEPARTMENT_ROWS);
    const volume = await db.query(VOLUME_ROWS);
    const byClinician = await db.query(CLINICIAN_ROWS);
    const clinicianTotals = await db.query(CLINICIAN_TOTAL_ROWS);
    expect(clinicianTotals).toEqual(await db.query(SUMMED_CLINICIAN_ROWS));
    expect(rows.length).toBeGreaterThan(0);
    expect(byClinician.length).toBeGreaterThan(0);
    // kept by subtracting and adding months: no combination left without an opportunity
    expect(byClinician.filter((row: { opportunities: number }) => row.opportunities <= 0)).toEqual(
      [],
    );
    expect(byDepartment.length).toBeGreaterThan(0);
    await new RollupService(db).refreshAll();
    expect(await db.query(ROLLUP_ROWS)).toEqual(rows);
    expect(await db.query(DEPARTMENT_ROWS)).toEqual(byDepartment);
    expect(await db.query(VOLUME_ROWS)).toEqual(volume);
    expect(await db.query(CLINICIAN_ROWS)).toEqual(byClinician);
    expect(await db.query(CLINICIAN_TOTAL_ROWS)).toEqual(clinicianTotals);
  };

  const readDimensions = async () => {
    const db = database.dataSource;
    departments = (
      await db.query(
        `SELECT d.name FROM departments d JOIN orders o ON o.department_id = d.id
         GROUP BY d.name ORDER BY count(*) DESC, d.name`,
      )
    ).map((row: { name: string }) => row.name);
    providers = (
      await db.query(
        `SELECT provider_id FROM order_assessments WHERE provider_id IS NOT NULL
         GROUP BY 1 ORDER BY count(*) DESC, 1`,
      )
    ).map((row: { provider_id: string }) => row.provider_id);
    groups = (
      await db.query(
        `SELECT indication_group FROM order_assessments WHERE indication_group IS NOT NULL
         GROUP BY 1 ORDER BY count(*) DESC, 1`,
      )
    ).map((row: { indication_group: string }) => row.indication_group);
    months = (await db.query(`SELECT DISTINCT month FROM order_assessments ORDER BY 1`)).map(
      (row: { month: string }) => row.month,
    );
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    folder = await mkdtemp(path.join(os.tmpdir(), 'cg-rollups-'));
    await generateHospital({ patients: 500, months: 12, seed: 11, outDir: folder });
    firstLoadSteps = (
      (await new PipelineService(database.dataSource).importCsvFolder(folder)).steps ?? []
    ).map((step) => step.step);
    await readDimensions();
  });

  afterAll(async () => {
    await database?.drop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('gives every dashboard aggregate from the rollups exactly as from the raw tables', async () => {
    expect(departments.length).toBeGreaterThanOrEqual(3);
    expect(months.length).toBeGreaterThanOrEqual(12);
    // the first load built the monthly rollups' indexes after their inserts: all are back
    expect(firstLoadSteps).toContain('rollups.build_indexes');
    const indexes = await database.dataSource.query(
      `SELECT indexname, indexdef FROM pg_indexes
       WHERE tablename IN ('assessment_rollups', 'department_rollups', 'order_volume_rollups')
       ORDER BY 1`,
    );
    expect(indexes.map((row: { indexname: string }) => row.indexname)).toEqual([
      'ix_assessment_rollups_month',
      'ix_department_rollups_month',
      'ix_order_volume_rollups_month',
      'ux_assessment_rollups_key',
      'ux_department_rollups_key',
      'ux_order_volume_rollups_key',
    ]);
    for (const { indexdef } of indexes.filter((row: { indexname: string }) =>
      row.indexname.startsWith('ux_'),
    )) {
      expect(indexdef).toMatch(/^CREATE UNIQUE INDEX .* NULLS NOT DISTINCT$/);
    }
    await expectRollupsCurrent();
    await expectRollupsMatchRaw();
  });

  it('moves the rollups by the assessments a delta changed, a department move among them', async () => {
    const db = database.dataSource;
    const [{ newest }] = await db.query(`SELECT max(month) AS newest FROM order_assessments`);
    const [{ at }] = await db.query(
      `SELECT max(ordered_at) AS at FROM orders o JOIN order_assessments a ON a.order_pk = o.id
       WHERE a.month = $1`,
      [newest],
    );
    // patients with older history: a delta used to refresh every month of their orders
    const patients: { patient_id: string }[] = await db.query(
      `SELECT o.patient_id FROM orders o JOIN order_assessments a ON a.order_pk = o.id
       WHERE a.month < $1 GROUP BY 1 ORDER BY 1 LIMIT 5`,
      [newest],
    );
    expect(patients).toHaveLength(5);
    // an older order sent again with another department and nothing else changed: its
    // assessment moves department with it, and so do its month's rollups
    const lines = parse(await readFile(path.join(folder, 'orders.csv')), {
      columns: true,
    }) as Record<string, string>[];
    const once = lines.filter(
      (line) => lines.filter((other) => other.order_id === line.order_id).length === 1,
    );
    const [moved] = await db.query(
      `SELECT o.id, o.order_id, a.month, a.assessed_at::text AS assessed_at
       FROM orders o JOIN order_assessments a ON a.order_pk = o.id
       JOIN departments d ON d.id = o.department_id
       WHERE a.month < $1 AND o.order_id = ANY ($2::text[])
         AND NOT (o.patient_id = ANY ($3::text[]))
       ORDER BY a.month, o.order_id LIMIT 1`,
      [newest, once.map((line) => line.order_id), patients.map((row) => row.patient_id)],
    );
    const line = once.find((candidate) => candidate.order_id === moved.order_id)!;
    const department = departments.find((name) => name !== line.department)!;
    let recorded: readonly string[] = [];
    let changes: { sign: number; month: string; department: string | null }[] = [];
    const recorder: AfterAnalysisStep = {
      name: 'record',
      run: async (manager, analysed) => {
        recorded = analysed.months;
        expect(analysed.changesRecorded).toBe(true);
        changes = await manager.query(
          `SELECT c.sign, c.month, d.name AS department FROM assessment_changes c
           LEFT JOIN departments d ON d.id = c.department_id
           WHERE c.month = $1 ORDER BY c.sign`,
          [moved.month],
        );
      },
    };
    const delta = await writeCsvFolder({
      orders: [
        ...patients.map((row, index) =>
          makeOrder({
            order_id: `ROLLUP-DELTA-${index}`,
            patient_id: row.patient_id,
            ordered_at: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
            provider_id: providers[0],
            department: departments[0],
            // no indication: not an opportunity, so no clinician pattern (nor case) changes
            indication_code: '',
            indication_text: '',
          }),
        ),
        { ...line, department },
      ],
    });
    try {
      await new PipelineService(db, { afterAnalysis: [ROLLUPS_STEP, recorder] }).importCsvFolder(
        delta,
      );
    } finally {
      await rm(delta, { recursive: true, force: true });
    }
    expect([...recorded]).toEqual([moved.month, newest].sort());
    const [after] = await db.query(
      `SELECT d.name, a.assessed_at::text AS assessed_at
       FROM orders o JOIN departments d ON d.id = o.department_id
       JOIN order_assessments a ON a.order_pk = o.id WHERE o.id = $1`,
      [moved.id],
    );
    expect(after.name).toBe(department);
    expect(after.assessed_at).not.toBe(moved.assessed_at);
    // the moved order is the one change of its month: out of its old department, into the new
    expect(changes).toEqual([
      { sign: -1, month: moved.month, department: line.department },
      { sign: 1, month: moved.month, department },
    ]);
    await expectRollupsCurrent();
    await expectRollupsMatchRaw();
  });

  it('refreshes only the touched months on a second load, and they stay identical', async () => {
    // another hospital under the same ids, two months later: re-sent orders move to other
    // months and departments, patients change, new months appear
    const second = await mkdtemp(path.join(os.tmpdir(), 'cg-rollups-second-'));
    try {
      await generateHospital({
        patients: 150,
        months: 6,
        seed: 12,
        endDate: '2026-12-31',
        outDir: second,
      });
      await new PipelineService(database.dataSource).importCsvFolder(second);
    } finally {
      await rm(second, { recursive: true, force: true });
    }
    await readDimensions();
    await expectRollupsCurrent();
    await expectRollupsMatchRaw();
  });

  it('rebuilds every month after a settings change rescored everything', async () => {
    const db = database.dataSource;
    await new SettingsService(db).set('outcome.not_performed_days', '5', 'rollups spec');
    const summary = await new PipelineService(db).analyse('stale');
    expect(summary.steps?.map((step) => step.step)).toContain('rollups');
    await expectRollupsCurrent();
    await expectRollupsMatchRaw();
  });

  describe('department scope of the trend, the department funnel and the volume', () => {
    let app: INestApplication;
    let token: string;
    const graphql = async (query: string, variables: Record<string, unknown> = {}) =>
      (
        await request(app.getHttpServer())
          .post('/graphql')
          .set(authHeader(token))
          .send({ query, variables })
      ).body as {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        data?: Record<string, any>;
        errors?: { message: string; extensions: { code: string } }[];
      };

    beforeAll(async () => {
      app = await NestFactory.create(
        AppModule.forRoot({ dataSource: database.dataSource, authSettings: loadAuthSettings({}) }),
        { logger: false },
      );
      await app.init();
      token = (
        await createUserWithToken(database.dataSource, {
          role: 'QUALITY_MANAGER',
          departments: [departments[1]],
        })
      ).token;
    });

    afterAll(async () => {
      await app?.close();
    });

    /** Raw counts of one department, straight from the tables. */
    const departmentOrders = async (name: string) =>
      database.dataSource.query(
        `SELECT a.month, count(*)::int AS orders,
           count(*) FILTER (WHERE a.is_opportunity AND a.outcome <> 'PENDING'
                              AND a.exclusion IS NULL)::int AS opportunities
         FROM order_assessments a JOIN orders o ON o.id = a.order_pk
         JOIN departments d ON d.id = o.department_id
         WHERE d.name = $1 GROUP BY a.month ORDER BY a.month`,
        [name],
      ) as Promise<{ month: string; orders: number; opportunities: number }[]>;

    it('gives a scoped manager the p-chart of their departments only', async () => {
      const own = await departmentOrders(departments[1]);
      const { data, errors } = await graphql(`
        {
          monthlyConflictTrend {
            department
            departments
            months {
              month
              opportunities
            }
          }
        }
      `);
      expect(errors).toBeUndefined();
      expect(data!.monthlyConflictTrend.departments).toEqual([departments[1]]);
      const shown = new Map<string, number>(
        data!.monthlyConflictTrend.months.map((row: { month: string; opportunities: number }) => [
          row.month,
          row.opportunities,
        ]),
      );
      for (const row of own) expect(shown.get(row.month) ?? 0).toBe(row.opportunities);
      const total = [...shown.values()].reduce((sum, value) => sum + value, 0);
      expect(total).toBe(own.reduce((sum, row) => sum + row.opportunities, 0));

      const other = await graphql(
        `
          query ($input: MonthlyConflictTrendInput) {
            monthlyConflictTrend(input: $input) {
              department
            }
          }
        `,
        { input: { department: departments[0] } },
      );
      expect(other.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('puts only their departments on the department funnel', async () => {
      const own = await departmentOrders(departments[1]);
      const { data, errors } = await graphql(`
        {
          departmentVariation {
            firstMonth
            lastMonth
            departments {
              department
              opportunities
            }
          }
        }
      `);
      expect(errors).toBeUndefined();
      expect(data!.departmentVariation.departments).toEqual([
        {
          department: departments[1],
          opportunities: own.reduce((sum, row) => sum + row.opportunities, 0),
        },
      ]);
      expect(data!.departmentVariation.firstMonth).toBe(own[0].month);
      expect(data!.departmentVariation.lastMonth).toBe(own[own.length - 1].month);
    });

    it('counts only their departments in the monthly order volume', async () => {
      const own = await departmentOrders(departments[1]);
      const { data, errors } = await graphql(`
        {
          monthlyOrderVolume {
            month
            outcome
            orders
          }
        }
      `);
      expect(errors).toBeUndefined();
      const perMonth = new Map<string, number>();
      for (const row of data!.monthlyOrderVolume as { month: string; orders: number }[]) {
        perMonth.set(row.month, (perMonth.get(row.month) ?? 0) + row.orders);
      }
      expect(Object.fromEntries(perMonth)).toEqual(
        Object.fromEntries(own.map((row) => [row.month, row.orders])),
      );
    });
  });
});
