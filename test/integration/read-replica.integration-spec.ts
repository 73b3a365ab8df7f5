import 'reflect-metadata';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../backend/src/app.module.js';
import { loadAuthSettings } from '../../backend/src/config/auth-config.js';
import { createDataSource } from '../../backend/src/database/data-source.js';
import { prepareDatabase } from '../../backend/src/database/database.js';
import { ReadDatabase } from '../../backend/src/database/read-database.js';
import { decodeCaseId } from '../../backend/src/modules/cases/domain/case-id.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { authHeader, createUserWithToken } from '../utils/auth.js';
import { waitFor } from '../utils/run-cli.js';
import {
  findPostgresBinaries,
  startStreamingReplication,
  type StreamingReplication,
} from '../utils/streaming-replica.js';

const binaries = findPostgresBinaries();
const missing = 'missing' in binaries ? binaries.missing : null;
// skipped only where no PostgreSQL server binaries (initdb, pg_basebackup) can start a replica;
// the suite's title then names what is missing; CI has them (the embedded PostgreSQL's)
const describeWithReplica = missing === null ? describe : describe.skip;

/** Tables of the model and its rollups: what a dashboard read scans. */
const MODEL_TABLES = [
  'orders',
  'order_assessments',
  'order_dose',
  'order_signals',
  'exams',
  'case_reviews',
  'assessment_rollups',
  'order_volume_rollups',
];

interface GraphQLBody {
  data: Record<string, unknown> | null;
  errors?: { message: string }[];
}

