import { Args, Query, Resolver } from '@nestjs/graphql';
import { asGraphqlErrors, toGraphQLError } from '../../common/error-mapping.js';
import { CurrentRequestMemo, type RequestMemo } from '../../common/request-memo.js';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { VariationDimension } from '../vocabulary/graphql-enums.js';
import { AnalyticsError, AnalyticsErrorCode } from './analytics.exception.js';
import {
  mapDoseHistorySensitivity,
  mapOverview,
  mapPracticeVariation,
} from './aggregate.mapper.js';
import { AggregateService } from './aggregate.service.js';
import { AnalysisFilterInput } from './dto/analysis-filter.input.js';
import {
  DoseHistorySensitivityObject,
  OverviewObject,
  PracticeVariationObject,
} from './dto/aggregate.object.js';
import { FunnelMeasure } from './dto/department-variation.object.js';

const filterArgument = { type: () => AnalysisFilterInput, nullable: true } as const;

/** The aggregates: every signed-in role; a department-scoped manager sees their departments. */
@Resolver()
export class AggregateResolver {
  constructor(private readonly aggregates: AggregateService) {}

  @Query(() => OverviewObject, {
    description:
      'Opportunities, away-switches, conflicts, excess and site OR, with the previous period',
  })
  @Roles('ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR')
  async overview(
    @CurrentPrincipal() principal: Principal | undefined,
    @CurrentRequestMemo() memo: RequestMemo,
    @Args('filter', filterArgument) filter?: AnalysisFilterInput | null,
  ): Promise<OverviewObject> {
    return mapOverview(
      await asGraphqlErrors(this.aggregates.overview(signedIn(principal), filter ?? {}, memo)),
    );
  }

  @Query(() => PracticeVariationObject, {
    description:
      'Funnel plot of departments, clinicians or indication groups, with Benjamini–Hochberg q over the units compared',
  })
  @Roles('ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR')
  async practiceVariation(
    @CurrentPrincipal() principal: Principal | undefined,
    @CurrentRequestMemo() memo: RequestMemo,
    @Args('by', { type: () => VariationDimension }) by: VariationDimension,
    @Args('measure', { type: () => FunnelMeasure, nullable: true }) measure?: FunnelMeasure | null,
    @Args('filter', filterArgument) filter?: AnalysisFilterInput | null,
  ): Promise<PracticeVariationObject> {
    return mapPracticeVariation(
      await asGraphqlErrors(
        this.aggregates.practiceVariation(
          signedIn(principal),
          by,
          measure ?? FunnelMeasure.CONFLICT_RATE,
          filter ?? {},
          memo,
        ),
      ),
    );
  }

  @Query(() => DoseHistorySensitivityObject, {
    description: 'Away-switch rate per indication group and dose-history band, and the MH ORs',
  })
  @Roles('ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR')
  async doseHistorySensitivity(
    @CurrentPrincipal() principal: Principal | undefined,
    @CurrentRequestMemo() memo: RequestMemo,
    @Args('filter', filterArgument) filter?: AnalysisFilterInput | null,
  ): Promise<DoseHistorySensitivityObject> {
    return mapDoseHistorySensitivity(
      await asGraphqlErrors(
        this.aggregates.doseHistorySensitivity(signedIn(principal), filter ?? {}, memo),
      ),
    );
  }
}

/** The guard sets the principal on every non-public request; without it nothing is read. */
export function signedIn(principal: Principal | undefined): Principal {
  if (!principal) {
    throw toGraphQLError(
      new AnalyticsError(AnalyticsErrorCode.UNAUTHENTICATED, 'Sign in to read this.'),
    );
  }
  return principal;
}
