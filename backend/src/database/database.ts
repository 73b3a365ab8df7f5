import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ReferenceSeedService } from '../modules/reference/reference-seed.service.js';
import { SettingsService } from '../modules/settings/settings.service.js';
import { createDataSource } from './data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';
import path from 'node:path';

export interface DatabaseHandle {
  readonly dataSource: DataSource;
  readonly url: string;
  /** Set when this process started an embedded server. */
  readonly embedded: EmbeddedPostgresHandle | null;
  close(): Promise<void>;
}

const APP_DATABASE = 'clinical_grounds';

/** Hides the password in a URL for messages and logs. */
export const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
};

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL under the data directory and
 * creates the application database in it. Then migrates, seeds reference data and makes sure
 * a settings version exists, so every entry point (server, CLI, tests) sees the same schema.
 */
export async function openDatabase(
  config: AppConfig,
  options: {
    log?: (message: string) => void;
    poolSize?: number;
    /** Open pools to DATABASE_REPLICA_URLS for ReadDatabase (the server; the CLI writes). */
    readReplicas?: boolean;
  } = {},
): Promise<DatabaseHandle> {
  const log = options.log ?? (() => undefined);
  let embedded: EmbeddedPostgresHandle | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'postgres'),
      port: config.embeddedPgPort,
    });
    log(`Embedded PostgreSQL listening on 127.0.0.1:${embedded.port}`);
    const admin = createDataSource({ url: embedded.url, timeZone: 'UTC', poolSize: 1 });
    await admin.initialize();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      APP_DATABASE,
    ]);
    if (exists.length === 0) await admin.query(`CREATE DATABASE ${APP_DATABASE}`);
    await admin.destroy();
    url = withDatabase(embedded.url, APP_DATABASE);
  }
  const replicaUrls = options.readReplicas && !embedded ? config.databaseReplicaUrls : [];
  const dataSource = createDataSource({
    url,
    replicaUrls,
    timeZone: config.siteTimeZone,
    poolSize: options.poolSize,
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    const servers = [url, ...replicaUrls].map(redactUrl).join(', ');
    throw new Error(`Cannot connect to PostgreSQL at ${servers}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  await prepareDatabase(dataSource);
  if (replicaUrls.length > 0) {
    log(
      `Dashboard reads on ${replicaUrls.length} streaming replica(s): ${replicaUrls.map(redactUrl).join(', ')}`,
    );
  }
  return {
    dataSource,
    url,
    embedded,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** Migrations, reference data and the first settings version; each step is idempotent. */
export async function prepareDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.runMigrations({ transaction: 'each' });
  await new ReferenceSeedService(dataSource).seed();
  await new SettingsService(dataSource).current();
}
