import type { EntityManager } from 'typeorm';
import { timeStep } from './step-timing.js';

/**
 * A first load (no order and no exam yet) writes every row of the large tables: maintaining
 * their secondary indexes row by row, through the insert and then the dose update of every
 * exam, costs more than building them once at the end. So on a first load the plain
 * (non-unique, non-primary) indexes of these tables are dropped inside the load's transaction
 * and rebuilt from their own definitions right after the normaliser's inserts, before the dose
 * update (which, with the exams' free page space, is then HOT and touches no index; an index
 * built after HOT updates of the same transaction could not be used until it commits); a
 * failed load rolls the drop back with everything else. Unique indexes stay: the upserts
 * need them. The tables' foreign keys are dropped and added back the same way.
 */
const BULK_TABLES = ['orders', 'exams', 'order_changes'] as const;

/** Rows read at or above which a load refreshes the planner's statistics after each step. */
export const BULK_ROWS = 50_000;

export interface DeferredIndexes {
  /** Rebuilds the dropped indexes (no-op when none were dropped). */
  rebuild(): Promise<void>;
}

export async function deferIndexesOnFirstLoad(manager: EntityManager): Promise<DeferredIndexes> {
  const [{ empty }] = await manager.query(
    `SELECT NOT EXISTS (SELECT 1 FROM orders) AND NOT EXISTS (SELECT 1 FROM exams) AS empty`,
  );
  if (!empty) return { rebuild: async () => undefined };
  return deferIndexes(manager, BULK_TABLES);
}

/**
 * Drops the plain indexes and the foreign keys of `tables` (in the caller's transaction: a
 * failure rolls the drop back) and returns how to build them again from their definitions.
 * Only for tables a load fills from empty (locked so), whose indexes are cheaper built once
 * than maintained row by row. `step` names the two timings (`<step>.drop_indexes`,
 * `<step>.build_indexes`). `unique`: unique indexes too (not a primary key nor a constraint),
 * for tables that no statement upserts into before the rebuild.
 */
export async function deferIndexes(
  manager: EntityManager,
  tables: readonly string[],
  step = 'bulk',
  { unique = false }: { readonly unique?: boolean } = {},
): Promise<DeferredIndexes> {
  const indexes: { name: string; definition: string }[] = await manager.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_class t ON t.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = ANY ($1::text[])
       AND (NOT i.indisunique OR $2) AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     ORDER BY c.relname`,
    [[...tables], unique],
  );
  // the foreign keys of these tables: checked row by row by a trigger on every insert (73 s of
  // a 208 s exams insert at 800k exams); added back after the inserts, PostgreSQL checks each
  // in one join over the table
  const foreignKeys: { table: string; name: string; definition: string }[] = await manager.query(
    `SELECT t.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
     FROM pg_constraint k
     JOIN pg_class t ON t.oid = k.conrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = ANY ($1::text[]) AND k.contype = 'f'
     ORDER BY t.relname, k.conname`,
    [[...tables]],
  );
  await timeStep(`${step}.drop_indexes`, async () => {
    for (const index of indexes) await manager.query(`DROP INDEX "${index.name}"`);
    for (const key of foreignKeys) {
      await manager.query(`ALTER TABLE "${key.table}" DROP CONSTRAINT "${key.name}"`);
    }
  });
  return {
    rebuild: () =>
      timeStep(`${step}.build_indexes`, async () => {
        await manager.query(`SET LOCAL maintenance_work_mem = '256MB'`);
        for (const index of indexes) await manager.query(index.definition);
        for (const key of foreignKeys) {
          await manager.query(
            `ALTER TABLE "${key.table}" ADD CONSTRAINT "${key.name}" ${key.definition}`,
          );
        }
      }),
  };
}

/**
 * True when the table has no row yet, under a lock that keeps it so until the transaction ends
 * (taken only when it looked empty, so a delta locks nothing more than before).
 */
export async function emptyForFirstLoad(manager: EntityManager, table: string): Promise<boolean> {
  const probe = `SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`;
  const [before] = await manager.query(probe);
  if (!before.empty) return false;
  await manager.query(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`);
  const [after] = await manager.query(probe);
  return after.empty as boolean;
}

