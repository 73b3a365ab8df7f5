import { computePChart, type PChartRule } from '../../statistics/p-chart.js';
import {
  summariseDoseHistory,
  type DoseHistoryStratumCounts,
  type OddsRatioSummary,
} from './summarise-dose-history.js';

/** One month's assessable opportunities, conflicts and away-switches, in time order. */
export interface MonthlyConflictCounts {
  readonly month: string;
  readonly opportunities: number;
  readonly conflicts: number;
  readonly awaySwitches: number;
}

export interface MonthlyDoseHistoryStratum extends DoseHistoryStratumCounts {
  readonly month: string;
}

export interface ConflictTrendMonth {
  readonly month: string;
  readonly opportunities: number;
  readonly conflicts: number;
  readonly awaySwitches: number;
  /** conflicts / opportunities; null without opportunities. */
  readonly conflictRate: number | null;
  readonly awaySwitchRate: number | null;
  /** The p-chart centre line p̄ (the same every month). */
  readonly centre: number | null;
  readonly upperControlLimit: number | null;
  readonly lowerControlLimit: number | null;
  readonly specialCauseRules: readonly PChartRule[];
  /** The month's Mantel–Haenszel OR of an away-switch, HIGH vs LOW band. */
  readonly doseHistoryOddsRatio: OddsRatioSummary;
}

export interface ConflictTrend {
  /** p̄ = baseline conflicts / baseline opportunities; null when the baseline has none. */
  readonly centre: number | null;
  /** The configured baseline length (setting pchart.baseline_months). */
  readonly baselineMonthsSetting: number;
  /** Months actually in the baseline (fewer when fewer months are loaded). */
  readonly baselineMonths: number;
  readonly baselineFirstMonth: string | null;
  readonly baselineLastMonth: string | null;
  readonly baselineConflicts: number;
  readonly baselineOpportunities: number;
  readonly months: readonly ConflictTrendMonth[];
}

/**
 * The committee's monthly trend: a p-chart of the conflict rate (centre line over the first
 * `baselineMonths` months, 3-sigma limits per month, special-cause rules) and, per month, the
 * dose-history odds ratio pooled over that month's strata.
 */
export function assembleConflictTrend(
  counts: readonly MonthlyConflictCounts[],
  strata: readonly MonthlyDoseHistoryStratum[],
  baselineMonths: number,
): ConflictTrend {
  const chart = computePChart(
    counts.map((month) => ({
      period: month.month,
      events: month.conflicts,
      n: month.opportunities,
    })),
    { baselinePeriods: baselineMonths },
  );
  const strataByMonth = new Map<string, MonthlyDoseHistoryStratum[]>();
  for (const stratum of strata) {
    const monthStrata = strataByMonth.get(stratum.month) ?? [];
    monthStrata.push(stratum);
    strataByMonth.set(stratum.month, monthStrata);
  }
  return {
    centre: chart.centre,
    baselineMonthsSetting: baselineMonths,
    baselineMonths: chart.baselinePeriods,
    baselineFirstMonth: counts[0]?.month ?? null,
    baselineLastMonth: counts[chart.baselinePeriods - 1]?.month ?? null,
    baselineConflicts: chart.baselineEvents,
    baselineOpportunities: chart.baselineN,
    months: counts.map((month, index) => {
      const point = chart.points[index];
      return {
        month: month.month,
        opportunities: month.opportunities,
        conflicts: month.conflicts,
        awaySwitches: month.awaySwitches,
        conflictRate: point.proportion,
        awaySwitchRate: month.opportunities > 0 ? month.awaySwitches / month.opportunities : null,
        centre: chart.centre,
        upperControlLimit: point.ucl,
        lowerControlLimit: point.lcl,
        specialCauseRules: point.rules,
        doseHistoryOddsRatio: summariseDoseHistory(strataByMonth.get(month.month) ?? []).oddsRatio,
      };
    }),
  };
}
