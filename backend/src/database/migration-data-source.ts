// For the TypeORM CLI only (`migration:generate` on the built JavaScript): reads DATABASE_URL.
import { createDataSource } from './data-source.js';

export default createDataSource({
  url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  timeZone: 'UTC',
});
