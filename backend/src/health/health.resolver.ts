import { Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Public } from '../modules/auth/principal.js';

@Resolver()
export class HealthResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Query(() => String, { description: 'ok when the server and its database answer' })
  async health(): Promise<string> {
    await this.dataSource.query('SELECT 1');
    return 'ok';
  }
}
