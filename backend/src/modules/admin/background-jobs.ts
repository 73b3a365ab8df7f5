import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * Work the server started for a request and finishes after answering it (an import, a
 * reassessment). Each job records its own outcome on its run; a failure that escapes it is
 * logged here, never lost as an unhandled rejection. Shutting down waits for them to end.
 */
@Injectable()
export class BackgroundJobs implements BeforeApplicationShutdown {
  private readonly logger = new Logger('BackgroundJobs');
  private readonly running = new Set<Promise<void>>();

  /** Runs `work` without waiting for it; `what` names it in the log if it fails. */
  start(what: string, work: () => Promise<void>): void {
    const job = work()
      .catch((error: unknown) => {
        // the run carries the reason; the log names the job and the kind of error only: a
        // message about a bad row can quote the row (patient data)
        const kind = error instanceof Error ? error.name : typeof error;
        this.logger.error(`${what} failed (${kind}); its ingest run records the reason`);
      })
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  /** Resolves once every job started so far has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.idle();
  }
}
