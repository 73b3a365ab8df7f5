import { assertCount } from './assert-count.js';

/**
 * One stratum (indication group × population × setting) of the dose-history sensitivity
 * analysis, as a 2×2 table:
 *
 * |                 | away-switch | no away-switch |
 * | --------------- | ----------- | -------------- |
 * | HIGH band       | a = exposedEvents   | b = exposedNonEvents   |
 * | LOW band        | c = unexposedEvents | d = unexposedNonEvents |
 */
export interface Stratum2x2 {
  readonly exposedEvents: number;
  readonly exposedNonEvents: number;
  readonly unexposedEvents: number;
  readonly unexposedNonEvents: number;
}

/**
 * - `ESTIMATED`: odds ratio and confidence interval are finite.
 * - `ZERO`: no HIGH-band switches against LOW-band non-switches (Σ a·d/n = 0): the odds ratio
 *   is 0 and its log (so the interval) is undefined.
 * - `INFINITE`: Σ b·c/n = 0: the odds ratio is unbounded; reported as null.
 * - `NO_INFORMATION`: no stratum has discordant information (both sums are 0), or no stratum
 *   has at least two orders.
 */
export type MantelHaenszelStatus = 'ESTIMATED' | 'ZERO' | 'INFINITE' | 'NO_INFORMATION';

export interface MantelHaenszelResult {
  /** Mantel–Haenszel common odds ratio Σ(a·d/n) / Σ(b·c/n); null when undefined or unbounded. */
  readonly oddsRatio: number | null;
  /** Natural log of the odds ratio; null unless the odds ratio is finite and positive. */
  readonly logOddsRatio: number | null;
  /** Robins–Breslow–Greenland standard error of the log odds ratio. */
  readonly logSe: number | null;
  /** logSe², the variance to feed into shrinkage. */
  readonly logVariance: number | null;
  /** Lower bound of the 95 % confidence interval. */
  readonly lower95: number | null;
  /** Upper bound of the 95 % confidence interval. */
  readonly upper95: number | null;
  readonly status: MantelHaenszelStatus;
  /** Strata with at least two orders (the ones that enter the sums). */
  readonly strataUsed: number;
  /** Strata left out because they hold fewer than two orders. */
  readonly strataSkipped: number;
  /** Orders in the strata used. */
  readonly totalN: number;
}

/** qnorm(0.975), as R's mantelhaen.test uses for a 95 % interval. */
const Z_975 = 1.959963984540054;

/**
 * Mantel–Haenszel odds ratio of an away-switch, HIGH vs LOW dose-history band, pooled over
 * strata, with the Robins–Breslow–Greenland (1986) variance of its log:
 *
 *   R = Σ aᵢdᵢ/nᵢ,  S = Σ bᵢcᵢ/nᵢ,  OR = R / S
 *   Var(log OR) = Σ PᵢRᵢ / (2R²) + Σ (PᵢSᵢ + QᵢRᵢ) / (2RS) + Σ QᵢSᵢ / (2S²)
 *   with Pᵢ = (aᵢ + dᵢ)/nᵢ, Qᵢ = (bᵢ + cᵢ)/nᵢ, Rᵢ = aᵢdᵢ/nᵢ, Sᵢ = bᵢcᵢ/nᵢ
 *   95 % CI = OR · exp(∓ 1.96 · SE)
 *
 * This is what R's `mantelhaen.test` reports (without `exact`). R refuses a stratum with fewer
 * than two observations; here such a stratum is skipped and counted in `strataSkipped`. That
 * changes nothing numerically: a stratum with n = 1 contributes 0 to every sum, and n = 0 would
 * only divide 0 by 0. Strata whose a·d and b·c are both 0 (all orders in one row or one column)
 * are kept, contribute 0, and change nothing either. Undefined quantities are null, never NaN
 * or Infinity.
 */
export function computeMantelHaenszel(strata: readonly Stratum2x2[]): MantelHaenszelResult {
  let sumR = 0;
  let sumS = 0;
  let sumPR = 0;
  let sumPSQR = 0;
  let sumQS = 0;
  let strataUsed = 0;
  let strataSkipped = 0;
  let totalN = 0;

  for (const stratum of strata) {
    const a = stratum.exposedEvents;
    const b = stratum.exposedNonEvents;
    const c = stratum.unexposedEvents;
    const d = stratum.unexposedNonEvents;
    assertCount(a, 'exposedEvents');
    assertCount(b, 'exposedNonEvents');
    assertCount(c, 'unexposedEvents');
    assertCount(d, 'unexposedNonEvents');
    const n = a + b + c + d;
    if (n < 2) {
      strataSkipped += 1;
      continue;
    }
    strataUsed += 1;
    totalN += n;
    const r = (a * d) / n;
    const s = (b * c) / n;
    const p = (a + d) / n;
    const q = (b + c) / n;
    sumR += r;
    sumS += s;
    sumPR += p * r;
    sumPSQR += p * s + q * r;
    sumQS += q * s;
  }

  const counts = { strataUsed, strataSkipped, totalN };
  const undefinedInterval = { logOddsRatio: null, logSe: null, logVariance: null };
  if (sumR === 0 && sumS === 0) {
    return {
      oddsRatio: null,
      ...undefinedInterval,
      lower95: null,
      upper95: null,
      status: 'NO_INFORMATION',
      ...counts,
    };
  }
  if (sumS === 0) {
    return {
      oddsRatio: null,
      ...undefinedInterval,
      lower95: null,
      upper95: null,
      status: 'INFINITE',
      ...counts,
    };
  }
  if (sumR === 0) {
    return {
      oddsRatio: 0,
      ...undefinedInterval,
      lower95: null,
      upper95: null,
      status: 'ZERO',
      ...counts,
    };
  }

  const oddsRatio = sumR / sumS;
  const logVariance =
    sumPR / (2 * sumR * sumR) + sumPSQR / (2 * sumR * sumS) + sumQS / (2 * sumS * sumS);
  const logSe = Math.sqrt(logVariance);
  return {
    oddsRatio,
    logOddsRatio: Math.log(oddsRatio),
    logSe,
    logVariance,
    lower95: oddsRatio * Math.exp(-Z_975 * logSe),
    upper95: oddsRatio * Math.exp(Z_975 * logSe),
    status: 'ESTIMATED',
    ...counts,
  };
}
