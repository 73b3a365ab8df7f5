import pg from 'pg';
import { fetchAhead } from '../../backend/src/database/fetch-ahead.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/**
 * fetchAhead reads a cursor batch by batch with the next FETCH already sent while the caller
 * works on the batch it was given (the texts step and the clinician patterns read so), on a
 * real PostgreSQL connection.
 */
describe('fetchAhead', () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(async () => {
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query(
      'DECLARE numbers NO SCROLL CURSOR FOR SELECT g AS n FROM generate_series(1, 2500) g',
    );
  });
  afterEach(async () => {
    await client.query('ROLLBACK');
    await client.end();
  });

  const read = (batch: number) =>
    fetchAhead<{ n: number }>(client as unknown as pg.PoolClient, 'numbers', batch);

  it('gives every row once, in the cursor order, in batches of the size asked', async () => {
    const sizes: number[] = [];
    const numbers: number[] = [];
    for await (const rows of read(1000)) {
      sizes.push(rows.length);
      numbers.push(...rows.map((row) => row.n));
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(numbers).toEqual(Array.from({ length: 2500 }, (_, index) => index + 1));
  });

  it('has PostgreSQL read the next batch while the caller works on one', async () => {
    // a sequence counts the rows the cursor has produced so far
    await client.query('CREATE TEMPORARY SEQUENCE produced');
    await client.query(
      `DECLARE counted NO SCROLL CURSOR FOR
       SELECT g AS n, nextval('produced') AS produced FROM generate_series(1, 2500) g`,
    );
    const producedWhenGiven: number[] = [];
    for await (const rows of fetchAhead<{ n: number }>(
      client as unknown as pg.PoolClient,
      'counted',
      1000,
    )) {
      // sent now, this runs after the FETCH already on its way
      const [{ produced }] = (
        await client.query<{ produced: string }>('SELECT last_value AS produced FROM produced')
      ).rows;
      producedWhenGiven.push(Number(produced) - rows[rows.length - 1].n);
    }
    // the rows produced beyond each batch given: the next batch (1,000, then the last 500)
    expect(producedWhenGiven).toEqual([1000, 500, 0]);
  });

  it('leaves the connection usable when the caller stops early', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for await (const rows of read(1000)) {
        expect(rows[0].n).toBe(1);
        break;
      }
      // the FETCH sent ahead took the second batch: the cursor goes on from the third
      const { rows } = await client.query<{ n: number }>('FETCH 1 FROM numbers');
      expect(rows).toEqual([{ n: 2001 }]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('throws the error of a FETCH PostgreSQL refuses, naming the cursor', async () => {
    const iterate = async () => {
      for await (const rows of fetchAhead(client as unknown as pg.PoolClient, 'missing', 10)) {
        expect(rows).toBeUndefined();
      }
    };
    await expect(iterate()).rejects.toThrow('cursor "missing" does not exist');
  });
});
