import { Module } from '@nestjs/common';
import { AggregateResolver } from './aggregate.resolver.js';
import { AggregateService } from './aggregate.service.js';
import { AnalyticsResolver } from './analytics.resolver.js';
import { AnalyticsService } from './analytics.service.js';
import { CommitteeResolver } from './committee.resolver.js';
import { CommitteeService } from './committee.service.js';

@Module({
  providers: [
    AnalyticsService,
    AnalyticsResolver,
    CommitteeService,
    CommitteeResolver,
    AggregateService,
    AggregateResolver,
  ],
})
export class AnalyticsModule {}
