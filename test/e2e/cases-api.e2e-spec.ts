import 'reflect-metadata';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  isEnumType,
  isObjectType,
  isScalarType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import request from 'supertest';
import { AppModule } from '../../backend/src/app.module.js';
import { loadAuthSettings } from '../../backend/src/config/auth-config.js';
import { encodeCaseId } from '../../backend/src/modules/cases/domain/case-id.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { authHeader, createUserWithToken } from '../utils/auth.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/** Every scalar and enum field of a type, nested objects expanded (the whole response). */
function selectEverything(schema: GraphQLSchema, type: GraphQLObjectType, depth = 0): string {
  if (depth > 6) throw new Error(`${type.name} nests too deep for this spec`);
  const fields = Object.values(type.getFields()).map((field) => {
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) return field.name;
    if (isObjectType(named))
      return `${field.name} { ${selectEverything(schema, named, depth + 1)} }`;
    throw new Error(`${type.name}.${field.name} has a type this spec cannot select`);
  });
  return fields.join(' ');
}

/** Every string in a response, split into the words an identifier would show up as. */
function wordsOf(value: unknown, words: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    words.add(value);
    for (const word of value.split(/[^A-Za-z0-9_.-]+/)) if (word) words.add(word);
  } else if (Array.isArray(value)) {
    for (const item of value) wordsOf(item, words);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) wordsOf(item, words);
  }
  return words;
}

