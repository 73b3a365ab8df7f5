import { Args, Query, Resolver } from '@nestjs/graphql';
import { asGraphqlErrors } from '../../common/error-mapping.js';
import { CurrentRequestMemo, type RequestMemo } from '../../common/request-memo.js';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { signedIn } from './aggregate.resolver.js';
import { mapConflictTrend, mapDepartmentVariation } from './committee.mapper.js';
import { CommitteeService } from './committee.service.js';
import {
  DepartmentVariationInput,
  DepartmentVariationObject,
} from './dto/department-variation.object.js';
import {
  MonthlyConflictTrendInput,
  MonthlyConflictTrendObject,
} from './dto/monthly-conflict-trend.object.js';

/**
 * The compliance committee's views: aggregates only, for every signed-in role; a
 * department-scoped manager sees their departments.
 */
@Resolver()
export class CommitteeResolver {
  constructor(private readonly committee: CommitteeService) {}

  @Roles('ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR')
  @Query(() => MonthlyConflictTrendObject, {
    description: 'p-chart of the monthly conflict rate, with the dose-history OR per month',
  })
  async monthlyConflictTrend(
    @CurrentPrincipal() principal: Principal | undefined,
    @CurrentRequestMemo() memo: RequestMemo,
    @Args('input', { type: () => MonthlyConflictTrendInput, nullable: true })
    input?: MonthlyConflictTrendInput,
  ): Promise<MonthlyConflictTrendObject> {
    return mapConflictTrend(
      await asGraphqlErrors(
        this.committee.monthlyConflictTrend(input ?? {}, signedIn(principal), memo),
      ),
    );
  }

  @Roles('ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR')
  @Query(() => DepartmentVariationObject, {
    description: 'Funnel plot of departments against the site rate, with dose-history sensitivity',
  })
  async departmentVariation(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('input', { type: () => DepartmentVariationInput, nullable: true })
    input?: DepartmentVariationInput,
  ): Promise<DepartmentVariationObject> {
    return mapDepartmentVariation(
      await asGraphqlErrors(this.committee.departmentVariation(input ?? {}, signedIn(principal))),
    );
  }
}
