import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { INGEST_RUN_LOCK_NAMESPACE } from '../ingestion/import.service.js';
import type { AnalysisSummary } from '../pipeline/analysis.service.js';
import { PipelineService } from '../pipeline/pipeline.service.js';
import {
  FAIL_REASSESSMENT_RUN,
  FINISH_REASSESSMENT_RUN,
  INSERT_REASSESSMENT_RUN,
  JOIN_QUEUED_REASSESSMENT,
  MARK_STALE_REASSESSMENT_RUNS,
  START_REASSESSMENT_RUN,
} from './admin.sql.js';
import { BackgroundJobs } from './background-jobs.js';

/** What a reassessment follows, as its run records it. */
export interface ReassessmentRequest {
  /** settings | reference */
  readonly source: 'settings' | 'reference';
  /** "settings version 7: cascade.days 30 → 31", "reference version 4: …" */
  readonly target: string;
  /** The email of the signed-in user who made the change. */
  readonly startedBy: string;
}

/** "12,345 orders reassessed, 0 re-dosed, 3 clinicians rescored under settings version 7." */
export function describeReassessment(summary: AnalysisSummary): string {
  const count = (value: number) => value.toLocaleString('en-US');
  return (
    `${count(summary.ordersInScope)} orders reassessed, ${count(summary.ordersRedosed)} re-dosed, ` +
    `${count(summary.providersRescored)} clinicians rescored under settings version ` +
    `${summary.settingsVersion} in ${(summary.durationMs / 1000).toFixed(1)} s.`
  );
}

/**
 * The reassessment that follows a change of settings or reference data, run after the request
 * has been answered: an ingest run of kind `analyse` is queued (status queued, then running,
 * then succeeded or failed with the reason) and the Data and Settings pages poll it. Runs wait
 * for the model write lock, so one runs at a time across backend instances and the command
 * line; a run whose process died is marked failed by the next one (its run lock is gone).
 */
@Injectable()
export class ReassessmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: BackgroundJobs,
    private readonly pipeline: PipelineService,
  ) {}

  /**
   * Queues the reassessment and returns its run id at once; it runs in the background. While
   * one is still queued a new change joins it (same run id): at most one waits per site, so
   * waiting runs never use up the connection pool.
   */
  async start(request: ReassessmentRequest): Promise<number> {
    // TypeORM answers an UPDATE with [rows, affected]
    const [joined] = (await this.dataSource.query(JOIN_QUEUED_REASSESSMENT, [
      request.target,
      INGEST_RUN_LOCK_NAMESPACE,
    ])) as [{ id: number }[], number];
    if (joined.length > 0) return joined[0].id;
    const queryRunner = this.dataSource.createQueryRunner();
    const client = (await queryRunner.connect()) as PoolClient;
    const ignore = (): void => undefined;
    client.on('error', ignore); // a lost connection fails the run on its next statement
    const release = async (): Promise<void> => {
      await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      client.off('error', ignore);
      await queryRunner.release().catch(() => undefined);
    };
    let runId: number;
    try {
      // the run and its lock in one transaction: no other process sees the run without it
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: number }>(INSERT_REASSESSMENT_RUN, [
        request.source,
        request.target,
        request.startedBy,
      ]);
      runId = rows[0].id;
      await client.query('SELECT pg_advisory_lock($1, $2)', [INGEST_RUN_LOCK_NAMESPACE, runId]);
      await client.query('COMMIT');
      await client.query(MARK_STALE_REASSESSMENT_RUNS, [runId, INGEST_RUN_LOCK_NAMESPACE]);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      await release();
      throw error;
    }
    this.jobs.start(`reassessment run ${runId}`, async () => {
      try {
        const summary = await this.pipeline.analyse('stale', undefined, async () => {
          await this.dataSource.query(START_REASSESSMENT_RUN, [runId]);
        });
        await this.dataSource.query(FINISH_REASSESSMENT_RUN, [
          runId,
          summary.ordersInScope,
          describeReassessment(summary),
        ]);
      } catch (error) {
        await this.dataSource
          .query(FAIL_REASSESSMENT_RUN, [runId, (error as Error).message])
          .catch(() => undefined);
        throw error;
      } finally {
        await release();
      }
    });
    return runId;
  }
}
