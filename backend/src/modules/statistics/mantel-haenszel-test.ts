import { assertCount } from './assert-count.js';
import type { Stratum2x2 } from './mantel-haenszel.js';
import { computeNormalUpperTail } from './normal-distribution.js';

export interface MantelHaenszelTest {
  /** Σ (aᵢ − E[aᵢ]): HIGH-band away-switches beyond what the strata's margins predict. */
  readonly excess: number;
  /** Σ Var(aᵢ), hypergeometric; 0 when no stratum carries information. */
  readonly variance: number;
  /** Cochran–Mantel–Haenszel χ² (1 df), with continuity correction when asked. */
  readonly statistic: number | null;
  /** Signed √χ²: positive when HIGH-band patients switch away more often. */
  readonly z: number | null;
  /** One-sided p-value for a common odds ratio above 1 (R's `alternative = "greater"`). */
  readonly pGreater: number | null;
  /** Two-sided p-value, as R's `mantelhaen.test` prints it. */
  readonly pTwoSided: number | null;
}

/**
 * Cochran–Mantel–Haenszel test of a common odds ratio of 1 over 2×2 strata, the test of R's
 * `mantelhaen.test(x, alternative, correct)`:
 *
 *   E[aᵢ] = n1ᵢ·m1ᵢ/Nᵢ,  Var(aᵢ) = n1ᵢ·n0ᵢ·m1ᵢ·m0ᵢ / (Nᵢ²(Nᵢ − 1))
 *   Δ = Σ (aᵢ − E[aᵢ]),  χ² = (|Δ| − c)² / Σ Var(aᵢ),  c = ½ if corrected and |Δ| ≥ ½, else 0
 *   z = sign(Δ)·√χ²,  p(OR > 1) = P(Z > z)
 *
 * n1/n0 are the HIGH/LOW row totals, m1/m0 the away/not-away column totals. Unlike the
 * Wald interval of the log odds ratio it needs no finite odds ratio: a clinician all of whose
 * HIGH-band patients switched away still gets a p-value. Strata with fewer than two orders
 * carry no information and are skipped; with no information at all the results are null.
 */
export function computeMantelHaenszelTest(
  strata: readonly Stratum2x2[],
  options: { readonly continuityCorrection?: boolean } = {},
): MantelHaenszelTest {
  const correct = options.continuityCorrection ?? true;
  let excess = 0;
  let variance = 0;
  strata.forEach((stratum, index) => {
    const where = `stratum ${index + 1}`;
    assertCount(stratum.exposedEvents, `${where} exposedEvents`);
    assertCount(stratum.exposedNonEvents, `${where} exposedNonEvents`);
    assertCount(stratum.unexposedEvents, `${where} unexposedEvents`);
    assertCount(stratum.unexposedNonEvents, `${where} unexposedNonEvents`);
    const a = stratum.exposedEvents;
    const b = stratum.exposedNonEvents;
    const c = stratum.unexposedEvents;
    const d = stratum.unexposedNonEvents;
    const n = a + b + c + d;
    if (n < 2) return;
    const exposed = a + b;
    const unexposed = c + d;
    const events = a + c;
    const nonEvents = b + d;
    excess += a - (exposed * events) / n;
    variance += (exposed * unexposed * events * nonEvents) / (n * n * (n - 1));
  });
  if (variance <= 0) {
    return { excess, variance: 0, statistic: null, z: null, pGreater: null, pTwoSided: null };
  }
  const yates = correct && Math.abs(excess) >= 0.5 ? 0.5 : 0;
  const statistic = (Math.abs(excess) - yates) ** 2 / variance;
  const z = Math.sign(excess) * Math.sqrt(statistic);
  return {
    excess,
    variance,
    statistic,
    z,
    pGreater: computeNormalUpperTail(z),
    pTwoSided: 2 * computeNormalUpperTail(Math.sqrt(statistic)),
  };
}
