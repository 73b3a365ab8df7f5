import cliProgress from 'cli-progress';
import type { DataSource } from 'typeorm';
import { AuditService, cliPrincipal } from '../modules/auth/audit/audit.service.js';
import { loadConfig, type AppConfig } from '../config/app-config.js';
import { openDatabase, type DatabaseHandle } from '../database/database.js';

/** A failure the CLI reports as one line and exit code 1. */
export class CliError extends Error {}

export interface CliContext {
  readonly config: AppConfig;
  readonly database: DatabaseHandle;
}

/** Opens the database (embedded unless DATABASE_URL), runs `work`, always closes. */
export async function withDatabase<T>(work: (context: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, {
    log: (message) => process.stderr.write(`${message}\n`),
  });
  try {
    return await work({ config, database });
  } finally {
    await database.close();
  }
}

/** A progress bar on stderr when it is a terminal; silent otherwise (CI logs, pipes). */
export function createProgressBar(label: string): {
  update(done: number, total: number): void;
  stop(): void;
} {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total}`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export const formatDuration = (milliseconds: number): string =>
  milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;

/**
 * Records what a command read or wrote in the audit trail. The actor is the command line's
 * principal (the operating-system user, `os.userInfo().username`, at this host), the same
 * actor as the `user` commands record.
 */
export async function auditCommand(
  dataSource: DataSource,
  event: {
    action: string;
    objectType?: string | null;
    objectId?: string | null;
    details?: Record<string, unknown> | null;
  },
): Promise<void> {
  await new AuditService(dataSource).record({ ...event, principal: cliPrincipal() });
}
