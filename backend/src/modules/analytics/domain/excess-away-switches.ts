import { assertCount } from '../../statistics/assert-count.js';

/** Away-switches and opportunities of one stratum, for the HIGH and LOW dose-history bands. */
export interface BandSwitchCounts {
  readonly highSwitches: number;
  readonly highOpportunities: number;
  readonly lowSwitches: number;
  readonly lowOpportunities: number;
}

export interface ExcessAwaySwitchesResult {
  /** Σ (observed − expected) over the strata used; may be negative (fewer than expected). */
  readonly excessAwaySwitches: number;
  /** Σ HIGH-band away-switches over the strata used. */
  readonly observedHighSwitches: number;
  /** Σ HIGH opportunities × LOW away-switch rate over the strata used. */
  readonly expectedHighSwitches: number;
  readonly strataUsed: number;
  /** Strata with no LOW-band opportunities: no reference rate, so they contribute nothing. */
  readonly strataWithoutLowOpportunities: number;
}

/**
 * Excess away-switches attributable to dose history:
 *
 *   Σ over strata of (highSwitches − highOpportunities × lowSwitches / lowOpportunities)
 *
 * i.e. the HIGH-band away-switches beyond what the LOW band's away-switch rate in the same
 * stratum (indication group × population × setting) predicts. A stratum with no LOW-band
 * opportunities has no reference rate and contributes nothing (neither observed nor expected);
 * it is counted in `strataWithoutLowOpportunities` so the figure can say so.
 */
export function computeExcessAwaySwitches(
  strata: readonly BandSwitchCounts[],
): ExcessAwaySwitchesResult {
  let observedHighSwitches = 0;
  let expectedHighSwitches = 0;
  let strataUsed = 0;
  let strataWithoutLowOpportunities = 0;
  for (const stratum of strata) {
    assertCount(stratum.highSwitches, 'highSwitches');
    assertCount(stratum.highOpportunities, 'highOpportunities');
    assertCount(stratum.lowSwitches, 'lowSwitches');
    assertCount(stratum.lowOpportunities, 'lowOpportunities');
    if (stratum.highSwitches > stratum.highOpportunities) {
      throw new RangeError('highSwitches cannot exceed highOpportunities.');
    }
    if (stratum.lowSwitches > stratum.lowOpportunities) {
      throw new RangeError('lowSwitches cannot exceed lowOpportunities.');
    }
    if (stratum.lowOpportunities === 0) {
      strataWithoutLowOpportunities += 1;
      continue;
    }
    strataUsed += 1;
    observedHighSwitches += stratum.highSwitches;
    expectedHighSwitches +=
      (stratum.highOpportunities * stratum.lowSwitches) / stratum.lowOpportunities;
  }
  return {
    excessAwaySwitches: observedHighSwitches - expectedHighSwitches,
    observedHighSwitches,
    expectedHighSwitches,
    strataUsed,
    strataWithoutLowOpportunities,
  };
}
