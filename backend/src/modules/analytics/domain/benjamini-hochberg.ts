import { assertProbability } from './assert-count.js';
import { computeBinomialCdf } from './funnel-limits.js';

/**
 * Benjamini–Hochberg adjusted p-values (q-values), as R's p.adjust(p, "BH"):
 *
 *   q₍ᵢ₎ = min over j >= i of min(1, m · p₍ⱼ₎ / j)   for the p-values sorted ascending
 *
 * A unit whose q is at most the false discovery rate (e.g. 0.05) stands out after accounting
 * for the m units compared. null p-values (units that could not be tested) are left out of m
 * and stay null. The result keeps the order given.
 */
export function adjustBenjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null);
  for (const entry of tested) assertProbability(entry.p, `p-value ${entry.index}`);
  const m = tested.length;
  const sorted = [...tested].sort((left, right) => left.p - right.p || left.index - right.index);
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const entry = sorted[rank - 1];
    running = Math.min(running, (m * entry.p) / rank);
    adjusted[entry.index] = running;
  }
  return adjusted;
}

/**
 * One-sided exact binomial p-value of a rate above the target: P(R >= events) for
 * R ~ Binomial(n, target), as R's binom.test(events, n, target, alternative = "greater").
 * null when n = 0 (nothing to test).
 */
export function computeUpperTailPValue(events: number, n: number, target: number): number | null {
  if (n === 0) return null;
  if (events <= 0) return 1;
  return Math.min(1, Math.max(0, 1 - computeBinomialCdf(events - 1, n, target)));
}