/**
 * Runs `work` (an insert into `table`, empty and locked so: emptyForFirstLoad) without the
 * table's foreign keys, then adds them back: PostgreSQL checks each in one join over the table
 * instead of a trigger call per inserted row (order_dose at 199,736 orders: the statement took
 * 5.2 s with the trigger, 3.5 s without, and adding the key back 0.1 s).
 */
export function withoutForeignKeys<T>(
  manager: EntityManager,
  table: string,
  work: () => Promise<T>,
): Promise<T> {
  return withoutConstraints(manager, table, 'f', work);
}

/**
 * `work` with the constraints of one type (pg_constraint.contype) dropped, then added back
 * under their own names: withoutForeignKeys, and without the primary key ('p') of a table no
 * foreign key references, one index build over the rows instead of a unique check and an
 * index insertion per row (exam_doses at 803,054 exams).
 */
export async function withoutConstraints<T>(
  manager: EntityManager,
  table: string,
  type: 'f' | 'p',
  work: () => Promise<T>,
): Promise<T> {
  const constraints: { name: string; definition: string }[] = await manager.query(
    `SELECT k.conname AS name, pg_get_constraintdef(k.oid) AS definition
     FROM pg_constraint k
     JOIN pg_class t ON t.oid = k.conrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = $1 AND k.contype = $2
     ORDER BY k.conname`,
    [table, type],
  );
  for (const key of constraints) {
    await manager.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${key.name}"`);
  }
  const result = await work();
  for (const key of constraints) {
    await manager.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${key.name}" ${key.definition}`);
  }
  return result;
}

/**
 * Drops the primary key and unique constraints of `table` (empty and locked so by
 * emptyForFirstLoad, in the caller's transaction), with the foreign keys of other tables that
 * reference them, and returns how to add them back. A first load inserts one row per key (its
 * `DISTINCT ON`, or every row when no key repeats in the run), so the unique check is made
 * once, when the constraint is added back over the whole table, instead of a btree descent per
 * row: the exams' insert at
 * 803k exams spent 6 to 13 s maintaining its primary key and its (source, accession) key,
 * which take 2.5 to 3 s to build afterwards (EXPLAIN ANALYZE, back to back; the orders' insert at
 * 196,736 orders: 2.8 and 3.4 s against 1.0 s, and 1.0 s to build). Added back at once
 * after the insert, so no later statement of the load plans without them; a duplicate key
 * (impossible after either) would fail the load there, as the insert would have.
 */
export async function dropKeysForFirstLoad(
  manager: EntityManager,
  table: string,
): Promise<{ restore(): Promise<void> }> {
  const keys: { name: string; definition: string }[] = await manager.query(
    `SELECT k.conname AS name, pg_get_constraintdef(k.oid) AS definition
     FROM pg_constraint k
     JOIN pg_class t ON t.oid = k.conrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = $1 AND k.contype IN ('p', 'u')
     ORDER BY k.contype, k.conname`,
    [table],
  );
  const references: { table: string; name: string; definition: string }[] = await manager.query(
    `SELECT f.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition
     FROM pg_constraint k
     JOIN pg_class t ON t.oid = k.confrelid
     JOIN pg_class f ON f.oid = k.conrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = $1 AND k.contype = 'f'
     ORDER BY f.relname, k.conname`,
    [table],
  );
  for (const key of references) {
    await manager.query(`ALTER TABLE "${key.table}" DROP CONSTRAINT "${key.name}"`);
  }
  for (const key of keys) {
    await manager.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${key.name}"`);
  }
  return {
    restore: async () => {
      // the index builds sort in memory (as bulk.build_indexes)
      await manager.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      for (const key of keys) {
        await manager.query(
          `ALTER TABLE "${table}" ADD CONSTRAINT "${key.name}" ${key.definition}`,
        );
      }
      for (const key of references) {
        await manager.query(
          `ALTER TABLE "${key.table}" ADD CONSTRAINT "${key.name}" ${key.definition}`,
        );
      }
    },
  };
}

