import { Args, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { signedIn } from './aggregate.resolver.js';
import { AnalyticsService, InvalidMonthError } from './analytics.service.js';
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
    try {
      const rows = await this.analytics.monthlyOrderVolume(input ?? {}, signedIn(principal));
      return rows.map((row) => ({ month: row.month, outcome: row.outcome, orders: row.orders }));
    } catch (error) {
      if (error instanceof InvalidMonthError) {
        throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      throw error;
    }
  }
}
