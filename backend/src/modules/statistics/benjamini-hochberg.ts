import { computeBinomialCdf, type BinomialDistributions } from './funnel-limits.js';

/**
 * Benjamini–Hochberg step-up adjustment of p-values (Benjamini & Hochberg, J R Stat Soc B 1995),
 * the same values as R's `p.adjust(p, method = "BH")`:
 *
 *   sort p ascending: p(1) ≤ … ≤ p(m)
 *   q(i) = min over j ≥ i of min(1, m · p(j) / j)
 *
 * Rejecting every hypothesis with q ≤ α controls the false discovery rate at α for independent
 * (or positively dependent) tests. The adjusted values come back in the order of the input.
 * A null p-value (a unit that could not be tested) is left out of m and stays null. Every other
 * p-value must be a number in [0, 1]; an empty list gives an empty list.
 */
export function adjustBenjaminiHochberg(pValues: readonly number[]): number[];
export function adjustBenjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[];
export function adjustBenjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  pValues.forEach((pValue, index) => {
    if (pValue === null) return;
    if (typeof pValue !== 'number' || Number.isNaN(pValue) || pValue < 0 || pValue > 1) {
      throw new RangeError(`p-value ${index + 1} must be a number between 0 and 1, got ${pValue}.`);
    }
  });
  const tested = pValues
    .map((pValue, index) => ({ pValue, index }))
    .filter((entry): entry is { pValue: number; index: number } => entry.pValue !== null)
    .sort((a, b) => a.pValue - b.pValue || a.index - b.index);
  const m = tested.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let runningMin = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const { pValue, index } = tested[rank - 1];
    runningMin = Math.min(runningMin, (m * pValue) / rank);
    adjusted[index] = runningMin;
  }
  return adjusted;
}

/**
 * One-sided exact binomial p-value of a rate above the target: P(R >= events) for
 * R ~ Binomial(n, target), as R's binom.test(events, n, target, alternative = "greater").
 * null when n = 0 (nothing to test).
 */
export function computeUpperTailPValue(
  events: number,
  n: number,
  target: number,
  /** Shared with the funnel limits of the same units (see BinomialDistributions). */
  distributions?: BinomialDistributions,
): number | null {
  if (n === 0) return null;
  if (events <= 0) return 1;
  return Math.min(1, Math.max(0, 1 - computeBinomialCdf(events - 1, n, target, distributions)));
}
