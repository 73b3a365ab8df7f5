import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';

export interface DataSourceOptions {
  readonly url: string;
  /** Session time zone: calendar intervals and month buckets follow it. */
  readonly timeZone: string;
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/** The one DataSource shape used by the app, the CLI, migrations and tests. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
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
