import 'reflect-metadata';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import request from 'supertest';
import { AppModule } from '../../backend/src/app.module.js';
import { loadAuthSettings } from '../../backend/src/config/auth-config.js';
import type { Role } from '../../backend/src/modules/auth/principal.js';
import { encodeCaseId } from '../../backend/src/modules/cases/domain/case-id.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { authHeader, createUserWithToken } from '../utils/auth.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/** Every kind of caller: each role site-wide, a manager of one department, and nobody. */
const CALLERS = [
  'ANONYMOUS',
  'ADMIN',
  'QUALITY_MANAGER',
  'DEPARTMENT_MANAGER',
  'COMMITTEE',
  'AUDITOR',
] as const;
type Caller = (typeof CALLERS)[number];

const SIGNED_IN: readonly Caller[] = CALLERS.filter((caller) => caller !== 'ANONYMOUS');
const CASE_READERS: readonly Caller[] = [
  'ADMIN',
  'QUALITY_MANAGER',
  'DEPARTMENT_MANAGER',
  'COMMITTEE',
  'AUDITOR',
];
const CASE_REVIEWERS: readonly Caller[] = ['ADMIN', 'QUALITY_MANAGER', 'DEPARTMENT_MANAGER'];
const ADMIN_AND_AUDITOR: readonly Caller[] = ['ADMIN', 'AUDITOR'];
const ADMIN: readonly Caller[] = ['ADMIN'];

/** A password that meets the policy, for the account signIn uses. */
const PASSWORD = 'correct horse battery staple';

interface Fixture {
  /** A case in the department manager's department. */
  readonly caseId: string;
  /** The department manager's email (a valid assignee of that case). */
  readonly assignee: string;
  /** The current appropriateness table as a GraphQL input literal (saving it changes nothing). */
  readonly appropriatenessRows: string;
}

interface Operation {
  readonly kind: 'query' | 'mutation' | 'http';
  readonly allowed: readonly Caller[];
  /** The document (or URL); `caller` keeps ADMIN-only writes apart per caller. */
  readonly document: (fixture: Fixture, caller: Caller) => string;
}

/**
 * THE table: every query, mutation and HTTP route of the API, and who may call it. The spec
 * fails when the schema has an operation this table does not list (or lists one it lacks).
 */
