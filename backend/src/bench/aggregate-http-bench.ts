/**
 * p50/p95 of overview and practiceVariation(by: CLINICIAN) through GraphQL (autocannon: 10
 * connections, 20 s, signed in with a bearer token) beside their bare SQL run by 10 concurrent
 * connections for the same time, in the same run, against the app at --url and the database
 * in DATABASE_URL:
 *   node backend/dist/backend/src/bench/aggregate-http-bench.js --url http://127.0.0.1:3947 [--seconds 20]
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/database.js';
import type { Principal } from '../modules/auth/principal.js';
import { generateSecretToken, hashSecretToken } from '../modules/auth/secret-token.js';
import { AggregateService } from '../modules/analytics/aggregate.service.js';
import {
  addMonths,
  buildFilterConditions,
  SqlParameters,
} from '../modules/analytics/analysis-filter.js';
import {
  caseCounts,
  LATEST_MONTH,
  overviewCounts,
  variationCounts,
} from '../modules/analytics/aggregate.sql.js';

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const url = argument('--url', 'http://127.0.0.1:3000');
const seconds = Number(argument('--seconds', '20'));
const CONNECTIONS = 10;
const ROLE: Principal['role'] = 'COMMITTEE';

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (label: string, samples: number[], extra = '') => {
  const sorted = [...samples].sort((left, right) => left - right);
  return `${label.padEnd(46)} p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms  n=${sorted.length}${extra}`;
};

const database = await openDatabase(loadConfig(), { log: () => undefined });
const db = database.dataSource;
try {
  const email = 'bench-committee@bench.local';
  const [user]: { id: string }[] = await db.query(
    `INSERT INTO users (email, role, departments) VALUES ($1, $2, NULL)
     ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role RETURNING id`,
    [email, ROLE],
  );
  const token = generateSecretToken('cg_');
  await db.query(`INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3)`, [
    user.id,
    `bench-${Date.now()}`,
    hashSecretToken(token),
  ]);
  const principal: Principal = {
    kind: 'token',
    userId: user.id,
    tokenId: null,
    email,
    role: ROLE,
    departments: null,
    sessionId: null,
  };

  // the statements the service runs for each query, with the same parameters
  const caller = await new AggregateService(db).callerOf(principal);
  const [{ month }] = await db.query(LATEST_MONTH);
  const overviewParameters = new SqlParameters();
  overviewParameters.add(addMonths(month, -1));
  overviewParameters.add(month);
  overviewParameters.add(month);
  const variationParameters = new SqlParameters();
  const built = await buildFilterConditions(db, variationParameters, {}, caller);
  const bare: Record<string, () => Promise<unknown>> = {
    overview: () =>
      Promise.all([
        db.query(LATEST_MONTH),
        db.query(overviewCounts([], false), overviewParameters.values),
        db.query(caseCounts([], false), overviewParameters.values),
      ]),
    'practiceVariation(by: CLINICIAN)': () =>
      db.query(
        variationCounts('clinician', built.conditions, built.needsOrders),
        variationParameters.values,
      ),
  };
  const queries: Record<string, string> = {
    overview: `{ overview { current { opportunities awaySwitches conflicts openCases reviewedCases
      excessAwaySwitches { excess } siteOddsRatio { oddsRatio lower95 upper95 } }
      previous { opportunities awaySwitches conflicts } } }`,
    'practiceVariation(by: CLINICIAN)': `{ practiceVariation(by: CLINICIAN) { compared targetRate
      rows { key label opportunities conflicts rate position qValue outsideAfterMultiplicity
        limits { upper95 upper998 } doseHistoryOddsRatio { oddsRatio } excessAwaySwitches { excess } }
      funnelCurve { opportunities upper95 upper998 } } }`,
  };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

  console.log(
    `${ROLE} at ${url}; ${CONNECTIONS} connections, ${seconds} s each; latest month ${month}`,
  );
  for (const [label, query] of Object.entries(queries)) {
    const body = JSON.stringify({ query });
    const check = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
    const checked = (await check.json()) as { errors?: { message: string }[] };
    if (checked.errors) throw new Error(`${label}: ${checked.errors[0].message}`);

    const httpSamples: number[] = [];
    const instance = autocannon({
      url: `${url}/graphql`,
      connections: CONNECTIONS,
      duration: seconds,
      method: 'POST',
      headers,
      body,
    });
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      httpSamples.push(responseTime),
    );
    const result = await instance;
    console.log(
      summary(
        `${label} via GraphQL (autocannon)`,
        httpSamples,
        `  autocannon p50 ${result.latency.p50} ms p97.5 ${result.latency.p97_5} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
      ),
    );

    const sqlSamples: number[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          const started = performance.now();
          await bare[label]();
          sqlSamples.push(performance.now() - started);
        }
      }),
    );
    console.log(summary(`${label} bare SQL`, sqlSamples));
  }
} finally {
  await database.close();
}
