import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';

export interface DataSourceOptions {
  readonly url: string;
  /**
   * Streaming replicas of `url`'s server. With any, TypeORM keeps one pool per server; the
   * replicas are used only by ReadDatabase (read-database.ts), everything else runs on `url`.
   */
  readonly replicaUrls?: readonly string[];
  /** Session time zone: calendar intervals and month buckets follow it. */
  readonly timeZone: string;
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/** The one DataSource shape used by the app, the CLI, migrations and tests. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const replicaUrls = options.replicaUrls ?? [];
  return new DataSource({
    type: 'postgres',
    ...(replicaUrls.length === 0
      ? { url: options.url }
      : {
          replication: {
            master: { url: options.url },
            slaves: replicaUrls.map((url) => ({ url })),
            // TypeORM 1.x sends every SelectQueryBuilder (find, findOneBy, …) to a replica
            // by default; here nothing reaches a replica unless ReadDatabase sends it there,
            // so sessions, sign-in, settings and every read inside a write stay on the primary.
            defaultMode: 'master' as const,
          },
        }),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 8,
      application_name: options.applicationName ?? 'clinical-grounds',
      options: `-c TimeZone=${options.timeZone}`,
    },
  });
}
