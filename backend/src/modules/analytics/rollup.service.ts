import { DataSource, type EntityManager } from 'typeorm';
import { deferIndexes, emptyForFirstLoad, type DeferredIndexes } from '../ingestion/bulk-load.js';
import { lockModelWrites } from '../ingestion/model-write-lock.js';
import {
  ADD_CLINICIAN_MONTHS,
  CREATE_ROLLUP_CHANGES,
  DELETE_ALL_ROLLUPS,
  DELETE_EMPTY_CLINICIAN_ROWS,
  DELETE_ROLLUP_MONTHS,
  INSERT_ALL_CLINICIAN_ROLLUPS,
  INSERT_ALL_CLINICIAN_TOTALS,
  INSERT_ALL_ROLLUPS,
  INSERT_ROLLUP_MONTHS,
  MOVE_BY_CHANGES,
  SUBTRACT_CLINICIAN_MONTHS,
  SUM_ROLLUP_CHANGES,
  deleteEmptiedSql,
} from './rollup.sql.js';

/** The rollups by month (the clinician tables have none). */
const MONTHLY_ROLLUPS = ['assessment_rollups', 'department_rollups', 'order_volume_rollups'];

export interface RollupRefresh {
  /** The months refreshed; null: every month (a full refresh). */
  readonly months: readonly string[] | null;
}

/**
 * Keeps the monthly rollups (assessment_rollups, department_rollups, order_volume_rollups) and
 * clinician_rollups (the same clinician counts without month) and clinician_totals (those summed
 * per department and clinician) in step with
 * order_assessments: set-based, whole months at a time (DELETE the months, INSERT them again
 * from the assessments), in one transaction: the caller's when given an EntityManager inside
 * one (the analysis), its own otherwise. The dashboards read only these tables.
 */
export class RollupService {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Rebuilds the given months (YYYY-MM; the ordered_at months of the orders assessed). */
  async refreshMonths(months: readonly string[]): Promise<RollupRefresh> {
    const distinct = [...new Set(months)].sort();
    if (distinct.length === 0) return { months: [] };
    await this.inTransaction(async (manager) => {
      // clinician_rollups and clinician_totals have no month: the months' old counts out, their
      // new counts in
      for (const statement of SUBTRACT_CLINICIAN_MONTHS) await manager.query(statement, [distinct]);
      for (const statement of DELETE_ROLLUP_MONTHS) await manager.query(statement, [distinct]);
      const deferred = await this.deferIndexesWhenEmpty(manager);
      await manager.query(INSERT_ROLLUP_MONTHS, [distinct]);
      for (const statement of ADD_CLINICIAN_MONTHS) await manager.query(statement, [distinct]);
      for (const statement of DELETE_EMPTY_CLINICIAN_ROWS) await manager.query(statement);
      await deferred.rebuild();
    });
    return { months: distinct };
  }

  /**
   * Moves every rollup by the changes the analysis in this transaction recorded
   * (assessment_changes: AssessmentSummary.changesRecorded): minus each assessment as it was,
   * plus as it is, by key; rows left empty go. Reads only the changes, where refreshMonths
   * re-reads every assessment of each month they touch (at 10M orders a one-day delta's
   * 8,000 changes against the 420,000 assessments of their month).
   */
  async applyChanges(): Promise<void> {
    await this.inTransaction(async (manager) => {
      await manager.query(CREATE_ROLLUP_CHANGES);
      await manager.query('TRUNCATE rollup_changes');
      await manager.query(SUM_ROLLUP_CHANGES);
      for (const { table, sql } of MOVE_BY_CHANGES) {
        const moved: { row: string; emptied: boolean }[] = await manager.query(sql);
        const emptied = moved.filter((row) => row.emptied).map((row) => row.row);
        if (emptied.length > 0) await manager.query(deleteEmptiedSql(table), [emptied]);
      }
    });
  }

  /** Rebuilds every month (after an analysis that rescored everything, or a repair). */
  async refreshAll(): Promise<RollupRefresh> {
    await this.inTransaction(async (manager) => {
      // DELETE, not TRUNCATE: TRUNCATE's exclusive lock would block every dashboard read until
      // the analysis transaction commits; DELETE lets them read the previous rollups meanwhile
      for (const statement of DELETE_ALL_ROLLUPS) await manager.query(statement);
      const deferred = await this.deferIndexesWhenEmpty(manager);
      await manager.query(INSERT_ALL_ROLLUPS);
      await manager.query(INSERT_ALL_CLINICIAN_ROLLUPS);
      await manager.query(INSERT_ALL_CLINICIAN_TOTALS);
      await deferred.rebuild();
    });
    return { months: null };
  }

  /**
   * On a first load (the monthly rollups empty, and locked so), the rollup tables' indexes are
   * built once after the inserts instead of row by row: the keys that applyChanges upserts on
   * made the inserts of every month 1.7 times as long at 1M orders (14.1 s against 8.5 s).
   * The clinician tables keep theirs: their inserts upsert on them.
   */
  private async deferIndexesWhenEmpty(manager: EntityManager): Promise<DeferredIndexes> {
    for (const table of MONTHLY_ROLLUPS) {
      if (!(await emptyForFirstLoad(manager, table))) return { rebuild: async () => undefined };
    }
    return deferIndexes(manager, MONTHLY_ROLLUPS, 'rollups', { unique: true });
  }

  /**
   * Runs `work` under the model write lock (re-entrant: the analysis holds it already), so two
   * refreshes never move clinician_rollups by the same months at once.
   */
  private async inTransaction(work: (manager: EntityManager) => Promise<void>): Promise<void> {
    const manager = this.db instanceof DataSource ? this.db.manager : this.db;
    const locked = async (inner: EntityManager) => {
      await lockModelWrites(inner);
      await work(inner);
    };
    if (manager.queryRunner?.isTransactionActive) {
      await locked(manager);
    } else {
      await manager.transaction(locked);
    }
  }
}
