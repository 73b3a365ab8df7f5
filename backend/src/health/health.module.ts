import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { HealthResolver } from './health.resolver.js';

/** GET /health/live, GET /health/ready (terminus) and the GraphQL `health` query. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [HealthResolver],
})
export class HealthModule {}
