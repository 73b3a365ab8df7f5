import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import cliProgress from 'cli-progress';
import { DomainError, ErrorCode } from '../common/domain/domain-error.js';
import { AuditService, cliPrincipal } from '../modules/auth/audit/audit.service.js';
import { loadConfig, type AppConfig } from '../config/app-config.js';
import { openDatabase } from '../database/database.js';
import { CliModule } from './cli.module.js';

export const CliErrorCode = { BAD_USAGE: ErrorCode.BAD_USER_INPUT } as const;
export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];

/** A command line the user can fix (a bad option value, a missing file); one line, exit 1. */
export class CliError extends DomainError<CliErrorCode> {
  constructor(message: string) {
    super(CliErrorCode.BAD_USAGE, message);
  }
}

export interface AuditedEvent {
  readonly action: string;
  readonly objectType?: string | null;
  readonly objectId?: string | null;
  readonly details?: Record<string, unknown> | null;
}

/** What a command works with: the settings, and the feature modules' services. */
export interface CliContext {
  readonly config: AppConfig;
  /** The URL of the database in use (the evaluation battery makes its databases beside it). */
  readonly databaseUrl: string;
  /** A service of the feature modules (CliModule); commands call services, never SQL. */
  get<S>(service: Type<S>): S;
  /**
   * Records what the command read or wrote in the audit trail. The actor is the command
   * line's principal (the operating-system user, `os.userInfo().username`, at this host), the
   * same actor as the `user` commands record.
   */
  audit(event: AuditedEvent): Promise<void>;
}

/**
 * Opens the database (embedded unless DATABASE_URL) and the feature modules' application
 * context over it, runs `work`, always closes both.
 */
export async function withDatabase<T>(work: (context: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, {
    log: (message) => process.stderr.write(`${message}\n`),
  });
  try {
    // abortOnError false: a failure to start reaches the one-line error handler, not exit(1)
    const app = await NestFactory.createApplicationContext(
      CliModule.forDataSource(database.dataSource),
      { logger: false, abortOnError: false },
    );
    try {
      return await work({
        config,
        databaseUrl: database.url,
        get: (service) => app.get(service),
        audit: async (event) => {
          await app.get(AuditService).record({ ...event, principal: cliPrincipal() });
        },
      });
    } finally {
      await app.close();
    }
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
