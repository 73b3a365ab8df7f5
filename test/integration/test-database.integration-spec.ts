import { createDataSource } from '../../backend/src/database/data-source.js';
import {
  assertTestDatabase,
  createTestDatabase,
  SPEC_DATABASE_PATTERN,
  TEMPLATE_NAME_PATTERN,
} from '../utils/test-database.js';

/** The guard in test-database.ts: the suite only ever clones and drops databases it created. */
describe('test databases', () => {
  const adminUrl = (): string => process.env.TEST_PG_ADMIN_URL as string;

  it('clones from this run’s own marked template, cg_test_template_<pid of the Jest run>', async () => {
    const template = process.env.TEST_PG_TEMPLATE as string;
    expect(template).toMatch(TEMPLATE_NAME_PATTERN);
    const admin = createDataSource({ url: adminUrl(), timeZone: 'UTC', poolSize: 1 });
    await admin.initialize();
    try {
      await expect(
        assertTestDatabase(admin, template, TEMPLATE_NAME_PATTERN),
      ).resolves.toBeUndefined();
    } finally {
      await admin.destroy();
    }
  });

  it('creates a marked database and drops it', async () => {
    const database = await createTestDatabase();
    expect(database.name).toMatch(SPEC_DATABASE_PATTERN);
    const [{ count }] = await database.dataSource.query(
      'SELECT count(*)::int AS count FROM orders',
    );
    expect(count).toBe(0);
    await database.drop();
    const admin = createDataSource({ url: adminUrl(), timeZone: 'UTC', poolSize: 1 });
    await admin.initialize();
    const rows = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database.name]);
    await admin.destroy();
    expect(rows).toEqual([]);
  });

  it('refuses a database with a test name that the suite did not mark, and the admin database', async () => {
    const admin = createDataSource({ url: adminUrl(), timeZone: 'UTC', poolSize: 1 });
    await admin.initialize();
    const unmarked = `cg_test_${process.pid}_0badf00d`;
    await admin.query(`CREATE DATABASE ${unmarked}`);
    try {
      await expect(assertTestDatabase(admin, unmarked, SPEC_DATABASE_PATTERN)).rejects.toThrow(
        `Refusing to use database ${unmarked}: it does not carry the test suite's marker comment.`,
      );
      const adminDatabase = new URL(adminUrl()).pathname.slice(1);
      await expect(assertTestDatabase(admin, adminDatabase, /.*/)).rejects.toThrow(
        "it is the admin connection's database",
      );
      await expect(assertTestDatabase(admin, 'postgres', SPEC_DATABASE_PATTERN)).rejects.toThrow(
        'Refusing to use database postgres: not a test name.',
      );
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${unmarked}`);
      await admin.destroy();
    }
  });

  it('refuses to clone a template that is not a test template', async () => {
    const template = process.env.TEST_PG_TEMPLATE;
    process.env.TEST_PG_TEMPLATE = 'postgres';
    try {
      await expect(createTestDatabase()).rejects.toThrow(
        'Refusing to clone postgres: not a test template (cg_test_template_<pid>).',
      );
    } finally {
      process.env.TEST_PG_TEMPLATE = template;
    }
  });
});
