import os from 'node:os';
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as DataSourceModule from '../../backend/src/database/data-source.js';
import type * as DatabaseModule from '../../backend/src/database/database.js';
import type * as EmbeddedModule from '../../backend/src/database/embedded-postgres.js';

// Jest loads globalSetup with Node's own ESM resolver (no moduleNameMapper), so it uses the
// built backend; `npm test` builds first.
const DIST = fileURLToPath(new URL('../../backend/dist/backend/src/database/', import.meta.url));
// One template per run, so two suites against one server (DATABASE_URL) never drop or clone
// each other's; test-database.ts refuses any other name.
const TEMPLATE_DATABASE = `cg_test_template_${process.pid}`;
const TEST_DATABASE_MARKER = 'clinical-grounds test database: dropped by the test suite';
const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/**
 * Starts a real PostgreSQL for the integration suite (embedded, or the server at
 * DATABASE_URL) and migrates a template database once; each spec file clones its own
 * database from it (see test-database.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(path.join(DIST, 'database.js'))) {
    throw new Error('The backend is not built: run `npm run build -w backend` first.');
  }
  const { createDataSource } = (await import(
    path.join(DIST, 'data-source.js')
  )) as typeof DataSourceModule;
  const { prepareDatabase } = (await import(
    path.join(DIST, 'database.js')
  )) as typeof DatabaseModule;
  const { startEmbeddedPostgres } = (await import(
    path.join(DIST, 'embedded-postgres.js')
  )) as typeof EmbeddedModule;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cg-test-pg-'));
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'data'),
      // a port per run, so two suites on one machine do not race for the same one
      port: Number(process.env.EMBEDDED_PG_PORT ?? 55432 + (process.pid % 2000)),
    });
    (globalThis as { __embeddedPostgres?: typeof server }).__embeddedPostgres = server;
    adminUrl = server.url;
    process.env.TEST_PG_KIND = 'embedded';
  } else {
    process.env.TEST_PG_KIND = 'DATABASE_URL';
  }
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_PG_TEMPLATE = TEMPLATE_DATABASE;

  const admin = createDataSource({ url: adminUrl, timeZone: 'UTC', poolSize: 1 });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.query(`COMMENT ON DATABASE ${TEMPLATE_DATABASE} IS '${TEST_DATABASE_MARKER}'`);
  const [{ server_version: version }] = await admin.query('SHOW server_version');
  await admin.destroy();
  process.env.TEST_PG_VERSION = version;

  const template = createDataSource({
    url: withDatabase(adminUrl, TEMPLATE_DATABASE),
    timeZone: 'UTC',
    poolSize: 1,
  });
  await template.initialize();
  await prepareDatabase(template);
  await template.destroy();
  console.log(`\nIntegration tests on PostgreSQL ${version} (${process.env.TEST_PG_KIND})`);
}
