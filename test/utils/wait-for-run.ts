import type { DataSource } from 'typeorm';

export interface FinishedRunRow {
  readonly id: number;
  readonly kind: string;
  readonly source: string;
  readonly status: string;
  readonly target: string | null;
  readonly files: string[];
  readonly started_by: string;
  readonly rows_read: number;
  readonly rows_loaded: number;
  readonly rows_rejected: number;
  readonly rows_warned: number;
  readonly message: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until an ingest run (an upload's import, or a reassessment, both of which the server
 * finishes after answering) has succeeded or failed, and returns its row.
 */
export async function waitForRun(
  dataSource: DataSource,
  runId: number | string,
  timeoutMs = 180000,
): Promise<FinishedRunRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row]: FinishedRunRow[] = await dataSource.query(
      `SELECT id, kind, source, status, target, files, started_by, rows_read, rows_loaded,
              rows_rejected, rows_warned, message
         FROM ingest_runs WHERE id = $1`,
      [Number(runId)],
    );
    if (row && (row.status === 'succeeded' || row.status === 'failed')) return row;
    if (Date.now() > deadline)
      throw new Error(`run ${runId} still ${row?.status} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Waits until no reassessment is queued or running. */
export async function waitForReassessments(
  dataSource: DataSource,
  timeoutMs = 180000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ active }]: { active: number }[] = await dataSource.query(
      `SELECT count(*)::int AS active FROM ingest_runs
        WHERE kind = 'analyse' AND status IN ('queued', 'running')`,
    );
    if (active === 0) return;
    if (Date.now() > deadline) throw new Error(`reassessments still running after ${timeoutMs} ms`);
    await sleep(100);
  }
}
