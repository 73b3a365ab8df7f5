import { adjustBenjaminiHochberg } from '../../statistics/benjamini-hochberg.js';
import type { ExcessAwaySwitchesResult } from './excess-away-switches.js';
import { computeMantelHaenszelTest } from '../../statistics/mantel-haenszel-test.js';
import type { FunnelLimits } from '../../statistics/funnel-limits.js';
import {
  computeFunnelPlot,
  type FunnelCurvePoint,
  type FunnelPosition,
} from '../../statistics/funnel-plot.js';
import {
  summariseDoseHistory,
  type DoseHistoryStratumCounts,
  type OddsRatioSummary,
} from './summarise-dose-history.js';

/** The rate a funnel plot compares across departments. */
export const FUNNEL_MEASURES = ['CONFLICT_RATE', 'AWAY_SWITCH_RATE'] as const;
export type FunnelMeasure = (typeof FUNNEL_MEASURES)[number];

export interface DepartmentConflictCounts {
  /** null: orders without a department. */
  readonly department: string | null;
  readonly opportunities: number;
  readonly conflicts: number;
  readonly awaySwitches: number;
}

export interface DepartmentDoseHistoryStratum extends DoseHistoryStratumCounts {
  /** true: the stratum over the whole site (department is then ignored). */
  readonly isSite: boolean;
  readonly department: string | null;
}

export interface ConflictRates {
  readonly opportunities: number;
  readonly conflicts: number;
  readonly awaySwitches: number;
  readonly conflictRate: number | null;
  readonly awaySwitchRate: number | null;
  readonly doseHistoryOddsRatio: OddsRatioSummary;
  readonly excessAwaySwitches: ExcessAwaySwitchesResult;
}

export interface DepartmentVariationRow extends ConflictRates {
  readonly department: string | null;
  /** The measured rate (conflict or away-switch rate); null without opportunities. */
  readonly rate: number | null;
  /** Funnel limits around the site rate at this department's volume. */
  readonly limits: FunnelLimits | null;
  readonly position: FunnelPosition | null;
  /** One-sided CMH p-value of the dose-history odds ratio above 1; null without information. */
  readonly doseHistoryPValue: number | null;
  /** The same adjusted by Benjamini–Hochberg over the departments compared. */
  readonly doseHistoryQValue: number | null;
}

export interface DepartmentVariation {
  readonly measure: FunnelMeasure;
  /** The site's rate of the measure: the funnel's centre line. */
  readonly targetRate: number | null;
  readonly site: ConflictRates;
  readonly departments: readonly DepartmentVariationRow[];
  /** Departments compared: those with opportunities (the funnel's units). */
  readonly compared: number;
  /** Departments whose dose-history odds ratio could be tested (the m of the adjustment). */
  readonly comparedDoseHistory: number;
  /** The limit lines from volume 1 to the largest department's. */
  readonly funnelCurve: readonly FunnelCurvePoint[];
}

/**
 * Practice variation between departments: each department's conflict or away-switch rate with
 * exact binomial funnel limits (95 % and 99.8 %) around the site rate at its volume, and its
 * dose-history sensitivity (MH odds ratio HIGH vs LOW, excess away-switches). The site's
 * figures pool every department, orders without a department included.
 */
export function assembleDepartmentVariation(
  counts: readonly DepartmentConflictCounts[],
  strata: readonly DepartmentDoseHistoryStratum[],
  measure: FunnelMeasure,
): DepartmentVariation {
  const siteStrata = strata.filter((stratum) => stratum.isSite);
  const siteCounts = counts.reduce(
    (sum, department) => ({
      opportunities: sum.opportunities + department.opportunities,
      conflicts: sum.conflicts + department.conflicts,
      awaySwitches: sum.awaySwitches + department.awaySwitches,
    }),
    { opportunities: 0, conflicts: 0, awaySwitches: 0 },
  );
  const funnel = computeFunnelPlot(
    counts.map((department, index) => ({
      id: String(index),
      events: measure === 'CONFLICT_RATE' ? department.conflicts : department.awaySwitches,
      n: department.opportunities,
    })),
  );
  const pValues = counts.map((department) =>
    testDoseHistory(
      strata.filter((stratum) => !stratum.isSite && stratum.department === department.department),
    ),
  );
  const tested = pValues.flatMap((pValue, index) => (pValue === null ? [] : [index]));
  const qValues = adjustBenjaminiHochberg(tested.map((index) => pValues[index] as number));
  const qValueOf = new Map(tested.map((index, position) => [index, qValues[position]]));
  return {
    measure,
    targetRate: funnel.target,
    site: describeRates(siteCounts, siteStrata),
    departments: counts.map((department, index) => {
      const unit = funnel.units[index];
      const departmentStrata = strata.filter(
        (stratum) => !stratum.isSite && stratum.department === department.department,
      );
      return {
        department: department.department,
        ...describeRates(department, departmentStrata),
        rate: unit.rate,
        limits: unit.limits,
        position: unit.position,
        doseHistoryPValue: pValues[index],
        doseHistoryQValue: qValueOf.get(index) ?? null,
      };
    }),
    compared: counts.filter((department) => department.opportunities > 0).length,
    comparedDoseHistory: tested.length,
    funnelCurve: funnel.curve,
  };
}

/** One-sided Cochran–Mantel–Haenszel p-value of an away-switch odds ratio HIGH vs LOW above 1. */
function testDoseHistory(strata: readonly DoseHistoryStratumCounts[]): number | null {
  return computeMantelHaenszelTest(
    strata.map((stratum) => ({
      exposedEvents: stratum.highAwaySwitches,
      exposedNonEvents: stratum.highOpportunities - stratum.highAwaySwitches,
      unexposedEvents: stratum.lowAwaySwitches,
      unexposedNonEvents: stratum.lowOpportunities - stratum.lowAwaySwitches,
    })),
  ).pGreater;
}

function describeRates(
  counts: Omit<DepartmentConflictCounts, 'department'>,
  strata: readonly DoseHistoryStratumCounts[],
): ConflictRates {
  const doseHistory = summariseDoseHistory(strata);
  const rateOf = (events: number) =>
    counts.opportunities > 0 ? events / counts.opportunities : null;
  return {
    opportunities: counts.opportunities,
    conflicts: counts.conflicts,
    awaySwitches: counts.awaySwitches,
    conflictRate: rateOf(counts.conflicts),
    awaySwitchRate: rateOf(counts.awaySwitches),
    doseHistoryOddsRatio: doseHistory.oddsRatio,
    excessAwaySwitches: doseHistory.excess,
  };
}
