import path from 'node:path';
import { loadAuthSettings, type AuthSettings } from './auth-config.js';
import { ConfigError } from './config-error.js';
import { REPO_ROOT } from './paths.js';

export { ConfigError };

/**
 * Settings from the environment (DESIGN.md section 5), each with a default, validated once at
 * start so a typo fails fast with one sentence instead of deep inside a load.
 */
export interface AppConfig {
  /** PostgreSQL to use; when absent an embedded server is started. */
  readonly databaseUrl: string | null;
  /**
   * PostgreSQL streaming replicas of DATABASE_URL's server (DATABASE_REPLICA_URLS,
   * comma-separated) for the dashboard's read-only queries; empty: everything on the primary.
   */
  readonly databaseReplicaUrls: readonly string[];
  readonly port: number;
  /** Interface the server listens on: loopback by default, 0.0.0.0 in containers. */
  readonly host: string;
  readonly embeddedPgPort: number;
  /** Where the embedded server keeps its data. */
  readonly dataDir: string;
  /** IANA zone: timestamps without an offset are read in it and months are bucketed in it. */
  readonly siteTimeZone: string;
  readonly sourceDatabaseUrl: string | null;
  readonly sourceMapping: string | null;
  readonly logLevel: string;
  /** Sign-in, sessions, OIDC and proxy settings. */
  readonly auth: AuthSettings;
}

const readPort = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`${name} must be a port number from 1 to 65535, not "${value}".`);
  }
  return port;
};

export const isValidTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const readUrl = (name: string, value: string | undefined): string | null => {
  if (value === undefined || value.trim() === '') return null;
  try {
    const url = new URL(value);
    if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new Error('protocol');
  } catch {
    throw new ConfigError(`${name} must be a postgres:// URL.`);
  }
  return value;
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const readReplicaUrls = (env: NodeJS.ProcessEnv): string[] => {
  const urls = (env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '')
    .map((value, index) => readUrl(`DATABASE_REPLICA_URLS (entry ${index + 1})`, value) as string);
  if (urls.length > 0 && !env.DATABASE_URL?.trim()) {
    throw new ConfigError(
      'DATABASE_REPLICA_URLS needs DATABASE_URL: replicas follow a primary you run, not the embedded server.',
    );
  }
  return urls;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const siteTimeZone = env.SITE_TIME_ZONE?.trim() || 'UTC';
  if (!isValidTimeZone(siteTimeZone)) {
    throw new ConfigError(
      `SITE_TIME_ZONE "${siteTimeZone}" is not an IANA time zone (e.g. Europe/Paris).`,
    );
  }
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
  }
  return {
    databaseUrl: readUrl('DATABASE_URL', env.DATABASE_URL),
    databaseReplicaUrls: readReplicaUrls(env),
    port: readPort('PORT', env.PORT, 3000),
    host: env.HOST?.trim() || '127.0.0.1',
    embeddedPgPort: readPort('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 54329),
    dataDir: path.resolve(env.DATA_DIR?.trim() || path.join(REPO_ROOT, '.data')),
    siteTimeZone,
    sourceDatabaseUrl: readUrl('SOURCE_DATABASE_URL', env.SOURCE_DATABASE_URL),
    sourceMapping: env.SOURCE_MAPPING?.trim() || null,
    logLevel,
    auth: loadAuthSettings(env),
  };
}
