import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateFhirHospital } from '../../backend/src/modules/synthetic/generate-fhir-hospital.js';
import { createDataSource } from '../../backend/src/database/data-source.js';
import { prepareDatabase } from '../../backend/src/database/database.js';
import {
  findFreePort,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../../backend/src/database/embedded-postgres.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { countRows, snapshotNaturalModel } from '../utils/model-snapshot.js';
import { runCli, startCli, waitFor } from '../utils/run-cli.js';
import { createTestDatabase, withDatabase, type TestDatabase } from '../utils/test-database.js';

/** Big enough that an import still runs seconds after it starts landing; small enough for CI. */
const PATIENTS = 3000;
const FAULT_TEST_TIMEOUT_MS = 300_000;

type Format = 'csv' | 'fhir';

/** A run of this database that is still 'running' and has landed at least one file. */
const RUNNING_WITH_LANDING_SQL = `
  SELECT r.id FROM ingest_runs r
   WHERE r.status = 'running'
     AND (EXISTS (SELECT 1 FROM landing_patients l WHERE l.run_id = r.id)
       OR EXISTS (SELECT 1 FROM landing_orders l WHERE l.run_id = r.id))`;

interface RunRow {
  readonly id: number;
  readonly status: string;
  readonly message: string | null;
}

const runsOf = (database: { query: TestDatabase['dataSource']['query'] }): Promise<RunRow[]> =>
  database.query('SELECT id, status, message FROM ingest_runs ORDER BY id');

describe('nothing lost, nothing twice: an import killed or cut off mid-way, then re-run', () => {
  let workDir: string;
  const inputs = {} as Record<Format, string>;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'cg-fault-'));
    const hospital = { patients: PATIENTS, months: 24, seed: 7 };
    inputs.csv = path.join(workDir, 'csv');
    inputs.fhir = path.join(workDir, 'fhir');
    await generateHospital({ ...hospital, outDir: inputs.csv });
    await generateFhirHospital({ ...hospital, outDir: inputs.fhir });
  }, FAULT_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it.each<Format>(['csv', 'fhir'])(
    'import %s killed with SIGKILL while landing, then re-run: exactly one clean run',
    async (format) => {
      const killed = await createTestDatabase();
      const clean = await createTestDatabase();
      try {
        const child = startCli(['import', format, inputs[format]], killed.url);
        await waitFor('a running import with landed rows', async () => {
          const rows = await killed.dataSource.query(RUNNING_WITH_LANDING_SQL);
          return rows.length > 0;
        });
        child.child.kill('SIGKILL');
        expect((await child.done).signal).toBe('SIGKILL');

        // Mid-way: the run never finished and nothing reached the model.
        const [crashed] = await runsOf(killed.dataSource);
        expect(crashed.status).toBe('running');
        const [{ patients }] = await killed.dataSource.query(
          'SELECT count(*)::int AS patients FROM patients',
        );
        expect(patients).toBe(0);

        await runCli(['import', format, inputs[format]], killed.url);
        await runCli(['import', format, inputs[format]], clean.url);

        const runs = await runsOf(killed.dataSource);
        expect(runs.map((run) => run.status)).toEqual(['failed', 'succeeded']);
        expect(runs[0].message).toContain(
          `interrupted: its process ended before the run finished; marked failed by run ${runs[1].id}`,
        );
        // The crashed run's landing rows stay for the record and were never normalised. CSV
        // files land side by side, each in one statement: a file's rows are all there or none.
        const [{ patients: landedPatients, landed }] = await killed.dataSource.query(
          `SELECT (SELECT count(*) FROM landing_patients WHERE run_id = $1)::int AS patients,
                  (SELECT count(*) FROM landing_patients WHERE run_id = $1)::int
                + (SELECT count(*) FROM landing_orders WHERE run_id = $1)::int AS landed`,
          [crashed.id],
        );
        expect([0, PATIENTS]).toContain(landedPatients);
        expect(landed).toBeGreaterThan(0);
        const [{ stamped }] = await killed.dataSource.query(
          `SELECT (SELECT count(*) FROM patients WHERE last_run_id = $1)::int
                + (SELECT count(*) FROM orders WHERE last_run_id = $1)::int AS stamped`,
          [crashed.id],
        );
        expect(stamped).toBe(0);

        const recovered = await snapshotNaturalModel(killed.dataSource);
        const expected = await snapshotNaturalModel(clean.dataSource);
        expect(countRows(recovered).patients).toBe(PATIENTS);
        expect(countRows(recovered)).toEqual(countRows(expected));
        expect(recovered).toEqual(expected);
      } finally {
        await killed.drop();
        await clean.drop();
      }
    },
    FAULT_TEST_TIMEOUT_MS,
  );

  describe('PostgreSQL restarted during an import', () => {
    let server: EmbeddedPostgresHandle;
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'cg-fault-pg-'));
      server = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'data'),
        port: await findFreePort(56_400),
      });
    }, FAULT_TEST_TIMEOUT_MS);
    afterAll(async () => {
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it.each<Format>(['csv', 'fhir'])(
      'import %s fails with a one-line reason, and the re-run ends as one clean run',
      async (format) => {
        const name = `cg_test_restart_${format}`;
        const admin = createDataSource({ url: server.url, timeZone: 'UTC', poolSize: 1 });
        await admin.initialize();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.destroy();
        const url = (): string => withDatabase(server.url, name);
        const watch = createDataSource({ url: url(), timeZone: 'UTC', poolSize: 1 });
        await watch.initialize();
        await prepareDatabase(watch);

        const child = startCli(['import', format, inputs[format]], url());
        await waitFor('a running import with landed rows', async () => {
          const rows = await watch.query(RUNNING_WITH_LANDING_SQL);
          return rows.length > 0;
        });
        await watch.destroy();
        const port = server.port;
        await server.stop();
        server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), port });

        const failed = await child.done;
        expect(failed.code).toBe(1);
        const lines = failed.stderr.split('\n').filter((line) => line.trim() !== '');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(
          /^grounds: The connection to PostgreSQL was lost during import run 1 \(.+\); the model holds no part of a run: run the import again\.$/,
        );

        await runCli(['import', format, inputs[format]], url());
        const clean = await createTestDatabase();
        const restarted = createDataSource({ url: url(), timeZone: 'UTC', poolSize: 1 });
        await restarted.initialize();
        try {
          await runCli(['import', format, inputs[format]], clean.url);
          const runs = await runsOf(restarted);
          expect(runs.map((run) => run.status)).toEqual(['failed', 'succeeded']);
          const recovered = await snapshotNaturalModel(restarted);
          const expected = await snapshotNaturalModel(clean.dataSource);
          expect(countRows(recovered).patients).toBe(PATIENTS);
          expect(recovered).toEqual(expected);
        } finally {
          await restarted.destroy();
          await clean.drop();
        }
      },
      FAULT_TEST_TIMEOUT_MS,
    );
  });
});
