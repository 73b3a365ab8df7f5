import type { ExcessAwaySwitchesResult, OddsRatioSummary, ConflictRates } from './domain/index.js';
import type { CommitteeConflictTrend, CommitteeDepartmentVariation } from './committee.service.js';
import {
  OddsRatioStatus,
  type DoseHistoryOddsRatioObject,
  type ExcessAwaySwitchesObject,
} from './dto/dose-history.object.js';
import {
  FunnelMeasure,
  FunnelPosition,
  type ConflictRatesObject,
  type DepartmentVariationObject,
} from './dto/department-variation.object.js';
import {
  SpecialCauseRule,
  type MonthlyConflictTrendObject,
} from './dto/monthly-conflict-trend.object.js';

/**
 * Whitelists the fields of the committee's views into their GraphQL objects, so a field added
 * to a view (or a row) never reaches the open dashboard by accident.
 */
export function mapConflictTrend(trend: CommitteeConflictTrend): MonthlyConflictTrendObject {
  return {
    department: trend.department,
    departments: [...trend.departments],
    centre: trend.centre,
    baselineMonthsSetting: trend.baselineMonthsSetting,
    baselineMonths: trend.baselineMonths,
    baselineFirstMonth: trend.baselineFirstMonth,
    baselineLastMonth: trend.baselineLastMonth,
    baselineConflicts: trend.baselineConflicts,
    baselineOpportunities: trend.baselineOpportunities,
    months: trend.months.map((month) => ({
      month: month.month,
      opportunities: month.opportunities,
      conflicts: month.conflicts,
      awaySwitches: month.awaySwitches,
      conflictRate: month.conflictRate,
      awaySwitchRate: month.awaySwitchRate,
      centre: month.centre,
      upperControlLimit: month.upperControlLimit,
      lowerControlLimit: month.lowerControlLimit,
      specialCauseRules: month.specialCauseRules.map((rule) => SpecialCauseRule[rule]),
      doseHistoryOddsRatio: mapOddsRatio(month.doseHistoryOddsRatio),
    })),
  };
}

export function mapDepartmentVariation(
  variation: CommitteeDepartmentVariation,
): DepartmentVariationObject {
  return {
    measure: FunnelMeasure[variation.measure],
    firstMonth: variation.firstMonth,
    lastMonth: variation.lastMonth,
    targetRate: variation.targetRate,
    site: mapRates(variation.site),
    departments: variation.departments.map((department) => ({
      department: department.department,
      ...mapRates(department),
      rate: department.rate,
      limits: department.limits && {
        lower95: department.limits.lower95,
        upper95: department.limits.upper95,
        lower998: department.limits.lower998,
        upper998: department.limits.upper998,
      },
      position: department.position && FunnelPosition[department.position],
    })),
    funnelCurve: variation.funnelCurve.map((point) => ({
      opportunities: point.n,
      lower95: point.lower95,
      upper95: point.upper95,
      lower998: point.lower998,
      upper998: point.upper998,
    })),
  };
}

function mapRates(rates: ConflictRates): ConflictRatesObject {
  return {
    opportunities: rates.opportunities,
    conflicts: rates.conflicts,
    awaySwitches: rates.awaySwitches,
    conflictRate: rates.conflictRate,
    awaySwitchRate: rates.awaySwitchRate,
    doseHistoryOddsRatio: mapOddsRatio(rates.doseHistoryOddsRatio),
    excessAwaySwitches: mapExcess(rates.excessAwaySwitches),
  };
}

export function mapOddsRatio(summary: OddsRatioSummary): DoseHistoryOddsRatioObject {
  return {
    oddsRatio: summary.oddsRatio,
    lower95: summary.lower95,
    upper95: summary.upper95,
    status: OddsRatioStatus[summary.status],
    strataUsed: summary.strataUsed,
    opportunities: summary.opportunities,
  };
}

export function mapExcess(excess: ExcessAwaySwitchesResult): ExcessAwaySwitchesObject {
  return {
    excess: excess.excessAwaySwitches,
    observedHighAwaySwitches: excess.observedHighSwitches,
    expectedHighAwaySwitches: excess.expectedHighSwitches,
    strataUsed: excess.strataUsed,
    strataWithoutLowOpportunities: excess.strataWithoutLowOpportunities,
  };
}
