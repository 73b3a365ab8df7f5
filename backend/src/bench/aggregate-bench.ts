/**
 * p50/p95 of the aggregates through the service (SQL + statistics) and of their bare SQL, on
 * the database in DATABASE_URL: node backend/dist/backend/src/bench/aggregate-bench.js
 * [--runs N] [--explain]. GraphQL timings come from the HTTP benchmark (autocannon) beside it.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/database.js';
import type { Principal } from '../modules/auth/principal.js';
import { AggregateService } from '../modules/analytics/aggregate.service.js';
import { buildFilterConditions, SqlParameters } from '../modules/analytics/analysis-filter.js';
import {
  overviewCounts,
  variationCounts,
  LATEST_MONTH,
} from '../modules/analytics/aggregate.sql.js';
import { addMonths } from '../modules/analytics/analysis-filter.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 50;
const explain = process.argv.includes('--explain');

const admin: Principal = {
  kind: 'cli',
  userId: null,
  tokenId: null,
  email: 'bench',
  role: 'ADMIN',
  departments: null,
  sessionId: null,
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function time(label: string, work: () => Promise<unknown>): Promise<void> {
  await work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((left, right) => left - right);
  console.log(
    `${label.padEnd(44)} p50 ${percentile(samples, 50).toFixed(1)} ms  p95 ${percentile(samples, 95).toFixed(1)} ms  (${runs} runs)`,
  );
}

const database = await openDatabase(loadConfig(), { log: () => undefined });
const db = database.dataSource;
try {
  const service = new AggregateService(db);
  const caller = await service.callerOf(admin);
  const [{ month }] = await db.query(LATEST_MONTH);
  const overviewParameters = new SqlParameters();
  overviewParameters.add(addMonths(month, -1));
  overviewParameters.add(month);
  overviewParameters.add(month);
  const overviewSql = overviewCounts([], false);
  const clinicianParameters = new SqlParameters();
  const built = await buildFilterConditions(db, clinicianParameters, {}, caller);
  const clinicianSql = variationCounts('clinician', built.conditions, built.needsOrders);
  if (explain) {
    for (const [label, sql, values] of [
      ['overview', overviewSql, overviewParameters.values],
      ['practiceVariation(CLINICIAN)', clinicianSql, clinicianParameters.values],
    ] as const) {
      const plan: { 'QUERY PLAN': string }[] = await db.query(
        `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
        values as unknown[],
      );
      console.log(`-- ${label}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}\n`);
    }
  }
  await time('overview: bare SQL', () => db.query(overviewSql, overviewParameters.values));
  await time('overview: service', () => service.overview(admin));
  await time('practiceVariation(CLINICIAN): bare SQL', () =>
    db.query(clinicianSql, clinicianParameters.values),
  );
  await time('practiceVariation(CLINICIAN): service', () =>
    service.practiceVariation(admin, 'CLINICIAN'),
  );
} finally {
  await database.close();
}
