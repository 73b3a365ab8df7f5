import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../backend/src/database/data-source.js';

export const TEMPLATE_DATABASE = 'cg_test_template';

export const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  readonly dataSource: DataSource;
  drop(): Promise<void>;
}

const adminUrl = (): string => {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('TEST_PG_ADMIN_URL is not set: run through Jest globalSetup.');
  return url;
};

/**
 * A fresh database for one spec file, cloned from the migrated template. Refuses any name
 * without "test", so a misconfigured run can never touch a real database.
 */
export async function createTestDatabase(
  options: { timeZone?: string } = {},
): Promise<TestDatabase> {
  const name = `cg_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (!name.includes('test')) throw new Error(`Refusing to use database ${name}.`);
  const admin = createDataSource({ url: adminUrl(), timeZone: 'UTC', poolSize: 1 });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.destroy();
  const url = withDatabase(adminUrl(), name);
  const dataSource = createDataSource({ url, timeZone: options.timeZone ?? 'UTC', poolSize: 4 });
  await dataSource.initialize();
  return {
    url,
    name,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      const cleanup = createDataSource({ url: adminUrl(), timeZone: 'UTC', poolSize: 1 });
      await cleanup.initialize();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.destroy();
    },
  };
}
