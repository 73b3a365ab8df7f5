import { vacuumAfterLoad } from '../../backend/src/modules/ingestion/bulk-load.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/** Pages and pages marked all-visible, as the last VACUUM or ANALYZE counted them. */
const visibility = async (database: TestDatabase, table: string) => {
  const [row] = await database.dataSource.query(
    `SELECT relpages, relallvisible FROM pg_class WHERE oid = $1::regclass`,
    [table],
  );
  return row as { relpages: number; relallvisible: number };
};

describe('VACUUM after a large load', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('vacuums the model tables a load wrote whole, not the landing tables nor small ones', async () => {
    const query = (sql: string) => database.dataSource.query(sql);
    // as a load leaves them: written, analysed, never vacuumed (about 1,300 pages each)
    for (const table of ['bulk_written', 'landing_bulk_written']) {
      await query(
        `CREATE TABLE ${table} AS SELECT n, repeat('x', 40) AS filler FROM generate_series(1, 150000) n`,
      );
    }
    await query(`CREATE TABLE small_written AS SELECT n FROM generate_series(1, 1000) n`);
    await query('ANALYZE bulk_written, landing_bulk_written, small_written');
    const before = await visibility(database, 'bulk_written');
    expect(before.relpages).toBeGreaterThanOrEqual(1000);
    expect(before.relallvisible).toBe(0);

    // the freshly migrated model's own tables are small: only the written one is vacuumed
    expect(await vacuumAfterLoad(query)).toEqual(['bulk_written']);
    const vacuumed = await query(
      `SELECT relname AS table FROM pg_stat_user_tables
       WHERE relname IN ('bulk_written', 'landing_bulk_written', 'small_written')
         AND last_vacuum IS NOT NULL`,
    );
    expect(vacuumed).toEqual([{ table: 'bulk_written' }]);
    // (how much of it the VACUUM could mark all-visible depends on the transactions other test
    // files hold open on the same server: not asserted)
    expect((await visibility(database, 'landing_bulk_written')).relallvisible).toBe(0);
  });
});
