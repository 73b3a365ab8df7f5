import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import {
  TOUCHED_SCOPE,
  cumulativeDoseSql,
  effectiveDoseSql,
} from '../../backend/src/modules/dose/dose.sql.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import * as normaliser from '../../backend/src/modules/ingestion/normaliser.sql.js';
import { SELECT_STUDY_REPORTS } from '../../backend/src/modules/ingestion/dose-report-normaliser.sql.js';
import {
  BUILD_ASSESS_FACTS,
  CREATE_ASSESS_SCOPE,
  CREATE_TEXT_FACTS_STAGE,
  SCOPE_STALE,
  SCOPE_TOUCHED_PATIENTS,
  SCORE_CASES,
  SELECT_ORDER_TEXTS,
  UPSERT_ASSESSMENTS,
  UPSERT_TEXT_FACTS,
} from '../../backend/src/modules/steering/assessment.sql.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

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
      const statements: [string, string, unknown[]][] = [
        ['SCOPE_TOUCHED_PATIENTS', SCOPE_TOUCHED_PATIENTS, []],
        ['SCOPE_STALE', SCOPE_STALE, [1, version, 'x']],
        ['SELECT_ORDER_TEXTS', SELECT_ORDER_TEXTS, []],
        ['UPSERT_TEXT_FACTS', UPSERT_TEXT_FACTS, []],
        ['BUILD_ASSESS_FACTS', BUILD_ASSESS_FACTS, [version, 30, 30]],
        ['effectiveDoseSql', effectiveDoseSql(TOUCHED_SCOPE), ['ICRP103']],
        ['effectiveDoseSql empty', effectiveDoseSql(TOUCHED_SCOPE, 'empty'), ['ICRP103']],
        ['cumulativeDoseSql', cumulativeDoseSql(TOUCHED_SCOPE), [20, 3, 5, 1]],
        ['SELECT_STUDY_REPORTS', SELECT_STUDY_REPORTS, [1, ['1.2.3']]],
      ];
      const found: string[] = [];
      for (const [name, sql, parameters] of statements) {
        const plan = await explain(manager, sql, parameters);
        found.push(...quadraticSubPlans(plan).map((hit) => `${name}: ${hit}`));
      }
      // UPSERT_ASSESSMENTS reads assess_facts, which BUILD_ASSESS_FACTS creates
      await manager.query(BUILD_ASSESS_FACTS, [version, 30, 30]);
      await manager.query('ANALYZE assess_facts');
      const upsert = await explain(manager, UPSERT_ASSESSMENTS, [1, version, 'x']);
      found.push(...quadraticSubPlans(upsert).map((hit) => `UPSERT_ASSESSMENTS: ${hit}`));
      expect(found).toEqual([]);
    });
  });

  it('the normaliser statements plan no per-row rescan', async () => {
    await withLargeScope(async (manager) => {
      const statements: [string, string, unknown[]][] = [
        ['UPSERT_PATIENTS', normaliser.UPSERT_PATIENTS, [1]],
        ['markUnknownPatients', normaliser.markUnknownPatientsSql('landing_orders'), [1]],
        ['UPSERT_ORDERS', normaliser.UPSERT_ORDERS, [1]],
        ['markUnknownOrders', normaliser.markUnknownOrdersSql('landing_exams'), [1]],
        ['UPSERT_ORDER_CHANGES', normaliser.UPSERT_ORDER_CHANGES, [1]],
        ['UPSERT_EXAMS', normaliser.UPSERT_EXAMS, [1]],
        ['INSERT_ORDERS_FIRST_LOAD', normaliser.INSERT_ORDERS_FIRST_LOAD, [1]],
        ['INSERT_EXAMS_FIRST_LOAD', normaliser.INSERT_EXAMS_FIRST_LOAD, [1]],
        ['touchedFromFirstLoad', normaliser.touchedFromFirstLoadSql('exams'), [1]],
        [
          'insertDuplicateWarnings',
          normaliser.insertDuplicateWarningsSql(
            'landing_order_changes',
            'l.order_id, l.changed_at::timestamptz, l.action',
          ),
          [1, 'order_changes', 'order change'],
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
