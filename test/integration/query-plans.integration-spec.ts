import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import {
  TOUCHED_SCOPE,
  cumulativeDoseSql,
  effectiveDoseSql,
  firstLoadCumulativeDoseSql,
  firstLoadEffectiveDoseSql,
} from '../../backend/src/modules/dose/dose.sql.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import * as normaliser from '../../backend/src/modules/ingestion/normaliser.sql.js';
import { SELECT_STUDY_REPORTS } from '../../backend/src/modules/ingestion/dose-report-normaliser.sql.js';
import {
  CREATE_ROLLUP_CHANGES,
  DELETE_ROLLUP_MONTHS,
  INSERT_ALL_ROLLUPS,
  INSERT_ROLLUP_MONTHS,
  MOVE_BY_CHANGES,
  SUM_ROLLUP_CHANGES,
} from '../../backend/src/modules/analytics/rollup.sql.js';
import {
  BUILD_ASSESS_FACTS,
  BUILD_ASSESS_FACTS_WIDE,
  CHANGED_MONTHS,
  COLLECT_PATTERN_DELTA,
  COLLECT_PATTERN_DELTA_WIDE,
  CREATE_ASSESS_SCOPE,
  CREATE_ASSESSED_BEFORE,
  CREATE_ASSESSMENT_CHANGES,
  CREATE_RELEVELLED,
  CREATE_PATTERN_COUNT_DELTA,
  CREATE_TEXT_FACTS_STAGE,
  RECORD_ASSESSMENT_CHANGES,
  SCOPE_NEVER_ASSESSED,
  SCOPE_STALE,
  SCOPE_TOUCHED_PATIENTS,
  SCORE_CASES,
  SCORE_FIRST_CASES,
  SELECT_ORDER_TEXTS,
  SELECT_ORDER_TEXTS_WIDE,
  SNAPSHOT_SCOPE,
  SNAPSHOT_SCOPE_WIDE,
  textlessFactsSql,
  UPSERT_ASSESSMENTS,
  INSERT_ASSESSMENTS,
  UPSERT_TEXT_FACTS,
} from '../../backend/src/modules/steering/assessment.sql.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { PatientDistinct1796000800000 } from '../../migrations/1796000800000-PatientDistinct.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** The tables that grow with the history (a delta should read only its part of them). */
const HISTORY_TABLES = new Set([
  'patients',
  'orders',
  'order_changes',
  'exams',
  'exam_doses',
  'order_dose',
  'order_text_facts',
  'order_assessments',
  'order_signals',
  'assessment_rollups',
  'department_rollups',
  'order_volume_rollups',
]);

/** Node types that read a whole input again each time they are rescanned. */
const FULL_RESCANS = new Set(['Seq Scan', 'Materialize', 'CTE Scan', 'Function Scan']);

const walk = (node: PlanNode, visit: (node: PlanNode) => void): void => {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
};

/**
 * Per-row SubPlans that rescan a whole input (not an index probe): the plan shape that is
 * quadratic in the rows, e.g. `x IN (SELECT …) OR …` once the subquery's hash exceeds work_mem.
 * A hashed SubPlan (built once) and an InitPlan (run once) are fine, and so is a correlated
 * SubPlan whose rescan is an index lookup.
 */
const quadraticSubPlans = (root: PlanNode): string[] => {
  const found: string[] = [];
  walk(root, (node) => {
    const name = node['Subplan Name'] ?? '';
    if (node['Parent Relationship'] !== 'SubPlan' || name.includes('hashed')) return;
    walk(node, (inner) => {
      if (FULL_RESCANS.has(inner['Node Type'])) {
        found.push(`${name}: ${inner['Node Type']} ${inner['Relation Name'] ?? ''}`.trim());
      }
    });
  });
  return found;
};

