import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { runCli } from '../utils/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/** `grounds settings set`: a new version, then the analysis brought up to it, as the admin page does. */
describe('grounds settings set', () => {
  let database: TestDatabase;
  let folder: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    folder = await mkdtemp(path.join(os.tmpdir(), 'cg-settings-cli-'));
    await generateHospital({ patients: 400, months: 12, seed: 5, outDir: folder });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
  });

  afterAll(async () => {
    await database?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  /** Assessments per settings version and band. */
  const assessed = async (): Promise<{ version: number; high: number; orders: number }[]> =>
    database.dataSource.query(
      `SELECT settings_version AS version, count(*) FILTER (WHERE band = 'HIGH')::int AS high,
              count(*)::int AS orders
         FROM order_assessments GROUP BY 1 ORDER BY 1`,
    );

  it('reassesses every order under the new version, with the new threshold', async () => {
    const [before] = await assessed();
    const result = await runCli(['settings', 'set', 'band.high_ced_5y_msv', '5'], database.url);
    const version = before.version + 1;
    expect(result.stdout).toContain(`Settings version ${version}: band.high_ced_5y_msv = 5`);
    expect(result.stdout).toMatch(
      new RegExp(`Analysis under settings version ${version}: ${before.orders} orders assessed`),
    );
    const after = await assessed();
    expect(after).toEqual([{ version, high: expect.any(Number), orders: before.orders }]);
    // a tenth of the threshold puts more patients in the HIGH band
    expect(after[0].high).toBeGreaterThan(before.high);
  });

  it('leaves the assessments alone for a display-only setting and with --no-analyse', async () => {
    const [before] = await assessed();
    const display = await runCli(
      ['settings', 'set', 'committee.show_clinician_names', 'true'],
      database.url,
    );
    expect(display.stdout).not.toContain('Analysis under');
    const deferred = await runCli(
      ['settings', 'set', 'band.high_ced_5y_msv', '50', '--no-analyse'],
      database.url,
    );
    expect(deferred.stdout.trim()).toBe(
      `Settings version ${before.version + 2}: band.high_ced_5y_msv = 50`,
    );
    expect(await assessed()).toEqual([before]);
    // the next analyse applies it
    const analysed = await runCli(['analyse'], database.url);
    expect(analysed.stdout).toContain(
      `Analysis under settings version ${before.version + 2}: ${before.orders} orders assessed`,
    );
  });
});