/**
 * A first load's `INSERT INTO table (columns) <select>` with the SELECT computed by parallel
 * workers: PostgreSQL 15 plans no INSERT in parallel, but it does a CREATE TABLE AS, so the
 * rows are computed into an unlogged staging table (written without WAL, dropped before the
 * transaction ends, rolled back with it) and copied into the table in the order the SELECT gave
 * them (a sequential scan of a table written once, not synchronized with another scan).
 * Every statement but the CREATE TABLE AS is the leader's alone, as before: the copy is the
 * price, a plain insert of narrow rows. For a statement whose SELECT reads no temporary table
 * (parallel workers cannot see one): a first load's, over every patient. The cumulative dose at
 * 1M orders: 14.3 and 19.6 s as one INSERT, 10.1 and 11.1 s so (docs/performance.md, session 25).
 * Returns the rows inserted.
 */
export async function insertInParallel(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  select: string,
  parameters: readonly unknown[] = [],
): Promise<number> {
  const stage = `parallel_stage_${table}`;
  await manager.query(`DROP TABLE IF EXISTS ${stage}`);
  await manager.query(`CREATE UNLOGGED TABLE ${stage} AS ${select}`, [...parameters]);
  await manager.query('SET LOCAL synchronize_seqscans = off');
  const list = columns.join(', ');
  const inserted = await rowsWritten(
    manager,
    `INSERT INTO ${table} (${list}) SELECT ${list} FROM ${stage}`,
  );
  await manager.query(`DROP TABLE ${stage}`);
  return inserted;
}

/**
 * Runs an INSERT, UPDATE or DELETE in the manager's transaction and returns the rows it wrote
 * (`manager.query` gives an INSERT's returned rows only: none without RETURNING).
 */
export async function rowsWritten(
  manager: EntityManager,
  sql: string,
  parameters: readonly unknown[] = [],
): Promise<number> {
  if (!manager.queryRunner) throw new Error('rowsWritten runs in a transaction');
  const result = await manager.queryRunner.query(sql, [...parameters], true);
  return result.affected ?? 0;
}

/** Fresh planner statistics for the model tables a large load just wrote. */
export async function analyseModel(
  manager: EntityManager,
  tables: readonly string[],
): Promise<void> {
  await timeStep('bulk.analyze', async () => {
    for (const table of tables) await manager.query(`ANALYZE ${table}`);
    await pinPatientDistinct(manager, tables);
  });
}

/** The tables a delta reads by patient (the touched patients' orders and their prior exams). */
export const READ_BY_PATIENT = ['orders', 'exams'];

/**
 * Gives the planner the number of patients in orders.patient_id and exams.patient_id: the
 * patients' rows over the table's (at most 1), as a ratio that grows with the table. ANALYZE
 * estimates distinct values from a 30,000-row sample, and on a large table it undercounts them
 * badly: at 10M orders it took 319,106 patients in exams and 704,963 in orders for 8,695,652,
 * so a delta's 3,001 patients were planned as 42,558 orders and 811,478 prior exams (actual
 * 8,275 and 52,781), and the cumulative dose hashed every exam, exam dose and order dose: 24.5 s,
 * against 0.58 s by index with this ratio (EXPLAIN ANALYZE, docs/performance.md). Set after the
 * tables' ANALYZE (reltuples fresh) and applied by a second ANALYZE of the column alone.
 */