const explain = async (
  manager: EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<PlanNode> => {
  const [row] = await manager.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
  const plan =
    typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN'];
  return plan[0].Plan as PlanNode;
};

/**
 * The statements of the import and the analysis, planned as at a large load: the scope and the
 * touched patients hold 200,000 rows each, and work_mem is at its minimum, so no hash of them
 * fits. None may plan a per-row SubPlan that rescans a whole input.
 */
describe('query plans at scale', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-plans-'));
    await generateHospital({ patients: 400, months: 6, seed: 5, outDir: folder });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
  });
  afterAll(async () => {
    await database.drop();
  });

  const withLargeScope = async (
    check: (manager: EntityManager) => Promise<void>,
  ): Promise<void> => {
    await database.dataSource
      .transaction(async (manager) => {
        await manager.query(`SET LOCAL work_mem = '64kB'`);
        await manager.query(normaliser.CREATE_TOUCHED_PATIENTS);
        await manager.query(
          `INSERT INTO touched_patients SELECT 'X' || n FROM generate_series(1, 200000) AS n`,
        );
        await manager.query(CREATE_ASSESS_SCOPE);
        await manager.query(
          `INSERT INTO assess_scope SELECT n FROM generate_series(1, 200000) AS n`,
        );
        await manager.query(CREATE_TEXT_FACTS_STAGE);
        await manager.query('ANALYZE touched_patients');
        await manager.query('ANALYZE assess_scope');
        await check(manager);
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error;
      });
  };

  it('SCORE_CASES reads the scope by a join, not a per-row SubPlan', async () => {
    await withLargeScope(async (manager) => {
      await manager.query(CREATE_RELEVELLED);
      const plan = await explain(manager, SCORE_CASES, [1, 1, ['*', 'P1', 'P2'], 0.05]);
      expect(quadraticSubPlans(plan)).toEqual([]);
    });
  });

  it('the SubPlan check sees the shape that was quadratic', async () => {
    // the statement SCORE_CASES had before: a scope test OR'ed with a provider test
    await withLargeScope(async (manager) => {
      const plan = await explain(
        manager,
        `SELECT a.order_pk FROM order_assessments a
         WHERE a.order_pk IN (SELECT order_pk FROM assess_scope)
            OR (a.case_level IS NOT NULL AND a.provider_id = ANY ($1::text[]))`,
        [['P1']],
      );
      expect(quadraticSubPlans(plan)).not.toEqual([]);
    });
  });

  it('the analysis and dose statements plan no per-row rescan', async () => {
    await withLargeScope(async (manager) => {
      const [{ version }] = await manager.query(
        'SELECT max(version)::int AS version FROM reference_versions',
      );
      await manager.query(CREATE_ASSESSED_BEFORE);
      await manager.query(CREATE_PATTERN_COUNT_DELTA);
      const statements: [string, string, unknown[]][] = [
        ['SCOPE_TOUCHED_PATIENTS', SCOPE_TOUCHED_PATIENTS, []],
        ['SCOPE_STALE', SCOPE_STALE, [1, version, 'x', 30, '2024-06-30T00:00:00Z', null]],
        [
          'SCOPE_STALE after an analysis',
          SCOPE_STALE,
          [1, version, 'x', 30, '2024-06-30T00:00:00Z', '2024-06-29T00:00:00Z'],
        ],
        ['SCOPE_NEVER_ASSESSED', SCOPE_NEVER_ASSESSED, []],
        ['SELECT_ORDER_TEXTS', SELECT_ORDER_TEXTS, []],
        ['SELECT_ORDER_TEXTS_WIDE', SELECT_ORDER_TEXTS_WIDE, []],
        ['textlessFactsSql', textlessFactsSql('text_facts_stage', 'keyed'), ['x']],
        ['textlessFactsSql wide', textlessFactsSql('order_text_facts', 'wide'), ['x']],
        ['SNAPSHOT_SCOPE_WIDE', SNAPSHOT_SCOPE_WIDE, []],
        ['COLLECT_PATTERN_DELTA_WIDE', COLLECT_PATTERN_DELTA_WIDE, [1]],
        ['UPSERT_TEXT_FACTS', UPSERT_TEXT_FACTS, []],
        ['BUILD_ASSESS_FACTS', BUILD_ASSESS_FACTS, [version, 30, 30]],
        ['BUILD_ASSESS_FACTS_WIDE', BUILD_ASSESS_FACTS_WIDE, [version, 30, 30]],
        ['effectiveDoseSql', effectiveDoseSql(TOUCHED_SCOPE), ['ICRP103']],
        [
          'firstLoadEffectiveDoseSql',
          firstLoadEffectiveDoseSql(TOUCHED_SCOPE, 'linked'),
          ['ICRP103'],
        ],
        [
          'firstLoadEffectiveDoseSql no reports',
          firstLoadEffectiveDoseSql(TOUCHED_SCOPE, 'none'),
          ['ICRP103'],
        ],
        ['cumulativeDoseSql', cumulativeDoseSql(TOUCHED_SCOPE), [20, 3, 5, 1]],
        ['firstLoadCumulativeDoseSql', firstLoadCumulativeDoseSql(TOUCHED_SCOPE), [20, 3, 5, 1]],
        ['SELECT_STUDY_REPORTS', SELECT_STUDY_REPORTS, [1, ['1.2.3']]],
        ['SCORE_FIRST_CASES', SCORE_FIRST_CASES, [1, 1, ['*', 'P1'], 0.05]],
      ];
      const found: string[] = [];
      for (const [name, sql, parameters] of statements) {
        const plan = await explain(manager, sql, parameters);
        found.push(...quadraticSubPlans(plan).map((hit) => `${name}: ${hit}`));
      }
      // UPSERT_ASSESSMENTS reads assess_facts, which BUILD_ASSESS_FACTS creates
      await manager.query(BUILD_ASSESS_FACTS, [version, 30, 30]);
      await manager.query('ANALYZE assess_facts');
      const upsert = await explain(manager, UPSERT_ASSESSMENTS, [1, version, 'x', true]);
      found.push(...quadraticSubPlans(upsert).map((hit) => `UPSERT_ASSESSMENTS: ${hit}`));
      const insert = await explain(manager, INSERT_ASSESSMENTS, [1, version, 'x', true]);
      found.push(...quadraticSubPlans(insert).map((hit) => `INSERT_ASSESSMENTS: ${hit}`));
      expect(found).toEqual([]);
    });
  });

  /**
   * A one-day delta against a long history: touched_patients and assess_scope hold a handful of
   * rows, and the history tables are planned as if they held 10,000 times their rows (their
   * reltuples scaled inside the rolled-back transaction: the planner's view of a database of
   * millions of orders). A statement that still reads a history table whole (a seq scan, or
   * an index scan with no condition) costs in proportion to the history, not to the delta:
   * e.g. the rollup refresh of every month of the touched patients' orders.
   */
  const historyReads = (root: PlanNode, partialIndexes = new Set<string>()): string[] => {
    const found: string[] = [];
    // An index scan without a condition right under a Limit reads the index's first entries:
    // how PostgreSQL answers max(ordered_at) (18 plans it so, 15 differently), not a full read.
    const firstEntries = new Set<PlanNode>();
    walk(root, (node) => {
      if (node['Node Type'] === 'Limit')
        for (const child of node.Plans ?? []) firstEntries.add(child);
    });
    walk(root, (node) => {
      const relation = node['Relation Name'] ?? '';
      if (!HISTORY_TABLES.has(relation)) return;
      const type = node['Node Type'];
      if (type === 'Seq Scan') found.push(`Seq Scan ${relation}`);
      // a partial index holds only its few rows (e.g. the pending assessments)
      if (partialIndexes.has(node['Index Name'] ?? '')) return;
      if (firstEntries.has(node)) return;
      if ((type === 'Index Scan' || type === 'Index Only Scan') && !node['Index Cond']) {
        found.push(`${type} ${relation} (${node['Index Name']}, no condition)`);
      }
      if (type === 'Bitmap Heap Scan') {
        walk(node, (inner) => {
          if (inner['Node Type'] === 'Bitmap Index Scan' && !inner['Index Cond']) {
            found.push(`Bitmap Heap Scan ${relation} (${inner['Index Name']}, no condition)`);
          }
        });
      }
    });
    return found;
  };

  /** Plans `check`'s statements with a five-patient delta over a history 10,000 times larger. */
  const withLongHistory = async (
    check: (manager: EntityManager) => Promise<void>,
  ): Promise<void> => {
    await database.dataSource
      .transaction(async (manager) => {
        // statistics first: the planner ignores reltuples of a table never analysed
        await manager.query(`ANALYZE ${[...HISTORY_TABLES].join(', ')}`);
        await manager.query(
          `UPDATE pg_class SET reltuples = greatest(reltuples, 1) * 10000
           WHERE oid IN (SELECT oid FROM pg_class WHERE relname = ANY ($1::text[])
                         UNION ALL
                         SELECT i.indexrelid FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                         WHERE c.relname = ANY ($1::text[]))`,
          [[...HISTORY_TABLES]],
        );
        await check(manager);
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error;
      });
  };

  it('the statements of a delta read the delta, not the history', async () => {
    await withLongHistory(async (manager) => {
      await manager.query(normaliser.CREATE_TOUCHED_PATIENTS);
      await manager.query(
        `INSERT INTO touched_patients SELECT patient_id FROM patients ORDER BY 1 LIMIT 5`,
      );
      await manager.query(CREATE_ASSESS_SCOPE);
      await manager.query(SCOPE_TOUCHED_PATIENTS);
      await manager.query(CREATE_TEXT_FACTS_STAGE);
      await manager.query(CREATE_ASSESSED_BEFORE);
      await manager.query(CREATE_PATTERN_COUNT_DELTA);
      await manager.query(CREATE_ASSESSMENT_CHANGES);
      await manager.query(CREATE_RELEVELLED);
      await manager.query(CREATE_ROLLUP_CHANGES);
      await manager.query('ANALYZE touched_patients');
      await manager.query('ANALYZE assess_scope');
      const [{ version }] = await manager.query(
        'SELECT max(version)::int AS version FROM reference_versions',
      );
      // the refresh of a month reads that month, by design: a month without orders shows
      // whether it reads anything else
      const months = ['1900-01'];
      // not SCOPE_NEVER_ASSESSED: an anti-join of every order with its assessment, run only
      // after a load made without the analysis (unassessed_loads)
      const statements: [string, string, unknown[]][] = [
        ['SCOPE_TOUCHED_PATIENTS', SCOPE_TOUCHED_PATIENTS, []],
        // after an analysis: the pending orders whose timeout the day since reached
        [
          'SCOPE_STALE',
          SCOPE_STALE,
          [1, version, 'x', 30, '2024-06-30T00:00:00Z', '2024-06-29T00:00:00Z'],
        ],
        ['SELECT_ORDER_TEXTS', SELECT_ORDER_TEXTS, []],
        ['textlessFactsSql', textlessFactsSql('text_facts_stage', 'keyed'), ['x']],
        ['UPSERT_TEXT_FACTS', UPSERT_TEXT_FACTS, []],
        ['BUILD_ASSESS_FACTS', BUILD_ASSESS_FACTS, [version, 30, 30]],
        ['SNAPSHOT_SCOPE', SNAPSHOT_SCOPE, []],
        ['COLLECT_PATTERN_DELTA', COLLECT_PATTERN_DELTA, [-1]],
        ['SCORE_CASES', SCORE_CASES, [1, 1, ['P1'], 0.05]],
        ['CHANGED_MONTHS', CHANGED_MONTHS, []],
        ['RECORD_ASSESSMENT_CHANGES', RECORD_ASSESSMENT_CHANGES, []],
        ['SUM_ROLLUP_CHANGES', SUM_ROLLUP_CHANGES, []],
        ...MOVE_BY_CHANGES.map(({ table, sql }): [string, string, unknown[]] => [
          `MOVE_BY_CHANGES ${table}`,
          sql,
          [],
        ]),
        ...DELETE_ROLLUP_MONTHS.map((sql): [string, string, unknown[]] => [
          'DELETE_ROLLUP_MONTHS',
          sql,
          [months],
        ]),
        ['INSERT_ROLLUP_MONTHS', INSERT_ROLLUP_MONTHS, [months]],
        ['effectiveDoseSql', effectiveDoseSql(TOUCHED_SCOPE), ['ICRP103']],
        ['effectiveDoseSql no reports', effectiveDoseSql(TOUCHED_SCOPE, 'none'), ['ICRP103']],
        ['cumulativeDoseSql', cumulativeDoseSql(TOUCHED_SCOPE), [20, 3, 5, 1]],
      ];
      const partial = new Set<string>(
        (
          await manager.query(
            `SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indpred IS NOT NULL`,
          )
        ).map((row: { relname: string }) => row.relname),
      );
      const found: string[] = [];
      for (const [name, sql, parameters] of statements) {
        const plan = await explain(manager, sql, parameters);
        found.push(...historyReads(plan, partial).map((hit) => `${name}: ${hit}`));
      }
      // an order's exams through the partial index of the exams that have an order (migration
      // ExamsOrderIndexPartial): the equality implies IS NOT NULL
      const facts: string[] = [];
      walk(await explain(manager, BUILD_ASSESS_FACTS, [version, 30, 30]), (node) => {
        if (node['Relation Name'] === 'exams') facts.push(node['Index Name'] ?? node['Node Type']);
      });
      expect(facts).toContain('ix_exams_order_pk');
      expect(facts.filter((read) => !read.startsWith('ix_'))).toEqual([]);
      expect(partial.has('ix_exams_order_pk')).toBe(true);
      await manager.query(BUILD_ASSESS_FACTS, [version, 30, 30]);
      await manager.query('ANALYZE assess_facts');
      const upsert = await explain(manager, UPSERT_ASSESSMENTS, [1, version, 'x', true]);
      found.push(...historyReads(upsert, partial).map((hit) => `UPSERT_ASSESSMENTS: ${hit}`));
      // a real delta's scope is every order of its patients: about 1 % of the orders at 1M
      // (11k), where a join to orders was planned as a hash over a seq scan of every order
      await manager.query('DROP TABLE assess_facts');
      await manager.query(
        `INSERT INTO assess_scope
         SELECT -n FROM generate_series(1, (SELECT (reltuples / 100)::int FROM pg_class
                                            WHERE relname = 'orders')) AS n`,
      );
      await manager.query('ANALYZE assess_scope');
      const atOnePerCent: [string, string, unknown[]][] = [
        ['BUILD_ASSESS_FACTS', BUILD_ASSESS_FACTS, [version, 30, 30]],
        // each of these read order_assessments or orders whole at a 1M delta (0.5 to 0.9 s)
        ['SNAPSHOT_SCOPE', SNAPSHOT_SCOPE, []],
        ['COLLECT_PATTERN_DELTA', COLLECT_PATTERN_DELTA, [-1]],
        ['SELECT_ORDER_TEXTS', SELECT_ORDER_TEXTS, []],
        ['textlessFactsSql', textlessFactsSql('text_facts_stage', 'keyed'), ['x']],
      ];
      for (const [name, sql, parameters] of atOnePerCent) {
        const plan = await explain(manager, sql, parameters);
        found.push(...historyReads(plan, partial).map((hit) => `${name} 1 %: ${hit}`));
      }
      expect(found).toEqual([]);
      // after an analysis the pending orders are read by order time (the day whose timeouts
      // came), not each pending order probed
      const stale = await explain(manager, SCOPE_STALE, [
        1,
        version,
        'x',
        30,
        '2024-06-30T00:00:00Z',
        '2024-06-29T00:00:00Z',
      ]);
      const indexes: string[] = [];
      walk(stale, (node) => {
        if (node['Index Name']) indexes.push(`${node['Relation Name']} ${node['Index Name']}`);
      });
      expect(indexes).toContainEqual(expect.stringMatching(/^orders ix_orders_ordered_at_id$/));
    });
  });

  it('gives the planner the patients of orders and exams as a ratio of their rows', async () => {
    // ANALYZE's own estimate from its sample undercounts the patients of a large table (at 10M
    // orders 319,106 in exams for 8,695,652), and a delta then hashed every exam
    const stats: { table: string; n_distinct: number; options: string[]; expected: number }[] =
      await database.dataSource.query(
        `SELECT s.tablename AS table, s.n_distinct::float8 AS n_distinct, a.attoptions AS options,
           -least(1, (SELECT count(*) FROM patients)::float8
                     / CASE s.tablename WHEN 'orders' THEN (SELECT count(*) FROM orders)
                                        ELSE (SELECT count(*) FROM exams) END) AS expected
         FROM pg_stats s
         JOIN pg_attribute a ON a.attrelid = s.tablename::regclass AND a.attname = s.attname
         WHERE s.schemaname = current_schema() AND s.attname = 'patient_id'
           AND s.tablename IN ('orders', 'exams')
         ORDER BY 1`,
      );
    expect(stats.map((row) => row.table)).toEqual(['exams', 'orders']);
    for (const row of stats) {
      const pinned = row.options.find((option) => option.startsWith('n_distinct='));
      expect(Number(pinned?.slice('n_distinct='.length))).toBeCloseTo(row.expected, 3);
      expect(row.n_distinct).toBeCloseTo(row.expected, 3);
      expect(row.n_distinct).toBeLessThan(0);
    }
  });

  it('pins the same ratio on a database loaded before (migration PatientDistinct)', async () => {
    const runner = database.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`ALTER TABLE orders ALTER COLUMN patient_id RESET (n_distinct)`);
      await runner.query(`ALTER TABLE exams ALTER COLUMN patient_id RESET (n_distinct)`);
      await runner.query('ANALYZE patients, orders, exams');
      // n_distinct as the column's option, if any (the server may keep other options there)
      const pinned = async (table: string): Promise<number | undefined> => {
        const [{ options }]: { options: string[] | null }[] = await runner.query(
          `SELECT a.attoptions AS options FROM pg_attribute a
           WHERE a.attrelid = $1::regclass AND a.attname = 'patient_id'`,
          [table],
        );
        const option = options?.find((one) => one.startsWith('n_distinct='));
        return option === undefined ? undefined : Number(option.slice('n_distinct='.length));
      };
      expect(await pinned('exams')).toBeUndefined();
      expect(await pinned('orders')).toBeUndefined();
      await new PatientDistinct1796000800000().up(runner);
      const [{ exams, orders }] = await runner.query(
        `SELECT (SELECT count(*) FROM patients)::float8 / (SELECT count(*) FROM exams) AS exams,
           (SELECT count(*) FROM patients)::float8 / (SELECT count(*) FROM orders) AS orders`,
      );
      const ratio = async (table: string) => (await pinned(table)) ?? Number.NaN;
      expect(await ratio('exams')).toBeCloseTo(-Math.min(1, exams), 3);
      expect(await ratio('orders')).toBeCloseTo(-Math.min(1, orders), 3);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('the history check sees a statement that reads every month', async () => {
    await withLongHistory(async (manager) => {
      // the rollup refresh of every month (what a delta used to run) reads every assessment
      const plan = await explain(manager, INSERT_ALL_ROLLUPS);
      expect(historyReads(plan)).not.toEqual([]);
    });
  });

  it("a first load's cumulative dose is planned for parallel workers", async () => {
    // PostgreSQL 15 plans a CREATE TABLE AS in parallel (insertInParallel), not an INSERT; the
    // costs zeroed so a small database plans as a large one would
    const gathered = async (scope: string): Promise<boolean> =>
      database.dataSource
        .transaction(async (manager) => {
          await manager.query(normaliser.CREATE_TOUCHED_PATIENTS);
          await manager.query('INSERT INTO touched_patients SELECT patient_id FROM patients');
          for (const setting of [
            'parallel_setup_cost',
            'parallel_tuple_cost',
            'min_parallel_table_scan_size',
            'min_parallel_index_scan_size',
          ]) {
            await manager.query(`SET LOCAL ${setting} = 0`);
          }
          const plan = await explain(
            manager,
            `CREATE UNLOGGED TABLE parallel_stage_check AS ${firstLoadCumulativeDoseSql(scope)}`,
            [20, 3, 5, 1],
          );
          let gather = false;
          walk(plan, (node) => {
            if (node['Node Type'].startsWith('Gather')) gather = true;
          });
          throw Object.assign(new Error('rollback'), { gather });
        })
        .catch((error: Error & { gather?: boolean }) => {
          if (error.message !== 'rollback') throw error;
          return error.gather ?? false;
        });
    // over every patient (what DoseService reads when no dose is computed yet: the
    // cumulative-dose spec), in parallel
    expect(await gathered('IS NOT NULL')).toBe(true);
  });

  it('the normaliser statements plan no per-row rescan', async () => {
    await withLargeScope(async (manager) => {
      const statements: [string, string, unknown[]][] = [
        ['UPSERT_PATIENTS', normaliser.UPSERT_PATIENTS, [1]],
        ['markUnknownPatients', normaliser.markUnknownPatientsSql('landing_orders'), [1]],
        ['UPSERT_ORDERS', normaliser.UPSERT_ORDERS, [1]],
        ['markUnknownOrders', normaliser.markUnknownOrdersSql('landing_exams'), [1]],
        ['MARK_EXAM_REFERENCES', normaliser.MARK_EXAM_REFERENCES, [1]],
        ['UPSERT_ORDER_CHANGES', normaliser.UPSERT_ORDER_CHANGES, [1]],
        ['UPSERT_EXAMS', normaliser.UPSERT_EXAMS, [1]],
        ['insertOrdersFirstLoad', normaliser.insertOrdersFirstLoadSql(true), [1]],
        ['insertOrdersFirstLoad (no repeat)', normaliser.insertOrdersFirstLoadSql(false), [1]],
        ['insertExamsFirstLoad', normaliser.insertExamsFirstLoadSql(true), [1]],
        ['insertExamsFirstLoad (no repeat)', normaliser.insertExamsFirstLoadSql(false), [1]],
        ['touchedFromFirstLoad', normaliser.touchedFromFirstLoadSql('exams'), [1]],
        [
          'insertDuplicateWarnings',
          normaliser.insertDuplicateWarningsSql(
            'landing_order_changes',
            'l.order_id, l.changed_at::timestamptz, l.action',
          ),
          [1, 'order_changes', 'order change'],
        ],
        [
          'insertDuplicateWarnings (exams)',
          normaliser.insertDuplicateWarningsSql('landing_exams', 'l.accession'),
          [1, 'exams', 'accession'],
        ],
      ];
      const found: string[] = [];
      for (const [name, sql, parameters] of statements) {
        const plan = await explain(manager, sql, parameters);
        found.push(...quadraticSubPlans(plan).map((hit) => `${name}: ${hit}`));
      }
      expect(found).toEqual([]);
    });
  });
});
