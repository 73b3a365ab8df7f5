import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadDatabase } from './read-database.js';

/**
 * Provides the already-opened DataSource (see openDatabase; the primary) and ReadDatabase
 * (the dashboard's read-only queries, on a streaming replica when configured) to every module.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forDataSource(dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: ReadDatabase, useValue: new ReadDatabase(dataSource) },
      ],
      exports: [DataSource, ReadDatabase],
    };
  }
}
