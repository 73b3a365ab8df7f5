import { Args, Query, Resolver } from '@nestjs/graphql';
import { asGraphqlErrors } from '../../common/error-mapping.js';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { signedIn } from './aggregate.resolver.js';
import { AnalyticsService } from './analytics.service.js';
import {
  MonthlyOrderVolumeInput,
  MonthlyOrderVolumeObject,
} from './dto/monthly-order-volume.object.js';

@Resolver()
export class AnalyticsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @Roles('ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR')
  @Query(() => [MonthlyOrderVolumeObject], {
    description: 'Orders per month and outcome (the first dashboard chart)',
  })
  async monthlyOrderVolume(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('input', { type: () => MonthlyOrderVolumeInput, nullable: true })
    input?: MonthlyOrderVolumeInput,
  ): Promise<MonthlyOrderVolumeObject[]> {
    const rows = await asGraphqlErrors(
      this.analytics.monthlyOrderVolume(input ?? {}, signedIn(principal)),
    );
    return rows.map((row) => ({ month: row.month, outcome: row.outcome, orders: row.orders }));
  }
}
