/**
 * The dashboard queries on a loaded database, part of `npm run bench -- --orders N`: each query
 * through GraphQL (the real app in this process, on a local port, signed in with a bearer
 * token, one request at a time) against its bare SQL on the monthly rollups (the statements
 * the service runs, with the same parameters, concurrently as the service runs them) and
 * against the same aggregate over the raw tables (order_assessments and orders). p50/p95 over
 * repeated runs after a warm-up; measured, never asserted.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { loadAuthSettings } from '../config/auth-config.js';
import { createDataSource } from '../database/data-source.js';
import type { AggregateSource } from '../modules/analytics/aggregate-source.js';
import {
  caseCounts,
  latestMonth,
  overviewCounts,
  sensitivityCounts,
  variationCounts,
  variationStrata,
  variationTotals,
  type VariationUnitColumn,
} from '../modules/analytics/aggregate.sql.js';
import { AggregateService } from '../modules/analytics/aggregate.service.js';
import type { Principal } from '../modules/auth/principal.js';
import { addMonths } from '../modules/analytics/analysis-filter.js';
import {
  departmentCounts,
  departmentStratumCounts,
  monthlyConflictCounts,
  monthlyStratumCounts,
  monthRange,
} from '../modules/analytics/committee.sql.js';
import { monthlyOrderVolume } from '../modules/analytics/order-volume.sql.js';
import { RollupService } from '../modules/analytics/rollup.service.js';
import { generateSecretToken, hashSecretToken } from '../modules/auth/secret-token.js';

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly runs: number;
}

export interface DashboardQueryMeasure {
  readonly query: string;
  readonly graphql: Percentiles;
  readonly sqlOnRollups: Percentiles;
  readonly sqlOnRawTables: Percentiles;
  /** GraphQL p95 / bare SQL on the rollups p95 (target: at most 1.5). */
  readonly graphqlToSqlP95: number;
  /** Raw tables p95 / GraphQL p95: how much the rollups save end to end. */
  readonly rawToGraphqlP95: number;
}

export interface DashboardBench {
  readonly role: string;
  readonly latestMonth: string | null;
  readonly rollupRows: { assessment: number; department: number; volume: number };
  readonly assessedOrders: number;
  /** A full rebuild of the rollups, and the refresh of the latest month alone. */
  readonly refreshSeconds: { all: number; latestMonth: number };
  readonly queries: DashboardQueryMeasure[];
}

type Statement = readonly [sql: string, parameters: readonly unknown[]];

const ROLE = 'COMMITTEE';

/** The clinician funnel as the dashboard reads it: the first page by evidence. */
const PAGE_SIZE = 50;
const CLINICIAN_PAGE = `practiceVariation(CLINICIAN, EVIDENCE, first ${PAGE_SIZE})`;
/**
 * The same page as the first request after the clinician rollups moved (a load, an analysis):
 * the server keeps every clinician's totals, p-values and order until then (VariationCache),
 * so this is the page's cost with nothing kept. The generation is moved before each run,
 * outside its time.
 */
const CLINICIAN_PAGE_MOVED = `${CLINICIAN_PAGE} after the rollups moved`;
/** Every clinician (the whole answer, "Show all"), kept the same way: with nothing kept. */
const CLINICIANS = 'practiceVariation(CLINICIAN)';
const CLINICIANS_MOVED = `${CLINICIANS} after the rollups moved`;
/**
 * The funnel of every clinician compactly (practiceVariationDensity: shaded cells and the
 * clinicians outside a limit), as the dashboard asks for it beside the first page: binned from
 * the comparison the page derives from every clinician's kept totals and kept with it, so with
 * nothing kept too.
 */
const DENSITY = 'practiceVariationDensity(CLINICIAN)';
const DENSITY_MOVED = `${DENSITY} after the rollups moved`;
/** Measured with the generation moved before each run (outside its time). */
const MOVED = new Set([CLINICIAN_PAGE_MOVED, CLINICIANS_MOVED, DENSITY_MOVED]);

const BENCH_PRINCIPAL: Principal = {
  kind: 'user',
  userId: null,
  tokenId: null,
  email: 'bench-dashboards@bench.local',
  role: ROLE,
  departments: null,
  sessionId: null,
};

