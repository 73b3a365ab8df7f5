/**
 * The best precision any detector that sees only the records can reach at a given recall, on a
 * generated hospital (issue 10). The generator gives steering clinicians silent switches with no
 * dose motive in HIGH-band patients that look exactly like their undocumented steered ones: same
 * mechanisms, same contentless reasons, same bands, same clinician. An oracle told which
 * clinicians steer flags every steered order and, since it cannot tell them apart, every such
 * silent switch: its precision is the ceiling at recall 1. Below recall 1 the best a detector
 * can do is flag the steered orders that carry dose talk first (they are told apart by their
 * words, precision 1), then an equal share f of the indistinguishable pool (the undocumented
 * steered orders U and the silent switches N):
 *
 *   recall r = (D + f·U) / S, so f = (r·S − D) / U when r·S > D;
 *   precision = r·S / (r·S + f·N)                       (= 1 when r·S <= D)
 *
 * with S = D + U steered orders, D of them with dose talk.
 */
export interface CeilingCounts {
  /** Steered orders (S). */
  readonly steered: number;
  /** Steered orders whose texts carry dose talk (D), told apart by their words. */
  readonly documented: number;
  /**
   * Away-switches with no dose motive by steering clinicians in HIGH-band patients (N): the
   * records cannot tell them from the undocumented steered orders.
   */
  readonly indistinguishable: number;
}

/** The precision ceiling at `recall` (0 < recall <= 1); null when nothing was steered. */
export function precisionCeiling(counts: CeilingCounts, recall: number): number | null {
  if (!(recall > 0 && recall <= 1)) throw new RangeError('recall must be in (0, 1]');
  const { steered, documented, indistinguishable } = counts;
  if (steered <= 0) return null;
  const found = recall * steered;
  if (found <= documented) return 1;
  const undocumented = steered - documented;
  const share = (found - documented) / undocumented;
  return found / (found + share * indistinguishable);
}

/**
 * The counts a generated hospital is expected to have per HIGH-band opportunity of a steering
 * clinician, from the generator's rates: a share `steerRate` is steered, `documentedShare` of
 * those with dose talk; of the others, `silentSwitchRate` become silent switches with no dose
 * motive. (The generator's defaults: 0.4, 0.5 and 0.04; weak steering 0.15 and 0.02.)
 */
export function expectedCeilingCounts(rates: {
  readonly steerRate: number;
  readonly documentedShare: number;
  readonly silentSwitchRate: number;
}): CeilingCounts {
  return {
    steered: rates.steerRate,
    documented: rates.steerRate * rates.documentedShare,
    indistinguishable: (1 - rates.steerRate) * rates.silentSwitchRate,
  };
}
