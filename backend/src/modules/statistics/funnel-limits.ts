import { assertCount, assertProbability } from './assert-count.js';

/** Funnel limits for one volume, as proportions in [0, 1]. */
export interface FunnelLimits {
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
}

/** Cumulative probabilities of the four limits (two-sided 95 % and 99.8 %). */
const QUANTILES = { lower998: 0.001, lower95: 0.025, upper95: 0.975, upper998: 0.999 } as const;

/** Terms this far below the mode's probability are dropped (their total is below 1e-18). */
const NEGLIGIBLE_RELATIVE_PMF = 1e-20;

/**
 * Funnel-plot control limits around a target proportion at volume n: exact binomial quantiles
 * with Spiegelhalter's interpolation (Statist. Med. 2005; 24:1185–1202), so that the limits
 * are smooth in n:
 *
 *   r = smallest count with P(R <= r) >= q,  R ~ Binomial(n, target)
 *   α = (P(R <= r) − q) / (P(R <= r) − P(R <= r − 1))
 *   limit = (r − α) / n, clipped to [0, 1]
 *
 * for q = 0.025 / 0.975 (95 %) and q = 0.001 / 0.999 (99.8 %). A target of 0 or 1 leaves no
 * room for variation: every limit equals the target.
 */
export function computeFunnelLimits(
  target: number,
  n: number,
  distributions?: BinomialDistributions,
): FunnelLimits {
  assertProbability(target, 'target');
  assertCount(n, 'n');
  if (n === 0) throw new RangeError('n must be at least 1 for funnel limits.');
  if (target === 0 || target === 1) {
    return { lower95: target, upper95: target, lower998: target, upper998: target };
  }
  const distribution = distributionOf(n, target, distributions);
  return {
    lower95: interpolateLimit(distribution, n, QUANTILES.lower95),
    upper95: interpolateLimit(distribution, n, QUANTILES.upper95),
    lower998: interpolateLimit(distribution, n, QUANTILES.lower998),
    upper998: interpolateLimit(distribution, n, QUANTILES.upper998),
  };
}

/** P(R <= count) for R ~ Binomial(n, probability); stable for n up to 10⁵ and beyond. */
export function computeBinomialCdf(
  count: number,
  n: number,
  probability: number,
  distributions?: BinomialDistributions,
): number {
  assertCount(n, 'n');
  assertProbability(probability, 'probability');
  return readCdf(distributionOf(n, probability, distributions), Math.floor(count));
}

/**
 * Binomial distributions already built, by probability and n, for one computation that needs
 * the same ones again: a funnel plot's limits at each unit's n and the same unit's p-value
 * (practice variation), or units of equal n. Each is built once, exactly as without it, so
 * the figures are identical. Create one per computation: it keeps every distribution it built.
 */
export class BinomialDistributions {
  private readonly byProbability = new Map<number, Map<number, BinomialDistribution>>();

  of(n: number, probability: number): BinomialDistribution {
    let byN = this.byProbability.get(probability);
    if (!byN) {
      byN = new Map();
      this.byProbability.set(probability, byN);
    }
    let distribution = byN.get(n);
    if (!distribution) {
      distribution = computeBinomialDistribution(n, probability);
      byN.set(n, distribution);
    }
    return distribution;
  }
}

function distributionOf(
  n: number,
  probability: number,
  distributions: BinomialDistributions | undefined,
): BinomialDistribution {
  return distributions
    ? distributions.of(n, probability)
    : computeBinomialDistribution(n, probability);
}

/**
 * The binomial distribution on the counts that carry its mass: `cdf[i]` = P(R <= first + i).
 * Below `first` the cumulative probability is taken as 0, above the window as 1.
 */
export interface BinomialDistribution {
  readonly first: number;
  readonly cdf: Float64Array;
}

/**
 * Builds the distribution outward from the mode m = floor((n + 1)p): the mode's probability in
 * log space through lgamma, then the ratio recurrences
 *   P(k + 1) = P(k) · (n − k)/(k + 1) · p/(1 − p),  P(k − 1) = P(k) · k/(n − k + 1) · (1 − p)/p
 * until the terms are negligible. The window holds a few hundred to a few thousand counts even
 * at n = 10⁵, and no term under- or overflows. The cumulative sums are divided by the window's
 * total (1 to within lgamma's rounding) so the last one is exactly 1.
 */
function computeBinomialDistribution(n: number, p: number): BinomialDistribution {
  if (p === 0) return { first: 0, cdf: Float64Array.of(1) };
  if (p === 1) return { first: n, cdf: Float64Array.of(1) };
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const logPmfMode =
    computeLogGamma(n + 1) -
    computeLogGamma(mode + 1) -
    computeLogGamma(n - mode + 1) +
    mode * Math.log(p) +
    (n - mode) * Math.log1p(-p);
  const pmfMode = Math.exp(logPmfMode);
  const cutoff = pmfMode * NEGLIGIBLE_RELATIVE_PMF;
  const odds = p / (1 - p);

  const below: number[] = [];
  let term = pmfMode;
  for (let count = mode; count > 0; count -= 1) {
    term *= count / (n - count + 1) / odds;
    if (term < cutoff) break;
    below.push(term);
  }
  const above: number[] = [];
  term = pmfMode;
  for (let count = mode; count < n; count += 1) {
    term *= ((n - count) / (count + 1)) * odds;
    if (term < cutoff) break;
    above.push(term);
  }

  const first = mode - below.length;
  const cdf = new Float64Array(below.length + 1 + above.length);
  let cumulative = 0;
  let index = 0;
  for (let position = below.length - 1; position >= 0; position -= 1) {
    cumulative += below[position];
    cdf[index++] = cumulative;
  }
  cumulative += pmfMode;
  cdf[index++] = cumulative;
  for (const pmf of above) {
    cumulative += pmf;
    cdf[index++] = cumulative;
  }
  for (let position = 0; position < cdf.length; position += 1) cdf[position] /= cumulative;
  return { first, cdf };
}

function readCdf(distribution: BinomialDistribution, count: number): number {
  const index = count - distribution.first;
  if (index < 0) return 0;
  if (index >= distribution.cdf.length) return 1;
  return distribution.cdf[index];
}

function interpolateLimit(distribution: BinomialDistribution, n: number, quantile: number): number {
  const { cdf, first } = distribution;
  let index = 0;
  while (index < cdf.length - 1 && cdf[index] < quantile) index += 1;
  const atCount = cdf[index];
  const belowCount = index > 0 ? cdf[index - 1] : 0;
  const alpha = (atCount - quantile) / (atCount - belowCount);
  const limit = (first + index - alpha) / n;
  return Math.min(1, Math.max(0, limit));
}

/** Lanczos coefficients (g = 7, 9 terms), accurate to about 1e-15 relative. */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0 by the Lanczos approximation (with the reflection formula below 0.5).
 * ln Γ(k + 1) = ln k! gives the binomial coefficients in log space.
 */
export function computeLogGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new RangeError(`computeLogGamma needs a finite x > 0, got ${x}.`);
  }
  if (x < 0.5) {
    // Γ(x) Γ(1 − x) = π / sin(πx)
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - computeLogGamma(1 - x);
  }
  const shifted = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let index = 1; index < LANCZOS_COEFFICIENTS.length; index += 1) {
    series += LANCZOS_COEFFICIENTS[index] / (shifted + index);
  }
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}
