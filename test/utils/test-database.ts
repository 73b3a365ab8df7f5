import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../backend/src/database/data-source.js';

/** Names the integration suite may create and drop; nothing else is ever touched. */
export const TEMPLATE_NAME_PATTERN = /^cg_test_template_\d+$/;
export const SPEC_DATABASE_PATTERN = /^cg_test_\d+_[0-9a-f]{8}$/;
/** Written on every database the suite creates (COMMENT ON DATABASE) and checked before use. */
export const TEST_DATABASE_MARKER = 'clinical-grounds test database: dropped by the test suite';

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

/** The per-run template global setup migrated (TEST_PG_TEMPLATE), checked by name. */
export const templateDatabase = (): string => {
  const name = process.env.TEST_PG_TEMPLATE;
  if (!name) throw new Error('TEST_PG_TEMPLATE is not set: run through Jest globalSetup.');
  if (!TEMPLATE_NAME_PATTERN.test(name)) {
    throw new Error(`Refusing to clone ${name}: not a test template (cg_test_template_<pid>).`);
  }
  return name;
};

/**
 * Refuses, with one line, unless `name` is a database this suite created: its name has the
 * suite's pattern, it is not the admin connection's own database, and PostgreSQL holds the
 * suite's marker comment on it. A misconfigured run can therefore never drop or reuse a real
 * database, whatever URL it was given.
 */
export async function assertTestDatabase(
  admin: DataSource,
  name: string,
  pattern: RegExp,
): Promise<void> {
  if (!pattern.test(name)) throw new Error(`Refusing to use database ${name}: not a test name.`);
  const adminDatabase = decodeURIComponent(new URL(adminUrl()).pathname.slice(1));
  if (name === adminDatabase) {
    throw new Error(`Refusing to use database ${name}: it is the admin connection's database.`);
  }
  const rows: Array<{ comment: string | null }> = await admin.query(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [name],
  );
  if (rows[0]?.comment !== TEST_DATABASE_MARKER) {
    throw new Error(
      `Refusing to use database ${name}: it does not carry the test suite's marker comment.`,
    );
  }
}

const withAdmin = async <T>(work: (admin: DataSource) => Promise<T>): Promise<T> => {
  const admin = createDataSource({ url: adminUrl(), timeZone: 'UTC', poolSize: 1 });
  await admin.initialize();
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
};

/**
 * A fresh database for one spec file, cloned from this run's migrated template
 * (cg_test_template_<pid>, so two suites on one server never share or drop each other's).
 */
export async function createTestDatabase(
  options: { timeZone?: string } = {},
): Promise<TestDatabase> {
  const name = `cg_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = templateDatabase();
  await withAdmin(async (admin) => {
    await assertTestDatabase(admin, template, TEMPLATE_NAME_PATTERN);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.query(`COMMENT ON DATABASE ${name} IS '${TEST_DATABASE_MARKER}'`);
  });
  const url = withDatabase(adminUrl(), name);
  const dataSource = createDataSource({ url, timeZone: options.timeZone ?? 'UTC', poolSize: 4 });
  await dataSource.initialize();
  return {
    url,
    name,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await withAdmin(async (admin) => {
        await assertTestDatabase(admin, name, SPEC_DATABASE_PATTERN);
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}