/** The statements a server logged from byte `offset` on (log_statement = all, prefix '@@ '). */
async function statementsSince(file: string, offset: number): Promise<string[]> {
  const text = (await readFile(file)).subarray(offset).toString('utf8');
  return text
    .split(/^@@ /m)
    .map((entry) => /^LOG:\s+(?:statement|execute [^:]*):\s+([\s\S]*)$/.exec(entry.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => match[1].replace(/\s+/g, ' ').trim());
}

describeWithReplica(
  `dashboard reads on a PostgreSQL streaming replica${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let pair: StreamingReplication;
    /** The app's DataSource: the primary, with the replica configured for ReadDatabase. */
    let dataSource: DataSource;
    /** Plain connections to each server, for the spec's own checks. */
    let primary: DataSource;
    let replica: DataSource;
    let app: INestApplication;
    let admin: string;
    let folder: string;

    const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await request(app.getHttpServer())
        .post('/graphql')
        .set(authHeader(admin))
        .send({ query, variables });
      return response.body as GraphQLBody;
    };
    const reviewedCases = async (): Promise<string[]> => {
      const body = await graphql(`
        {
          cases(first: 200, filter: { reviewStatuses: [REVIEWED] }) {
            edges {
              node {
                id
              }
            }
          }
        }
      `);
      expect(body.errors).toBeUndefined();
      const cases = body.data!.cases as { edges: { node: { id: string } }[] };
      return cases.edges.map((edge) => edge.node.id);
    };
    const reviewsOn = async (server: DataSource, caseId: string): Promise<number> => {
      const [{ reviews }]: { reviews: number }[] = await server.query(
        'SELECT count(*)::int AS reviews FROM case_reviews WHERE order_pk = $1::bigint',
        [decodeCaseId(caseId)],
      );
      return reviews;
    };
    /** Until the replica has replayed everything the primary has written so far. */
    const replicaCaughtUp = async () => {
      const [{ lsn }]: { lsn: string }[] = await primary.query(
        'SELECT pg_current_wal_lsn()::text AS lsn',
      );
      await waitFor(
        'the replica to replay the primary',
        async () => {
          const [{ done }]: { done: boolean }[] = await replica.query(
            'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
            [lsn],
          );
          return done;
        },
        30_000,
      );
    };
    const pauseReplay = async () => {
      await replica.query('SELECT pg_wal_replay_pause()');
      await waitFor(
        'the replica to pause replay',
        async () => {
          const [{ state }]: { state: string }[] = await replica.query(
            'SELECT pg_get_wal_replay_pause_state() AS state',
          );
          return state === 'paused';
        },
        30_000,
      );
    };
    const resumeReplay = async () => {
      await replica.query('SELECT pg_wal_replay_resume()');
      await replicaCaughtUp();
    };
    const openCases = async (count: number): Promise<string[]> => {
      const body = await graphql(
        `
          query ($first: Int) {
            cases(first: $first, filter: { reviewStatuses: [OPEN] }) {
              edges {
                node {
                  id
                }
              }
            }
          }
        `,
        { first: count },
      );
      expect(body.errors).toBeUndefined();
      const cases = body.data!.cases as { edges: { node: { id: string } }[] };
      return cases.edges.map((edge) => edge.node.id);
    };

    beforeAll(async () => {
      if ('missing' in binaries) return;
      pair = await startStreamingReplication(binaries);
      primary = createDataSource({ url: pair.primaryUrl, timeZone: 'UTC', poolSize: 2 });
      replica = createDataSource({ url: pair.replicaUrl, timeZone: 'UTC', poolSize: 2 });
      dataSource = createDataSource({
        url: pair.primaryUrl,
        replicaUrls: [pair.replicaUrl],
        timeZone: 'UTC',
        poolSize: 4,
      });
      await Promise.all([primary.initialize(), replica.initialize(), dataSource.initialize()]);
      // migrations, reference data and the import all go through the replicated DataSource
      await prepareDatabase(dataSource);
      folder = await mkdtemp(path.join(os.tmpdir(), 'cg-replica-hospital-'));
      await generateHospital({ patients: 800, months: 12, seed: 7, outDir: folder });
      await new PipelineService(dataSource).importCsvFolder(folder);
      ({ token: admin } = await createUserWithToken(dataSource, { role: 'ADMIN' }));
      app = await NestFactory.create(
        AppModule.forRoot({ dataSource, authSettings: loadAuthSettings({}) }),
        { logger: false },
      );
      await app.init();
      await replicaCaughtUp();
    });

    afterAll(async () => {
      await app?.close();
      for (const source of [dataSource, primary, replica]) {
        if (source?.isInitialized) await source.destroy();
      }
      await pair?.stop();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    it('sends ReadDatabase to the replica and everything else to the primary', async () => {
      const where = 'SELECT pg_is_in_recovery() AS standby, inet_server_port() AS port';
      const read = app.get(ReadDatabase);
      expect(read.replicated).toBe(true);
      expect(await read.query(where)).toEqual([{ standby: true, port: pair.replicaPort }]);
      expect(await dataSource.query(where)).toEqual([{ standby: false, port: pair.primaryPort }]);
      // TypeORM 1.x sends a SelectQueryBuilder (find, findOneBy) to a replica by default;
      // data-source.ts keeps it on the primary (sessions, settings, users)
      const built = await dataSource
        .createQueryBuilder()
        .from('pg_database', 'd')
        .select('pg_is_in_recovery()', 'standby')
        .where('d.datname = current_database()')
        .getRawOne<{ standby: boolean }>();
      expect(built).toEqual({ standby: false });
      await expect(read.query(`INSERT INTO departments (name) VALUES ('Nowhere')`)).rejects.toThrow(
        /read-only transaction/,
      );
    });

    it('replicates what the primary writes', async () => {
      await dataSource.query('CREATE TABLE replica_probe (marker text PRIMARY KEY)');
      const marker = `written on the primary at ${Date.now()}`;
      await dataSource.query('INSERT INTO replica_probe VALUES ($1)', [marker]);
      const read = app.get(ReadDatabase);
      // wait on the replay position, not on the table: until the replica has replayed the
      // CREATE TABLE, a query there fails with 'relation does not exist'
      await replicaCaughtUp();
      expect(await read.query('SELECT marker FROM replica_probe')).toEqual([{ marker }]);
    });

    it("runs the dashboard's GraphQL reads on the replica, sign-in and a case's detail on the primary", async () => {
      const sizes = async () =>
        Promise.all([stat(pair.primaryLog), stat(pair.replicaLog)]).then(([p, r]) => [
          p.size,
          r.size,
        ]);
      const [primaryFrom, replicaFrom] = await sizes();
      const overview = await graphql(`
        {
          overview {
            current {
              opportunities
              conflicts
              openCases
            }
          }
          practiceVariation(by: DEPARTMENT) {
            rows {
              key
            }
          }
          doseHistorySensitivity {
            groups {
              __typename
            }
          }
          monthlyConflictTrend {
            baselineMonths
          }
          departmentVariation {
            compared
          }
          monthlyOrderVolume {
            month
            orders
          }
          cases(first: 5) {
            totalCount
            edges {
              node {
                id
              }
            }
          }
        }
      `);
      expect(overview.errors).toBeUndefined();
      const onReplica = await statementsSince(pair.replicaLog, replicaFrom);
      const onPrimary = await statementsSince(pair.primaryLog, primaryFrom);
      const scans = (statements: string[], tables: readonly string[]) =>
        statements.filter((statement) =>
          tables.some((table) => new RegExp(`\\b${table}\\b`).test(statement)),
        );
      // the aggregates and the case list read the model (or its rollups) on the replica only
      expect(scans(onReplica, MODEL_TABLES).length).toBeGreaterThanOrEqual(7);
      expect(scans(onPrimary, MODEL_TABLES)).toEqual([]);
      // the caller's token is read on the primary
      expect(scans(onPrimary, ['api_tokens']).length).toBeGreaterThan(0);
      expect(scans(onReplica, ['api_tokens'])).toEqual([]);

      const caseId = (overview.data!.cases as { edges: { node: { id: string } }[] }).edges[0].node
        .id;
      const [primaryBefore, replicaBefore] = await sizes();
      const detail = await graphql(
        `
          query ($id: ID!) {
            case(id: $id) {
              summary {
                id
              }
            }
          }
        `,
        {
          id: caseId,
        },
      );
      expect(detail.errors).toBeUndefined();
      // one case's detail is audited and must show its caller's own review: the primary only
      expect(await statementsSince(pair.replicaLog, replicaBefore)).toEqual([]);
      expect(
        scans(await statementsSince(pair.primaryLog, primaryBefore), ['audit_events']).length,
      ).toBeGreaterThan(0);
    });

    it('shows the case list as the replica has it: a write appears once the replica replays it', async () => {
      const [caseId] = await openCases(1);
      await pauseReplay();
      try {
        // a review written on the primary by someone else (not through this server)
        await primary.query(
          `INSERT INTO case_reviews (order_pk, disposition, note, reviewer)
           VALUES ($1::bigint, 'NEEDS_DISCUSSION', NULL, 'elsewhere@test.local')`,
          [decodeCaseId(caseId)],
        );
        expect(await reviewsOn(primary, caseId)).toBe(1);
        expect(await reviewsOn(replica, caseId)).toBe(0);
        // the list is served by the replica, which has not replayed the review yet
        expect(await reviewedCases()).not.toContain(caseId);
        // the case's own page reads the primary
        const detail = await graphql(
          `
            query ($id: ID!) {
              case(id: $id) {
                summary {
                  reviewStatus
                }
              }
            }
          `,
          { id: caseId },
        );
        expect(detail.data!.case).toEqual({ summary: { reviewStatus: 'REVIEWED' } });
      } finally {
        await resumeReplay();
      }
      expect(await reviewedCases()).toContain(caseId);
    });

    it('writes a review on the primary and shows it to its author at once, however far the replica lags', async () => {
      const [caseId] = await openCases(1);
      await pauseReplay();
      try {
        const review = await graphql(
          `
            mutation ($input: ReviewCaseInput!) {
              reviewCase(input: $input) {
                summary {
                  reviewStatus
                }
              }
            }
          `,
          { input: { caseId, disposition: 'CLINICALLY_JUSTIFIED' } },
        );
        expect(review.errors).toBeUndefined();
        expect(review.data!.reviewCase).toEqual({ summary: { reviewStatus: 'REVIEWED' } });
        // the write went to the primary; the paused replica does not have it
        expect(await reviewsOn(primary, caseId)).toBe(1);
        expect(await reviewsOn(replica, caseId)).toBe(0);
        // the list reads the primary while the replica is behind this server's last write
        expect(await reviewedCases()).toContain(caseId);
      } finally {
        await resumeReplay();
      }
      expect(await reviewsOn(replica, caseId)).toBe(1);
      // caught up: the list is back on the replica
      const replicaFrom = (await stat(pair.replicaLog)).size;
      expect(await reviewedCases()).toContain(caseId);
      expect(
        (await statementsSince(pair.replicaLog, replicaFrom)).some((statement) =>
          /\border_assessments\b/.test(statement),
        ),
      ).toBe(true);
    });
  },
);
