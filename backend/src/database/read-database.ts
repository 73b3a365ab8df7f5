import type { DataSource } from 'typeorm';

/** How long after a noted write the replicas are checked for it before they are trusted. */
const DEFAULT_CATCH_UP_WINDOW_MS = 60_000;

const lsnValue = (lsn: string): bigint => {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
};

/**
 * Where a query runs when PostgreSQL streaming replicas are configured (DATABASE_REPLICA_URLS).
 * The routing, in one place:
 *
 * - **A replica** (`query` here): the dashboard's read-only GraphQL reads that scan the model:
 *   the aggregates (overview, practice variation, dose-history sensitivity, monthly order volume,
 *   the committee's trend and department variation) and the case list (page, total count,
 *   cursor, department and clinician look-ups).
 * - **The primary** (the DataSource itself: data-source.ts sets TypeORM's default replication
 *   mode to master, so nothing else ever reaches a replica): every write and every read inside
 *   a write transaction; the audit trail; sign-in, sessions, API tokens and users; settings and
 *   the site secret (created on first read); migrations, imports and analysis; and one case's
 *   detail, whose viewing is audited and which must show the review its caller has just saved.
 *
 * Read-your-writes: a use case whose write the dashboard shows back (a review, an assignment)
 * calls `wrote()` after its commit, which notes the primary's WAL position. For the next
 * minute every replica read first asks its replica whether it has replayed that far, and runs
 * on the primary when it has not; so a reviewer never sees the case list without the review
 * they have just recorded, however far a replica lags. (Within one server process: writes made
 * by another process, such as a CLI import, reach the dashboard when the replica replays them.)
 *
 * Without replicas every method runs on the primary and `wrote()` does nothing.
 */
export class ReadDatabase {
  private pendingLsn: { lsn: string; value: bigint; at: number } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly catchUpWindowMs = DEFAULT_CATCH_UP_WINDOW_MS,
  ) {}

  /** True when DATABASE_REPLICA_URLS named at least one replica. */
  get replicated(): boolean {
    const options = this.dataSource.options as { replication?: { slaves: unknown[] } };
    return (options.replication?.slaves.length ?? 0) > 0;
  }

  /** One read-only statement on a replica (chosen at random), or on the primary (see above). */
  async query<T = unknown>(sql: string, parameters?: readonly unknown[]): Promise<T[]> {
    if (!this.replicated) return this.dataSource.query(sql, parameters as unknown[]);
    const runner = this.dataSource.createQueryRunner('slave');
    let caughtUp: boolean;
    try {
      caughtUp = await this.hasReplayedNotedWrite(runner);
      if (caughtUp) return (await runner.query(sql, parameters as unknown[])) as T[];
    } finally {
      await runner.release();
    }
    return this.dataSource.query(sql, parameters as unknown[]);
  }

  /** Notes the primary's WAL position after a committed write the dashboard shows back. */
  async wrote(): Promise<void> {
    if (!this.replicated) return;
    const [{ lsn }]: { lsn: string }[] = await this.dataSource.query(
      'SELECT pg_current_wal_lsn()::text AS lsn',
    );
    const value = lsnValue(lsn);
    if (this.pendingLsn === null || value >= this.pendingLsn.value) {
      this.pendingLsn = { lsn, value, at: Date.now() };
    } else {
      this.pendingLsn = { ...this.pendingLsn, at: Date.now() };
    }
  }

  private async hasReplayedNotedWrite(runner: {
    query(sql: string, parameters?: unknown[]): Promise<unknown>;
  }): Promise<boolean> {
    const pending = this.pendingLsn;
    if (pending === null) return true;
    if (Date.now() - pending.at > this.catchUpWindowMs) {
      if (this.pendingLsn === pending) this.pendingLsn = null;
      return true;
    }
    // NULL on a server that is not in recovery (a promoted replica): it has everything it has
    const [row] = (await runner.query(
      'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, true) AS caught_up',
      [pending.lsn],
    )) as { caught_up: boolean }[];
    return row.caught_up;
  }
}