const MATRIX: Record<string, Operation> = {
  health: { kind: 'query', allowed: CALLERS, document: () => '{ health }' },
  authConfig: {
    kind: 'query',
    allowed: CALLERS,
    document: () => '{ authConfig { localSignIn oidcSignIn } }',
  },
  signIn: {
    kind: 'mutation',
    allowed: CALLERS,
    document: () =>
      `mutation { signIn(input: { email: "signin@matrix.test", password: "${PASSWORD}" }) { email role } }`,
  },
  signOut: { kind: 'mutation', allowed: CALLERS, document: () => 'mutation { signOut }' },
  me: { kind: 'query', allowed: SIGNED_IN, document: () => '{ me { email role departments } }' },
  overview: {
    kind: 'query',
    allowed: SIGNED_IN,
    document: () => '{ overview { current { opportunities } previous { opportunities } } }',
  },
  practiceVariation: {
    kind: 'query',
    allowed: SIGNED_IN,
    document: () => '{ practiceVariation(by: CLINICIAN) { compared rows { key } } }',
  },
  practiceVariationDensity: {
    kind: 'query',
    allowed: SIGNED_IN,
    document: () =>
      '{ practiceVariationDensity(by: CLINICIAN) { compared cells { units } outsidePoints { keys } } }',
  },
  doseHistorySensitivity: {
    kind: 'query',
    allowed: SIGNED_IN,
    document: () => '{ doseHistorySensitivity { groups { indicationGroup } } }',
  },
  ingestRuns: {
    kind: 'query',
    allowed: ADMIN_AND_AUDITOR,
    document: () => '{ ingestRuns { nodes { id status } } }',
  },
  rejections: {
    kind: 'query',
    allowed: ADMIN_AND_AUDITOR,
    document: () => '{ rejections { totalCount nodes { reason raw } } }',
  },
  settings: {
    kind: 'query',
    allowed: ADMIN_AND_AUDITOR,
    document: () => '{ settings { key value } }',
  },
  settingsHistory: {
    kind: 'query',
    allowed: ADMIN_AND_AUDITOR,
    document: () => '{ settingsHistory { version } }',
  },
  referenceVersions: {
    kind: 'query',
    allowed: ADMIN_AND_AUDITOR,
    document: () => '{ referenceVersions { version current } }',
  },
  auditEvents: {
    kind: 'query',
    allowed: ADMIN_AND_AUDITOR,
    document: () => '{ auditEvents { nodes { action } } }',
  },
  users: { kind: 'query', allowed: ADMIN_AND_AUDITOR, document: () => '{ users { email role } }' },
  updateSetting: {
    kind: 'mutation',
    allowed: ADMIN,
    document: () =>
      'mutation { updateSetting(input: { key: "cascade.days", value: "30" }) { key version } }',
  },
  createUser: {
    kind: 'mutation',
    allowed: ADMIN,
    document: (_fixture, caller) =>
      `mutation { createUser(input: { email: "new-${caller.toLowerCase()}@matrix.test", role: COMMITTEE }) { email } }`,
  },
  disableUser: {
    kind: 'mutation',
    allowed: ADMIN,
    document: (_fixture, caller) =>
      `mutation { disableUser(input: { email: "spare-${caller.toLowerCase()}@matrix.test" }) { disabled } }`,
  },
  createApiToken: {
    kind: 'mutation',
    allowed: ADMIN,
    document: (_fixture, caller) =>
      `mutation { createApiToken(input: { email: "keys-${caller.toLowerCase()}@matrix.test", name: "new" }) { name } }`,
  },
  revokeApiToken: {
    kind: 'mutation',
    allowed: ADMIN,
    document: (_fixture, caller) =>
      `mutation { revokeApiToken(input: { email: "keys-${caller.toLowerCase()}@matrix.test", name: "spare" }) }`,
  },
  monthlyOrderVolume: {
    kind: 'query',
    allowed: SIGNED_IN,
    document: () => '{ monthlyOrderVolume { month } }',
  },
  monthlyConflictTrend: {
    kind: 'query',
    allowed: SIGNED_IN,
    document: () => '{ monthlyConflictTrend { months { month } } }',
  },
  departmentVariation: {
    kind: 'query',
    allowed: SIGNED_IN,
    document: () => '{ departmentVariation { measure } }',
  },
  cases: {
    kind: 'query',
    allowed: CASE_READERS,
    document: () => '{ cases(first: 5) { totalCount edges { node { id level } } } }',
  },
  case: {
    kind: 'query',
    allowed: CASE_READERS,
    document: ({ caseId }) => `{ case(id: "${caseId}") { summary { id level } } }`,
  },
  reviewCase: {
    kind: 'mutation',
    allowed: CASE_REVIEWERS,
    document: ({ caseId }) =>
      `mutation { reviewCase(input: { caseId: "${caseId}", disposition: NEEDS_DISCUSSION }) { summary { reviewStatus } } }`,
  },
  assignCase: {
    kind: 'mutation',
    allowed: CASE_REVIEWERS,
    document: ({ caseId, assignee }) =>
      `mutation { assignCase(input: { caseId: "${caseId}", assigneeEmail: "${assignee}" }) { summary { assignee } } }`,
  },
  caseAssignees: {
    kind: 'query',
    allowed: CASE_REVIEWERS,
    document: ({ caseId }) => `{ caseAssignees(caseId: "${caseId}") { email role } }`,
  },
  appropriatenessTable: {
    kind: 'query',
    allowed: ADMIN_AND_AUDITOR,
    document: () => '{ appropriatenessTable { referenceVersion rows { indicationGroup } } }',
  },
  createReferenceVersion: {
    kind: 'mutation',
    allowed: ADMIN,
    document: ({ appropriatenessRows }) =>
      `mutation { createReferenceVersion(input: { note: "matrix", rows: ${appropriatenessRows} }) { created } }`,
  },
  siteTimeZone: { kind: 'query', allowed: SIGNED_IN, document: () => '{ siteTimeZone }' },
  'GET /health/live': { kind: 'http', allowed: CALLERS, document: () => '/health/live' },
  'GET /health/ready': { kind: 'http', allowed: CALLERS, document: () => '/health/ready' },
  'GET /exports/cases.csv': {
    kind: 'http',
    allowed: CASE_READERS,
    document: () => '/exports/cases.csv?levels=DOCUMENTED,PROBABLE,POSSIBLE',
  },
};