export async function pinPatientDistinct(
  manager: EntityManager,
  tables: readonly string[],
): Promise<void> {
  const keyed = tables.filter((table) => READ_BY_PATIENT.includes(table));
  if (keyed.length === 0) return;
  const ratios: { table: string; ratio: number | null }[] = await manager.query(
    `SELECT c.relname AS table,
       CASE WHEN c.reltuples > 0 AND p.reltuples > 0
            THEN least(1, p.reltuples / c.reltuples)::float8 END AS ratio
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_class p ON p.relnamespace = n.oid AND p.relname = 'patients' AND p.relkind = 'r'
     WHERE n.nspname = current_schema() AND c.relname = ANY ($1::text[]) AND c.relkind = 'r'
     ORDER BY c.relname`,
    [keyed],
  );
  for (const { table, ratio } of ratios) {
    if (ratio === null || !(ratio > 0)) continue;
    // negative: a fraction of the rows (PostgreSQL's form for a count that scales with them)
    await manager.query(
      `ALTER TABLE ${table} ALTER COLUMN patient_id SET (n_distinct = -${ratio.toPrecision(4)})`,
    );
    await manager.query(`ANALYZE ${table} (patient_id)`);
  }
}

/**
 * ANALYZEs each table the step wrote `rowsWritten` rows into when its statistics no longer
 * describe it: at least BULK_ROWS rows, a table never analysed (a first load: reltuples -1), or
 * a table that grew by a fifth or more. Autovacuum cannot see the rows of the load's own
 * transaction, and without statistics a small first load (a few thousand patients) was planned
 * with nested loops over tables the planner took for empty: 20 minutes for 5,000 patients
 * against 1 minute for 20,000. Returns whether any table was analysed.
 */
export async function analyseGrown(
  manager: EntityManager,
  tables: readonly string[],
  rowsWritten: number,
): Promise<boolean> {
  if (rowsWritten <= 0) return false;
  const stale: { table: string }[] = await manager.query(
    `SELECT c.relname AS table
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relname = ANY ($1::text[])
       AND ($2::bigint >= $3::bigint OR c.reltuples < 0 OR $2::bigint * 5 >= c.reltuples)
     ORDER BY c.relname`,
    [[...tables], rowsWritten, BULK_ROWS],
  );
  if (stale.length === 0) return false;
  await analyseModel(
    manager,
    stale.map((row) => row.table),
  );
  return true;
}

/**
 * The model's tables of at least 1,000 pages (8 MB) whose visibility map covers less than half
 * of them, by the statistics the load's ANALYZE left (`relallvisible`): what a large load just
 * wrote. The landing tables are left out: each run reads only its own rows, once.
 */
const UNVISITED_TABLES = `
  SELECT c.relname AS table
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT LIKE 'landing\\_%'
    AND c.relpages >= 1000 AND c.relallvisible < c.relpages / 2
  ORDER BY c.relpages DESC, c.relname`;

/**
 * After a large load has committed: VACUUMs the tables it wrote (UNVISITED_TABLES), as
 * autovacuum would some minutes later. Until then every row of them is read as if it might
 * still be in flight: the first scans after the load set each row's hint bits and write every
 * page again, and no index-only scan skips the heap. The next one-day delta at 1M orders took
 * 5.7 to 5.9 s on the tables as loaded, 4.8 to 5.2 s after this (this VACUUM: 2.4 s after a 1M
 * first load, 44.5 s after a 10M one; docs/performance.md, session 22). A VACUUM
 * cannot run inside the load's transaction; a failed one leaves the load as it is (committed)
 * and autovacuum to do it. Returns the tables vacuumed.
 */
export async function vacuumAfterLoad(
  query: (sql: string) => Promise<{ table: string }[]>,
): Promise<string[]> {
  const tables = (await query(UNVISITED_TABLES)).map((row) => row.table);
  if (tables.length === 0) return tables;
  await timeStep('vacuum', async () => {
    for (const table of tables) {
      await timeStep(`vacuum.${table}`, () => query(`VACUUM "${table}"`));
    }
  });
  return tables;
}
