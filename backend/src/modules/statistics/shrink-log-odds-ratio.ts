/**
 * A log odds ratio with the variance of its estimate, e.g. a clinician's own Mantel–Haenszel
 * `logOddsRatio` and `logVariance`. Null means the estimate is undefined (no discordant orders,
 * or an odds ratio of 0 or infinity): it carries no information.
 */
export interface LogOddsRatioEstimate {
  readonly logOr: number | null;
  readonly variance: number | null;
}

export interface ShrunkLogOddsRatio {
  /** Precision-weighted log odds ratio, between the site's and the clinician's own. */
  readonly logOr: number;
  /** exp(logOr). */
  readonly oddsRatio: number;
  /** Posterior variance τ²·v / (τ² + v). */
  readonly variance: number;
  /** Weight on the clinician's own estimate, 0 (all site) to 1 (all own). */
  readonly ownWeight: number;
}

/**
 * Shrinks a clinician's log odds ratio toward the site's, so that a clinician with few orders
 * is not judged on noise (empirical-Bayes, normal–normal model):
 *
 *   prior:       θ ~ N(μ, τ²)       μ = site log OR, τ² = priorVariance (between-clinician)
 *   likelihood:  y | θ ~ N(θ, v)    y = clinician's log OR, v = its variance (RBG SE²)
 *   posterior:   θ̂ = w·y + (1 − w)·μ,   w = τ² / (τ² + v) = (1/v) / (1/v + 1/τ²)
 *                Var(θ̂) = τ²·v / (τ² + v)
 *
 * A clinician with few orders has a large v, so w → 0 and the result stays near the site; one
 * with many orders has a small v, so w → 1 and keeps their own pattern. An undefined own
 * estimate (null, or infinite variance) gives the site value with variance τ². priorVariance 0
 * says clinicians do not differ: everyone gets the site value.
 */
export function shrinkLogOddsRatio(
  clinician: LogOddsRatioEstimate,
  site: { readonly logOr: number },
  priorVariance: number,
): ShrunkLogOddsRatio {
  if (!Number.isFinite(site.logOr)) {
    throw new RangeError(`site.logOr must be a finite number, got ${site.logOr}.`);
  }
  if (Number.isNaN(priorVariance) || priorVariance < 0) {
    throw new RangeError(`priorVariance must be >= 0, got ${priorVariance}.`);
  }
  const ownLogOr = clinician.logOr;
  const ownVariance = clinician.variance;
  const hasOwnEstimate =
    ownLogOr !== null &&
    Number.isFinite(ownLogOr) &&
    ownVariance !== null &&
    !Number.isNaN(ownVariance) &&
    ownVariance >= 0 &&
    ownVariance !== Infinity;

  if (!hasOwnEstimate || priorVariance === 0) {
    return {
      logOr: site.logOr,
      oddsRatio: Math.exp(site.logOr),
      variance: priorVariance,
      ownWeight: 0,
    };
  }
  if (priorVariance === Infinity) {
    return { logOr: ownLogOr, oddsRatio: Math.exp(ownLogOr), variance: ownVariance, ownWeight: 1 };
  }
  const ownWeight = priorVariance / (priorVariance + ownVariance);
  const logOr = ownWeight * ownLogOr + (1 - ownWeight) * site.logOr;
  return {
    logOr,
    oddsRatio: Math.exp(logOr),
    variance: (priorVariance * ownVariance) / (priorVariance + ownVariance),
    ownWeight,
  };
}

/**
 * DerSimonian–Laird method-of-moments estimate of the between-unit variance τ² of log odds
 * ratios (e.g. over a site's clinicians), for use as `priorVariance`:
 *
 *   wᵢ = 1/vᵢ,  ȳ = Σwᵢyᵢ / Σwᵢ,  Q = Σwᵢ(yᵢ − ȳ)²
 *   τ² = max(0, (Q − (k − 1)) / (Σwᵢ − Σwᵢ² / Σwᵢ))
 *
 * Units without a usable estimate (null, or variance not finite and positive) are left out.
 * With fewer than two usable units there is no evidence of variation and τ² is 0.
 */
export function estimateBetweenUnitVariance(estimates: readonly LogOddsRatioEstimate[]): number {
  const usable: { logOr: number; weight: number }[] = [];
  for (const estimate of estimates) {
    const { logOr, variance } = estimate;
    if (logOr === null || variance === null) continue;
    if (!Number.isFinite(logOr) || !Number.isFinite(variance) || variance <= 0) continue;
    usable.push({ logOr, weight: 1 / variance });
  }
  if (usable.length < 2) return 0;
  let sumWeight = 0;
  let sumWeightSquared = 0;
  let sumWeightedLogOr = 0;
  for (const unit of usable) {
    sumWeight += unit.weight;
    sumWeightSquared += unit.weight * unit.weight;
    sumWeightedLogOr += unit.weight * unit.logOr;
  }
  const meanLogOr = sumWeightedLogOr / sumWeight;
  let q = 0;
  for (const unit of usable) {
    q += unit.weight * (unit.logOr - meanLogOr) ** 2;
  }
  const denominator = sumWeight - sumWeightSquared / sumWeight;
  if (denominator <= 0) return 0;
  return Math.max(0, (q - (usable.length - 1)) / denominator);
}
