import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as DataSourceModule from '../../backend/src/database/data-source.js';

const DIST = fileURLToPath(new URL('../../backend/dist/backend/src/database/', import.meta.url));

/** Drops this run's template (it is per run, so it would pile up on a shared server), then stops the embedded server. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (adminUrl && template && /^cg_test_template_\d+$/.test(template)) {
    const { createDataSource } = (await import(
      path.join(DIST, 'data-source.js')
    )) as typeof DataSourceModule;
    const admin = createDataSource({ url: adminUrl, timeZone: 'UTC', poolSize: 1 });
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.destroy();
  }
  const server = (globalThis as { __embeddedPostgres?: { stop(): Promise<void> } })
    .__embeddedPostgres;
  await server?.stop();
}