const percentiles = (samples: number[]): Percentiles => {
  const sorted = [...samples].sort((left, right) => left - right);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { p50: round(at(0.5)), p95: round(at(0.95)), runs: sorted.length };
};

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function sample(
  runs: number,
  work: () => Promise<unknown>,
  /** Before each run, outside its time. */
  prepare: () => Promise<unknown> = async () => undefined,
): Promise<Percentiles> {
  for (let warm = 0; warm < Math.min(3, runs); warm += 1) {
    await prepare();
    await work();
  }
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await prepare();
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

/** The statements each dashboard query runs (site-wide caller, no filter), per source. */
function statementsOf(
  source: AggregateSource,
  month: string,
  /** The provider ids of the clinician funnel's first page by evidence. */
  pageClinicians: readonly string[],
): Record<string, readonly (readonly Statement[])[]> {
  const period = [addMonths(month, -1), month, month];
  const variation = (unit: VariationUnitColumn): Statement[][] => [
    // no filter: by clinician the service reads clinician_rollups (all months)
    [[variationCounts(unit, [], unit === 'department', source, true), []]],
  ];
  const clinicianPage: Statement[][] = [
    [[variationTotals('clinician', [], false, source, true), []]],
    [[variationStrata('clinician', [], false, source, true, '$1'), [pageClinicians]]],
  ];
  // groups run one after the other; the statements of a group concurrently (as the services)
  return {
    overview: [
      [[latestMonth(source), []]],
      [
        [overviewCounts([], false, source), period],
        [caseCounts([], false, source), period],
      ],
    ],
    'practiceVariation(DEPARTMENT)': variation('department'),
    [CLINICIANS]: variation('clinician'),
    [CLINICIANS_MOVED]: variation('clinician'),
    'practiceVariation(INDICATION_GROUP)': variation('indication_group'),
    // a page: every clinician's totals, then the strata of the page's clinicians
    [CLINICIAN_PAGE]: clinicianPage,
    [CLINICIAN_PAGE_MOVED]: clinicianPage,
    // every clinician's totals: the density is binned from the page's comparison (the
    // committee's points are pseudonyms, so no names are read)
    [DENSITY]: [clinicianPage[0]],
    [DENSITY_MOVED]: [clinicianPage[0]],
    doseHistorySensitivity: [[[sensitivityCounts([], false, source), []]]],
    monthlyConflictTrend: [
      [
        [monthlyConflictCounts(source), [null]],
        [monthlyStratumCounts(source), [null]],
      ],
    ],
    departmentVariation: [
      [
        [monthRange(source), [null, null]],
        [departmentCounts(source), [null, null]],
        [departmentStratumCounts(source), [null, null]],
      ],
    ],
    monthlyOrderVolume: [[[monthlyOrderVolume(source), [null, null]]]],
  };
}

const GRAPHQL: Record<string, string> = {
  overview: `{ overview { current { opportunities awaySwitches conflicts documented probable possible
    openCases reviewedCases excessAwaySwitches { excess } siteOddsRatio { oddsRatio lower95 upper95 } }
    previous { opportunities awaySwitches conflicts } } }`,
  'practiceVariation(DEPARTMENT)': practiceVariation('DEPARTMENT'),
  [CLINICIANS]: practiceVariation('CLINICIAN'),
  [CLINICIANS_MOVED]: practiceVariation('CLINICIAN'),
  'practiceVariation(INDICATION_GROUP)': practiceVariation('INDICATION_GROUP'),
  [CLINICIAN_PAGE]: practiceVariation('CLINICIAN', `orderBy: EVIDENCE, first: ${PAGE_SIZE}`),
  [CLINICIAN_PAGE_MOVED]: practiceVariation('CLINICIAN', `orderBy: EVIDENCE, first: ${PAGE_SIZE}`),
  [DENSITY]: practiceVariationDensity('CLINICIAN'),
  [DENSITY_MOVED]: practiceVariationDensity('CLINICIAN'),
  doseHistorySensitivity: `{ doseHistorySensitivity { pooled { oddsRatio lower95 upper95 }
    groups { indicationGroup flat oddsRatio { oddsRatio lower95 upper95 } } } }`,
  monthlyConflictTrend: `{ monthlyConflictTrend { department departments centre baselineMonths
    months { month opportunities conflicts awaySwitches conflictRate centre upperControlLimit
      lowerControlLimit specialCauseRules doseHistoryOddsRatio { oddsRatio lower95 upper95 } } } }`,
  departmentVariation: `{ departmentVariation { measure firstMonth lastMonth targetRate
    departments { department opportunities conflicts rate position limits { upper95 upper998 } }
    funnelCurve { opportunities lower95 upper95 lower998 upper998 } } }`,
  monthlyOrderVolume: `{ monthlyOrderVolume { month outcome orders } }`,
};

function practiceVariation(by: string, paging = ''): string {
  // the paged form also asks for what it adds (counts over every clinician, the next cursor)
  return `{ practiceVariation(by: ${by}${paging ? `, ${paging}` : ''}) { compared targetRate
    ${paging ? 'outside outsideAfterMultiplicity pageInfo { hasNextPage endCursor }' : ''}
    rows { key label opportunities conflicts rate position qValue outsideAfterMultiplicity
      limits { upper95 upper998 } doseHistoryOddsRatio { oddsRatio } excessAwaySwitches { excess } }
    funnelCurve { opportunities upper95 upper998 } } }`;
}

/** The dashboard's own selection (PracticeVariationDensity in the front end). */
function practiceVariationDensity(by: string): string {
  return `{ practiceVariationDensity(by: ${by}) { by measure targetRate compared
    grid { volumeScale volumeEdges rateEdges } cells { volumeBin rateBin units }
    outsidePoints { keys labels opportunities rates tones positions outsideAfterMultiplicity } } }`;
}

async function signIn(db: DataSource): Promise<string> {
  const email = 'bench-dashboards@bench.local';
  const [user]: { id: string }[] = await db.query(
    `INSERT INTO users (email, role, departments) VALUES ($1, $2, NULL)
     ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role, departments = NULL RETURNING id`,
    [email, ROLE],
  );
  const token = generateSecretToken('cg_');
  await db.query(`INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3)`, [
    user.id,
    `bench-${Date.now()}`,
    hashSecretToken(token),
  ]);
  return token;
}

/** Measures every dashboard query on the database at `url` (migrated, loaded, analysed). */
export async function benchDashboards(options: {
  readonly url: string;
  readonly runs: number;
  readonly log?: (text: string) => void;
}): Promise<DashboardBench> {
  const log = options.log ?? (() => undefined);
  const db = createDataSource({ url: options.url, timeZone: 'UTC' });
  await db.initialize();
  let app: NestExpressApplication | undefined;
  try {
    let started = performance.now();
    await new RollupService(db).refreshAll();
    const all = (performance.now() - started) / 1000;
    const [{ month }]: { month: string | null }[] = await db.query(latestMonth('rollups'));
    started = performance.now();
    if (month) await new RollupService(db).refreshMonths([month]);
    const latest = (performance.now() - started) / 1000;
    // the rebuild leaves every old rollup row dead (DELETE, then INSERT): vacuumed, as
    // autovacuum does some time after a load, so the dashboards are measured on live rows
    // (clinician_rollups held four dead rows to each live one at 1M orders)
    await db.query(
      'VACUUM ANALYZE assessment_rollups, department_rollups, order_volume_rollups, clinician_rollups, clinician_totals',
    );
    const [counts]: { assessment: number; department: number; volume: number; orders: number }[] =
      await db.query(
        `SELECT (SELECT count(*)::int FROM assessment_rollups) AS assessment,
              (SELECT count(*)::int FROM department_rollups) AS department,
              (SELECT count(*)::int FROM order_volume_rollups) AS volume,
              (SELECT count(*)::int FROM order_assessments) AS orders`,
      );
    log(
      `rollups: ${counts.assessment} by clinician, ${counts.department} by department, ` +
        `${counts.volume} volume rows for ${counts.orders} assessed orders; ` +
        `full rebuild ${all.toFixed(2)} s, latest month ${latest.toFixed(2)} s`,
    );
    if (!month) throw new Error('The database has no assessed orders to measure.');

    const token = await signIn(db);
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ dataSource: db, authSettings: loadAuthSettings({}) }),
      { logger: ['error'] },
    );
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const endpoint = `http://127.0.0.1:${port}/graphql`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const post = async (query: string) => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors?: { message: string }[] };
      if (body.errors) throw new Error(body.errors[0].message);
    };
    const run = (groups: readonly (readonly Statement[])[]) => async () => {
      for (const group of groups) {
        await Promise.all(group.map(([sql, parameters]) => db.query(sql, [...parameters])));
      }
    };
    // the first page's clinicians (by provider id: an ADMIN sees no pseudonyms)
    const firstPage = await new AggregateService(db).practiceVariation(
      { ...BENCH_PRINCIPAL, role: 'ADMIN' },
      'CLINICIAN',
      'CONFLICT_RATE',
      {},
      undefined,
      { orderBy: 'EVIDENCE', first: PAGE_SIZE },
    );
    const pageClinicians = firstPage.rows.map((row) => row.key);
    const onRollups = statementsOf('rollups', month, pageClinicians);
    const onRaw = statementsOf('raw', month, pageClinicians);
    const queries: DashboardQueryMeasure[] = [];
    for (const [query, document] of Object.entries(GRAPHQL)) {
      const graphql = await sample(
        options.runs,
        () => post(document),
        MOVED.has(query)
          ? () => db.query('UPDATE dashboard_generation SET generation = generation + 1')
          : undefined,
      );
      const sqlOnRollups = await sample(options.runs, run(onRollups[query]));
      const sqlOnRawTables = await sample(
        Math.max(5, Math.ceil(options.runs / 3)),
        run(onRaw[query]),
      );
      const measure: DashboardQueryMeasure = {
        query,
        graphql,
        sqlOnRollups,
        sqlOnRawTables,
        graphqlToSqlP95: round(graphql.p95 / Math.max(sqlOnRollups.p95, 0.01)),
        rawToGraphqlP95: round(sqlOnRawTables.p95 / Math.max(graphql.p95, 0.01)),
      };
      queries.push(measure);
      log(
        `${query.padEnd(36)} GraphQL p50 ${graphql.p50} p95 ${graphql.p95} ms; rollup SQL p50 ` +
          `${sqlOnRollups.p50} p95 ${sqlOnRollups.p95} ms; raw SQL p50 ${sqlOnRawTables.p50} p95 ` +
          `${sqlOnRawTables.p95} ms`,
      );
    }
    return {
      role: ROLE,
      latestMonth: month,
      rollupRows: {
        assessment: counts.assessment,
        department: counts.department,
        volume: counts.volume,
      },
      assessedOrders: counts.orders,
      refreshSeconds: { all: round(all, 3), latestMonth: round(latest, 3) },
      queries,
    };
  } finally {
    await app?.close().catch(() => undefined);
    if (db.isInitialized) await db.destroy();
  }
}

/** The Markdown table of a dashboard bench. */
export function dashboardMarkdown(bench: DashboardBench): string[] {
  const cell = (value: Percentiles) => `${value.p50} / ${value.p95}`;
  return [
    `Dashboard queries (${bench.role}, site-wide, no filter; latest month ${bench.latestMonth}): ` +
      `p50 / p95 in ms. Rollups: ${bench.rollupRows.assessment} rows by clinician, ` +
      `${bench.rollupRows.department} by department and ${bench.rollupRows.volume} volume rows ` +
      `for ${bench.assessedOrders} assessed orders; full ` +
      `rebuild ${bench.refreshSeconds.all} s, one month ${bench.refreshSeconds.latestMonth} s.`,
    '',
    '| query | GraphQL | bare SQL on rollups | same aggregate on raw tables | GraphQL ÷ SQL (p95) | raw ÷ GraphQL (p95) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...bench.queries.map(
      (query) =>
        `| ${query.query} | ${cell(query.graphql)} | ${cell(query.sqlOnRollups)} | ` +
        `${cell(query.sqlOnRawTables)} | ${query.graphqlToSqlP95} | ${query.rawToGraphqlP95} |`,
    ),
    '',
  ];
}
