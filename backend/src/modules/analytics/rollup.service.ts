import { DataSource, type EntityManager } from 'typeorm';
import {
  DELETE_ALL_ROLLUPS,
  DELETE_ROLLUP_MONTHS,
  INSERT_ALL_ROLLUPS,
  INSERT_ROLLUP_MONTHS,
} from './rollup.sql.js';

export interface RollupRefresh {
  /** The months refreshed; null: every month (a full refresh). */
  readonly months: readonly string[] | null;
}

/**
 * Keeps the monthly rollups (assessment_rollups, department_rollups, order_volume_rollups) in step with
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
      for (const statement of DELETE_ROLLUP_MONTHS) await manager.query(statement, [distinct]);
      await manager.query(INSERT_ROLLUP_MONTHS, [distinct]);
    });
    return { months: distinct };
  }

  /** Rebuilds every month (after an analysis that rescored everything, or a repair). */
  async refreshAll(): Promise<RollupRefresh> {
    await this.inTransaction(async (manager) => {
      // DELETE, not TRUNCATE: TRUNCATE's exclusive lock would block every dashboard read until
      // the analysis transaction commits; DELETE lets them read the previous rollups meanwhile
      for (const statement of DELETE_ALL_ROLLUPS) await manager.query(statement);
      await manager.query(INSERT_ALL_ROLLUPS);
    });
    return { months: null };
  }

  private async inTransaction(work: (manager: EntityManager) => Promise<void>): Promise<void> {
    const manager = this.db instanceof DataSource ? this.db.manager : this.db;
    if (manager.queryRunner?.isTransactionActive) {
      await work(manager);
    } else {
      await manager.transaction(work);
    }
  }
}
