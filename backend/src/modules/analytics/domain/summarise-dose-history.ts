import {
  computeExcessAwaySwitches,
  type ExcessAwaySwitchesResult,
} from './excess-away-switches.js';
import {
  computeMantelHaenszel,
  type MantelHaenszelStatus,
} from '../../statistics/mantel-haenszel.js';

/** Away-switches and assessable opportunities of one stratum in the HIGH and LOW bands. */
export interface DoseHistoryStratumCounts {
  readonly highAwaySwitches: number;
  readonly highOpportunities: number;
  readonly lowAwaySwitches: number;
  readonly lowOpportunities: number;
}

/** The Mantel–Haenszel odds ratio of an away-switch, HIGH vs LOW band, as the views show it. */
export interface OddsRatioSummary {
  /** null when undefined (no information) or unbounded (no LOW-band switch to compare). */
  readonly oddsRatio: number | null;
  readonly lower95: number | null;
  readonly upper95: number | null;
  readonly status: MantelHaenszelStatus;
  /** Strata with at least two HIGH or LOW orders. */
  readonly strataUsed: number;
  /** HIGH and LOW opportunities in those strata. */
  readonly opportunities: number;
}

export interface DoseHistorySummary {
  readonly oddsRatio: OddsRatioSummary;
  readonly excess: ExcessAwaySwitchesResult;
}

/**
 * Dose-history sensitivity of a set of strata (indication group × population × setting): the
 * Mantel–Haenszel odds ratio of an away-switch, HIGH vs LOW, with its 95 % CI, and the excess
 * away-switches attributable to dose history (HIGH-band switches beyond the LOW-band rate).
 */
export function summariseDoseHistory(
  strata: readonly DoseHistoryStratumCounts[],
): DoseHistorySummary {
  const mantelHaenszel = computeMantelHaenszel(
    strata.map((stratum) => ({
      exposedEvents: stratum.highAwaySwitches,
      exposedNonEvents: stratum.highOpportunities - stratum.highAwaySwitches,
      unexposedEvents: stratum.lowAwaySwitches,
      unexposedNonEvents: stratum.lowOpportunities - stratum.lowAwaySwitches,
    })),
  );
  const excess = computeExcessAwaySwitches(
    strata.map((stratum) => ({
      highSwitches: stratum.highAwaySwitches,
      highOpportunities: stratum.highOpportunities,
      lowSwitches: stratum.lowAwaySwitches,
      lowOpportunities: stratum.lowOpportunities,
    })),
  );
  return {
    oddsRatio: {
      oddsRatio: mantelHaenszel.oddsRatio,
      lower95: mantelHaenszel.lower95,
      upper95: mantelHaenszel.upper95,
      status: mantelHaenszel.status,
      strataUsed: mantelHaenszel.strataUsed,
      opportunities: mantelHaenszel.totalN,
    },
    excess,
  };
}