describe('authorization matrix: every operation under every caller', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let fixture: Fixture;
  const tokens = new Map<Caller, string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-matrix-'));
    await generateHospital({ patients: 1500, months: 12, seed: 5, outDir: folder });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
    app = await NestFactory.create(
      AppModule.forRoot({
        dataSource: database.dataSource,
        authSettings: loadAuthSettings({}),
      }),
      { logger: false },
    );
    await app.init();
    const [chosen] = await database.dataSource.query(`
      SELECT a.order_pk::text AS order_pk, d.name AS department FROM order_assessments a
      JOIN orders o ON o.id = a.order_pk JOIN departments d ON d.id = o.department_id
      WHERE a.level IS NOT NULL ORDER BY a.order_pk LIMIT 1`);
    for (const caller of SIGNED_IN) {
      const user = await createUserWithToken(database.dataSource, {
        role: (caller === 'DEPARTMENT_MANAGER' ? 'QUALITY_MANAGER' : caller) as Role,
        departments: caller === 'DEPARTMENT_MANAGER' ? [chosen.department] : null,
        email: `${caller.toLowerCase()}@matrix.test`,
      });
      tokens.set(caller, user.token);
    }
    // the accounts the ADMIN-only writes act on, one per caller, each with a token "spare"
    for (const caller of CALLERS) {
      for (const prefix of ['spare', 'keys']) {
        const spare = await createUserWithToken(database.dataSource, {
          role: 'COMMITTEE',
          email: `${prefix}-${caller.toLowerCase()}@matrix.test`,
        });
        await database.dataSource.query(`UPDATE api_tokens SET name = 'spare' WHERE id = $1`, [
          spare.tokenId,
        ]);
      }
    }
    const created = await request(app.getHttpServer())
      .post('/graphql')
      .set(authHeader(tokens.get('ADMIN')!))
      .send({
        query: `mutation { createUser(input: { email: "signin@matrix.test", role: AUDITOR, password: "${PASSWORD}" }) { email } }`,
      });
    expect(created.body.errors).toBeUndefined();
    const table = await request(app.getHttpServer())
      .post('/graphql')
      .set(authHeader(tokens.get('ADMIN')!))
      .send({
        query:
          '{ appropriatenessTable { rows { indicationGroup population modality rating basis icd10Prefixes } } }',
      });
    expect(table.body.errors).toBeUndefined();
    // JSON with unquoted keys is a GraphQL input literal
    const appropriatenessRows = JSON.stringify(table.body.data.appropriatenessTable.rows).replace(
      /"(\w+)":/g,
      '$1:',
    );
    fixture = {
      caseId: encodeCaseId(chosen.order_pk),
      assignee: 'department_manager@matrix.test',
      appropriatenessRows,
    };
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('lists every query and mutation of the schema', () => {
    const schema = app.get(GraphQLSchemaHost).schema;
    const inSchema = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((name) => `query ${name}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => `mutation ${name}`),
    ].sort();
    const inTable = Object.entries(MATRIX)
      .filter(([, operation]) => operation.kind !== 'http')
      .map(([name, operation]) => `${operation.kind} ${name}`)
      .sort();
    expect(inTable).toEqual(inSchema);
  });

  const cases = Object.entries(MATRIX).flatMap(([name, operation]) =>
    CALLERS.map((caller) => [name, caller, operation.allowed.includes(caller)] as const),
  );

  it.each(cases)('%s as %s: allowed %s', async (name, caller, allowed) => {
    const operation = MATRIX[name];
    const token = tokens.get(caller);
    const headers = token ? authHeader(token) : {};
    if (operation.kind === 'http') {
      const response = await request(app.getHttpServer())
        .get(operation.document(fixture, caller))
        .set(headers);
      const isCsv = name.endsWith('.csv');
      if (allowed) {
        expect(response.status).toBe(200);
        if (isCsv) expect(response.text.split('\n')[0]).toContain('case_id');
      } else {
        expect(response.status).toBe(caller === 'ANONYMOUS' ? 401 : 403);
        expect(response.text).not.toContain('case_id');
      }
      return;
    }
    const response = await request(app.getHttpServer())
      .post('/graphql')
      .set(headers)
      .send({ query: operation.document(fixture, caller) });
    if (allowed) {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data[name]).not.toBeNull();
    } else {
      expect(response.body.data?.[name] ?? null).toBeNull();
      expect(response.body.errors?.[0]?.extensions?.code).toBe(
        caller === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
      );
    }
  });
});
