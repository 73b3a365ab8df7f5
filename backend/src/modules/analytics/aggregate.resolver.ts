import { Args, Info, Int, Query, Resolver } from '@nestjs/graphql';
import { Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import { asGraphqlErrors, toGraphQLError } from '../../common/error-mapping.js';
import { CurrentRequestMemo, type RequestMemo } from '../../common/request-memo.js';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { VariationDimension, VariationOrder } from '../vocabulary/graphql-enums.js';
import { AnalyticsError, AnalyticsErrorCode } from './analytics.exception.js';
import {
  mapDoseHistorySensitivity,
  mapOverview,
  mapPracticeVariation,
  mapPracticeVariationDensity,
} from './aggregate.mapper.js';
import { AggregateService } from './aggregate.service.js';
import { AnalysisFilterInput } from './dto/analysis-filter.input.js';
import {
  DoseHistorySensitivityObject,
  OverviewObject,
  PracticeVariationObject,
} from './dto/aggregate.object.js';
import { FunnelMeasure } from './dto/department-variation.object.js';
import { PracticeVariationDensityObject } from './dto/practice-variation-density.object.js';

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
    @Args('orderBy', {
      type: () => VariationOrder,
      nullable: true,
      description: 'UNIT (default) or EVIDENCE; figures and totals do not depend on it',
    })
    orderBy?: VariationOrder | null,
    @Args('first', {
      type: () => Int,
      nullable: true,
      description: 'At most this many rows (default: every row after `after`)',
    })
    first?: number | null,
    @Args('after', {
      type: () => String,
      nullable: true,
      description: "The previous page's pageInfo.endCursor",
    })
    after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<PracticeVariationObject> {
    return mapPracticeVariation(
      await asGraphqlErrors(
        this.aggregates.practiceVariation(
          signedIn(principal),
          by,
          measure ?? FunnelMeasure.CONFLICT_RATE,
          filter ?? {},
          memo,
          {
            orderBy: orderBy ?? null,
            first: first ?? null,
            after: after ?? null,
            doseHistory: info ? selectsDoseHistory(info) : true,
          },
        ),
      ),
    );
  }

  @Query(() => PracticeVariationDensityObject, {
    description:
      "The funnel plot of every unit in the caller's scope, compactly: units inside the 95 % limits counted per cell of the plot's grid, every unit outside a 95 % limit as a point",
  })
  @Roles('ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR')
  async practiceVariationDensity(
    @CurrentPrincipal() principal: Principal | undefined,
    @CurrentRequestMemo() memo: RequestMemo,
    @Args('by', { type: () => VariationDimension }) by: VariationDimension,
    @Args('measure', { type: () => FunnelMeasure, nullable: true }) measure?: FunnelMeasure | null,
    @Args('filter', filterArgument) filter?: AnalysisFilterInput | null,
  ): Promise<PracticeVariationDensityObject> {
    return mapPracticeVariationDensity(
      await asGraphqlErrors(
        this.aggregates.practiceVariationDensity(
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

const DOSE_HISTORY_FIELDS = new Set(['doseHistoryOddsRatio', 'excessAwaySwitches']);

/**
 * Whether the request asks for a row's dose-history summary (rows { doseHistoryOddsRatio } or
 * rows { excessAwaySwitches }, directly or through fragments); when it does not (the filter
 * bar's list of clinicians), the strata are not read. Anything this cannot see through
 * (a directive on the field) counts as asked.
 */
export function selectsDoseHistory(info: GraphQLResolveInfo): boolean {
  const visit = (selections: readonly SelectionNode[], inRows: boolean): boolean =>
    selections.some((selection) => {
      if (selection.directives && selection.directives.length > 0) return true;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (inRows) return DOSE_HISTORY_FIELDS.has(name);
        return name === 'rows' && visit(selection.selectionSet?.selections ?? [], true);
      }
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      return fragment ? visit(fragment.selectionSet.selections, inRows) : true;
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet?.selections ?? [], false));
}
