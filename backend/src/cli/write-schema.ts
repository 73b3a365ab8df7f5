import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { createDataSource } from '../database/data-source.js';

/**
 * `npm run schema`: writes backend/schema.gql from the code-first resolvers (sorted). The schema
 * is built when the app initialises; no database connection is opened.
 */
const dataSource = createDataSource({
  url: 'postgres://unused@127.0.0.1:1/unused',
  timeZone: 'UTC',
  poolSize: 1,
});
const app = await NestFactory.create(AppModule.forRoot({ dataSource, writeSchemaFile: true }), {
  logger: ['error'],
});
await app.init();
await app.close();
console.log('Wrote backend/schema.gql.');
