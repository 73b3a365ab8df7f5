import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source.js';
import { prepareDatabase } from './database.js';

const databaseUrl = (serverUrl: string, name: string): string => {
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  readonly dataSource: DataSource;
  /** Closes the connection and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh database `name` beside the one at `serverUrl` (same server), migrated and seeded;
 * an older one of that name is dropped first. `name` is built by the caller from [a-z0-9_].
 */
export async function openScratchDatabase(
  serverUrl: string,
  name: string,
  timeZone: string,
): Promise<ScratchDatabase> {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const dataSource = createDataSource({ url: databaseUrl(serverUrl, name), timeZone });
  await dataSource.initialize();
  await prepareDatabase(dataSource);
  return {
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
