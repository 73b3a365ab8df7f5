/**
 * p50/p95 of cases(first: 50) (site-wide, and for a manager of the largest department) and
 * case(id) through GraphQL (autocannon: 10 connections, 20 s, signed in with a bearer token)
 * beside the bare SQL of the same statements run by 10 concurrent connections for the same
 * time, in the same run, against the app at --url and the database in DATABASE_URL:
 *   node backend/dist/backend/src/bench/cases-http-bench.js --url http://127.0.0.1:3105 [--seconds 20]
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/database.js';
import type { Role } from '../modules/auth/principal.js';
import { generateSecretToken, hashSecretToken } from '../modules/auth/secret-token.js';
import { CasesRepository, type CaseQuery } from '../modules/cases/cases.repository.js';
import { decodeCaseId } from '../modules/cases/domain/case-id.js';

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const url = argument('--url', 'http://127.0.0.1:3000');
const seconds = Number(argument('--seconds', '20'));
const CONNECTIONS = 10;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (label: string, samples: number[], extra = '') => {
  const sorted = [...samples].sort((left, right) => left - right);
  return `${label.padEnd(58)} p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms  n=${sorted.length}${extra}`;
};

const SUMMARY = `id orderId orderedAt month department clinician { key label } indicationGroup
  setting population requestedModality outcomeModality outcome level score band ced5yMsv signals
  exclusion reviewStatus latestDisposition assignee`;
const LIST = `{ cases(first: 50) { totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { ${SUMMARY} } } } }`;
const DETAIL = `query ($id: ID!) { case(id: $id) { summary { ${SUMMARY} } indicationCode
  indicationText comment doseAlertShown ced12mMsv cedAllMsv priorCts12m
  signals { code summary explanation } exclusionsConsidered { code applied detail }
  clinicianPattern { sentence oddsRatio lower95 upper95 compared qValue }
  changes { changedAt action newModality reason } patient { patientId birthDate sex ageAtOrder }
  timeline { orderedAt changedAt highThresholdMsv moderateThresholdMsv ced5yAtOrderMsv
    cumulativeAtOrderMsv exams { accession performedAt modality bodyRegion effectiveDoseMsv
      doseSource cumulativeMsv ced5yMsv isCaseOrder } }
  reviews { id disposition note reviewer reviewedAt }
  versions { settingsVersion referenceVersion lexiconVersion } } }`;

const database = await openDatabase(loadConfig(), { log: () => undefined });
const db = database.dataSource;
try {
  const tokenFor = async (email: string, role: Role, departments: string[] | null) => {
    const [user]: { id: string }[] = await db.query(
      `INSERT INTO users (email, role, departments) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role, departments = EXCLUDED.departments
       RETURNING id`,
      [email, role, departments],
    );
    const token = generateSecretToken('cg_');
    await db.query(`INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3)`, [
      user.id,
      `bench-${Date.now()}`,
      hashSecretToken(token),
    ]);
    return token;
  };
  const [{ name: department, id: departmentId }]: { name: string; id: number }[] = await db.query(
    `SELECT d.name, d.id FROM orders o JOIN departments d ON d.id = o.department_id
     GROUP BY d.name, d.id ORDER BY count(*) DESC LIMIT 1`,
  );
  const admin = await tokenFor('bench-admin@bench.local', 'ADMIN', null);
  const manager = await tokenFor('bench-manager@bench.local', 'QUALITY_MANAGER', [department]);

  const repository = new CasesRepository(db);
  const unfiltered: CaseQuery = {
    scopeIds: null,
    from: null,
    to: null,
    departmentIds: null,
    providerIds: null,
    indicationGroups: null,
    settings: null,
    populations: null,
    levels: null,
    reviewStatuses: null,
    signals: null,
    exclusions: null,
    assignee: null,
  };
  const scoped: CaseQuery = { ...unfiltered, scopeIds: [departmentId] };
  const order = { field: 'SCORE', direction: 'DESC' } as const;
  const firstPage = await repository.page(unfiltered, order, null, 50);
  const caseIds = firstPage.map((row) => row.order_pk);

  const post = async (token: string, query: string, variables = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data: { cases?: { edges: { node: { id: string } }[] } };
      errors?: { message: string }[];
    };
    if (body.errors) throw new Error(body.errors[0].message);
    return body.data;
  };
  const listed = await post(admin, LIST);
  const opaqueIds = listed.cases!.edges.map((edge) => edge.node.id);
  if (decodeCaseId(opaqueIds[0]) !== caseIds[0]) throw new Error('GraphQL and SQL disagree.');

  const runs: {
    label: string;
    token: string;
    bodies: string[];
    bare: (turn: number) => Promise<unknown>;
  }[] = [
    {
      label: 'cases(first: 50) + totalCount, site-wide',
      token: admin,
      bodies: [JSON.stringify({ query: LIST })],
      bare: () =>
        Promise.all([repository.page(unfiltered, order, null, 51), repository.count(unfiltered)]),
    },
    {
      label: `cases(first: 50) + totalCount, manager of ${department}`,
      token: manager,
      bodies: [JSON.stringify({ query: LIST })],
      bare: () => Promise.all([repository.page(scoped, order, null, 51), repository.count(scoped)]),
    },
    {
      label: 'case(id), 50 cases in turn',
      token: admin,
      bodies: opaqueIds.map((id) => JSON.stringify({ query: DETAIL, variables: { id } })),
      bare: (turn) => repository.detail(caseIds[turn % caseIds.length], null),
    },
  ];

  console.log(`at ${url}; ${CONNECTIONS} connections, ${seconds} s each`);
  for (const run of runs) {
    const httpSamples: number[] = [];
    let turn = 0;
    const options = {
      url: `${url}/graphql`,
      connections: CONNECTIONS,
      duration: seconds,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${run.token}` },
      body: run.bodies[0],
      // one body after another (autocannon's requests; not in the typed slice of its options)
      requests: [
        {
          setupRequest: (request: Record<string, unknown>) => ({
            ...request,
            body: run.bodies[turn++ % run.bodies.length],
          }),
        },
      ],
    };
    const instance = autocannon(options as Parameters<typeof autocannon>[0]);
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      httpSamples.push(responseTime),
    );
    const result = await instance;
    console.log(
      summary(
        `${run.label} via GraphQL`,
        httpSamples,
        `  non-2xx ${result.non2xx}, errors ${result.errors}`,
      ),
    );
    const sqlSamples: number[] = [];
    const until = performance.now() + seconds * 1000;
    let sqlTurn = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          const started = performance.now();
          await run.bare(sqlTurn++);
          sqlSamples.push(performance.now() - started);
        }
      }),
    );
    console.log(summary(`${run.label} bare SQL`, sqlSamples));
  }
} finally {
  await database.close();
}