// Responses are walked generically here: their shape is the schema's, selected by introspection.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('the case API over GraphQL', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let committee: string;
  let manager: string;
  let departmentManager: string;
  let managerDepartment: string;
  let caseSelection: string;
  let summarySelection: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-cases-api-'));
    await generateHospital({ patients: 3000, months: 24, seed: 11, outDir: folder });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
    app = await NestFactory.create(
      AppModule.forRoot({ dataSource: database.dataSource, authSettings: loadAuthSettings({}) }),
      { logger: false },
    );
    await app.init();
    const schema = app.get(GraphQLSchemaHost).schema;
    caseSelection = selectEverything(schema, schema.getType('CaseDetail') as GraphQLObjectType);
    summarySelection = selectEverything(schema, schema.getType('CaseSummary') as GraphQLObjectType);
    [{ department: managerDepartment }] = await database.dataSource.query(`
      SELECT d.name AS department FROM order_assessments a JOIN orders o ON o.id = a.order_pk
      JOIN departments d ON d.id = o.department_id WHERE a.level IS NOT NULL
      GROUP BY d.name ORDER BY count(*) DESC LIMIT 1`);
    committee = (await createUserWithToken(database.dataSource, { role: 'COMMITTEE' })).token;
    manager = (
      await createUserWithToken(database.dataSource, {
        role: 'QUALITY_MANAGER',
        email: 'manager@cases.test',
      })
    ).token;
    departmentManager = (
      await createUserWithToken(database.dataSource, {
        role: 'QUALITY_MANAGER',
        departments: [managerDepartment],
      })
    ).token;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const graphql = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await request(app.getHttpServer())
      .post('/graphql')
      .set(authHeader(token))
      .send({ query, variables });
    return response.body as {
      data: Record<string, Json> | null;
      errors?: { message: string; extensions: { code: string } }[];
    };
  };

  const CASES = (selection: string) => `
    query ($after: String, $filter: CaseFilter) {
      cases(first: 200, after: $after, filter: $filter) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { ${selection} } }
      }
    }`;

  const everyCase = async (token: string, filter: Record<string, unknown> | null = null) => {
    const nodes: Record<string, Json>[] = [];
    const bodies: unknown[] = [];
    let after: string | null = null;
    for (;;) {
      const body = await graphql(token, CASES(summarySelection), { after, filter });
      expect(body.errors).toBeUndefined();
      bodies.push(body);
      nodes.push(...body.data!.cases.edges.map((edge: { node: unknown }) => edge.node));
      if (!body.data!.cases.pageInfo.hasNextPage) break;
      after = body.data!.cases.pageInfo.endCursor;
    }
    return { nodes, bodies };
  };

  it('gives COMMITTEE no patient id, accession, order id or birth date, in any field', async () => {
    const { nodes, bodies } = await everyCase(committee);
    const [{ cases }] = await database.dataSource.query(
      `SELECT count(*)::int AS cases FROM order_assessments WHERE level IS NOT NULL`,
    );
    expect(nodes).toHaveLength(cases);
    for (const node of nodes) {
      const body = await graphql(
        committee,
        `query ($id: ID!) { case(id: $id) { ${caseSelection} } }`,
        {
          id: node.id,
        },
      );
      expect(body.errors).toBeUndefined();
      bodies.push(body);
      const detail = body.data!.case;
      expect(detail.patient).toBeNull();
      expect(detail.timeline).toBeNull();
      expect(detail.summary.orderId).toBeNull();
      expect(detail.summary.orderedAt).toMatch(/^\d{4}-\d{2}-01T00:00:00Z$/);
      expect(detail.indicationText).toBeNull();
      expect(detail.comment).toBeNull();
      expect(
        detail.signals.every((signal: { explanation: unknown }) => signal.explanation === null),
      ).toBe(true);
      expect(detail.changes.every((change: { reason: unknown }) => change.reason === null)).toBe(
        true,
      );
      if (detail.summary.clinician) {
        expect(detail.summary.clinician.key).toMatch(/^C-[0-9A-F]{6}$/);
        expect(detail.summary.clinician.label).toBe(detail.summary.clinician.key);
      }
    }
    const csv = await request(app.getHttpServer())
      .get('/exports/cases.csv')
      .set(authHeader(committee));
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[0]).toBe(
      'case_id,month,department,clinician,indication_group,requested_modality,outcome_modality,level,score,ced_5y_msv,signals,exclusion,review_status',
    );
    expect(csv.text.trim().split('\n')).toHaveLength(cases + 1);
    bodies.push(csv.text.split(/[\n,]/));

    const identifiers: { value: string }[] = await database.dataSource.query(`
      SELECT patient_id AS value FROM patients
      UNION SELECT birth_date::text FROM patients
      UNION SELECT accession FROM exams
      UNION SELECT order_id FROM orders
      UNION SELECT provider_id FROM providers
      UNION SELECT name FROM providers WHERE name IS NOT NULL`);
    expect(identifiers.length).toBeGreaterThan(10000);
    const words = wordsOf(bodies);
    const leaked = identifiers.map((row) => row.value).filter((value) => words.has(value));
    expect(leaked).toEqual([]);
    // the same responses for a quality manager do carry them (the check can fail)
    const full = await graphql(manager, `query ($id: ID!) { case(id: $id) { ${caseSelection} } }`, {
      id: nodes[0].id,
    });
    const fullWords = wordsOf(full);
    expect(identifiers.some((row) => fullWords.has(row.value))).toBe(true);
  });

  it('shows a review in case, in the cases filter and in the audit trail', async () => {
    const { nodes } = await everyCase(manager, { reviewStatuses: ['OPEN'] });
    const caseId = nodes[0].id;
    const [{ last }] = await database.dataSource.query(
      `SELECT coalesce(max(id), 0)::text AS last FROM audit_events`,
    );
    const review = await graphql(
      manager,
      `
        mutation ($input: ReviewCaseInput!) {
          reviewCase(input: $input) {
            summary {
              reviewStatus
              latestDisposition
            }
            reviews {
              disposition
              note
              reviewer
            }
          }
        }
      `,
      {
        input: {
          caseId,
          disposition: 'CONFIRMED_STEERING',
          note: 'Steered: see the change reason.',
        },
      },
    );
    expect(review.errors).toBeUndefined();
    expect(review.data!.reviewCase).toEqual({
      summary: { reviewStatus: 'REVIEWED', latestDisposition: 'CONFIRMED_STEERING' },
      reviews: [
        {
          disposition: 'CONFIRMED_STEERING',
          note: 'Steered: see the change reason.',
          reviewer: 'manager@cases.test',
        },
      ],
    });
    const reviewed = await everyCase(manager, { reviewStatuses: ['REVIEWED'] });
    expect(reviewed.nodes.map((node) => node.id)).toEqual([caseId]);
    const open = await everyCase(manager, { reviewStatuses: ['OPEN'] });
    expect(open.nodes).toHaveLength(nodes.length - 1);

    const seen = await graphql(
      committee,
      `
        query ($id: ID!) {
          case(id: $id) {
            summary {
              reviewStatus
            }
            reviews {
              disposition
              note
              reviewer
              reviewedAt
            }
          }
        }
      `,
      { id: caseId },
    );
    expect(seen.data!.case.summary.reviewStatus).toBe('REVIEWED');
    expect(seen.data!.case.reviews).toEqual([
      {
        disposition: 'CONFIRMED_STEERING',
        note: null,
        reviewer: null,
        reviewedAt: expect.stringMatching(/^\d{4}-\d{2}-01T00:00:00Z$/),
      },
    ]);
    const events: { action: string; actor: string }[] = await database.dataSource.query(
      `SELECT action, actor FROM audit_events WHERE object_id = $1 AND id > $2 ORDER BY id`,
      [caseId, last],
    );
    expect(events).toEqual([
      { action: 'case.reviewed', actor: 'manager@cases.test' },
      { action: 'case.viewed', actor: expect.stringMatching(/^committee/) },
    ]);
    const auditor = (await createUserWithToken(database.dataSource, { role: 'AUDITOR' })).token;
    const trail = await graphql(
      auditor,
      '{ auditEvents(first: 20) { nodes { action actor objectId } } }',
    );
    expect(trail.errors).toBeUndefined();
    expect(
      trail
        .data!.auditEvents.nodes.filter((event: { objectId: string }) => event.objectId === caseId)
        .slice(0, 2),
    ).toEqual([
      { action: 'case.viewed', actor: expect.stringMatching(/^committee/), objectId: caseId },
      { action: 'case.reviewed', actor: 'manager@cases.test', objectId: caseId },
    ]);
  });

  it("answers a case outside a manager's departments exactly like a missing one", async () => {
    const [outside] = await database.dataSource.query(
      `SELECT a.order_pk::text AS order_pk FROM order_assessments a JOIN orders o ON o.id = a.order_pk
       LEFT JOIN departments d ON d.id = o.department_id
       WHERE a.level IS NOT NULL AND d.name IS DISTINCT FROM $1 LIMIT 1`,
      [managerDepartment],
    );
    const ask = (id: string) =>
      graphql(
        departmentManager,
        `
          query ($id: ID!) {
            case(id: $id) {
              summary {
                id
              }
            }
          }
        `,
        { id },
      );
    const foreign = await ask(encodeCaseId(outside.order_pk));
    const missing = await ask(encodeCaseId('987654321'));
    expect(foreign.data).toBeNull();
    expect(foreign.errors).toEqual(missing.errors);
    expect(foreign.errors![0].extensions.code).toBe('NOT_FOUND');
    const review = await graphql(
      departmentManager,
      `
        mutation ($input: ReviewCaseInput!) {
          reviewCase(input: $input) {
            summary {
              id
            }
          }
        }
      `,
      { input: { caseId: encodeCaseId(outside.order_pk), disposition: 'DATA_ERROR' } },
    );
    const codeAndMessage = (body: typeof missing) =>
      body.errors!.map((error) => [error.extensions.code, error.message]);
    expect(codeAndMessage(review)).toEqual(codeAndMessage(missing));
    const [{ reviews }] = await database.dataSource.query(
      `SELECT count(*)::int AS reviews FROM case_reviews WHERE order_pk = $1`,
      [outside.order_pk],
    );
    expect(reviews).toBe(0);
    const list = await everyCase(departmentManager);
    expect(new Set(list.nodes.map((node) => node.department))).toEqual(
      new Set([managerDepartment]),
    );
  });

  it('refuses bad input with a code and one sentence', async () => {
    const tooMany = await graphql(manager, '{ cases(first: 5000) { totalCount } }');
    expect(tooMany.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0].message).toBe(
      'first must be a whole number from 1 to 200, not 5000.',
    );
    const badMonth = await graphql(
      manager,
      '{ cases(filter: { analysis: { from: "2025-13" } }) { totalCount } }',
    );
    expect(badMonth.errors![0].message).toBe('"2025-13" is not a month; use YYYY-MM.');
    const badCursor = await graphql(manager, '{ cases(after: "nonsense") { totalCount } }');
    expect(badCursor.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const badAssignee = await graphql(
      manager,
      `mutation { assignCase(input: { caseId: "${encodeCaseId('1')}", assigneeEmail: "nobody@x.test" }) { summary { id } } }`,
    );
    expect(badAssignee.errors![0].extensions.code).toMatch(/NOT_FOUND|BAD_USER_INPUT/);
  });
});
