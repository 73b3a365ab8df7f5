import { estimateBetweenUnitVariance, shrinkLogOddsRatio } from './shrink-log-odds-ratio.js';

const site = { logOr: Math.log(1.5) };

describe('shrinkLogOddsRatio', () => {
  it('moves a clinician a quarter of the way when their variance is three times the prior', () => {
    // y = log 4 = 1.386294, v = 0.375, μ = 0, τ² = 0.125: w = 0.125 / 0.5 = 0.25,
    // θ̂ = 0.25 · 1.386294 = 0.346574 = log(√2), posterior variance 0.125·0.375/0.5 = 0.09375.
    const result = shrinkLogOddsRatio({ logOr: Math.log(4), variance: 0.375 }, { logOr: 0 }, 0.125);
    expect(result.ownWeight).toBeCloseTo(0.25, 12);
    expect(result.logOr).toBeCloseTo(0.346574, 6);
    expect(result.oddsRatio).toBeCloseTo(1.414214, 6);
    expect(result.variance).toBeCloseTo(0.09375, 12);
  });

  it('stays at the site value for a clinician with a huge variance (few orders)', () => {
    const result = shrinkLogOddsRatio({ logOr: Math.log(10), variance: 1e9 }, site, 0.2);
    expect(result.logOr).toBeCloseTo(Math.log(1.5), 6);
    expect(result.oddsRatio).toBeCloseTo(1.5, 6);
    expect(result.ownWeight).toBeLessThan(1e-9);
  });

  it('keeps the clinician value for a tiny variance (many orders)', () => {
    const result = shrinkLogOddsRatio({ logOr: Math.log(10), variance: 1e-9 }, site, 0.2);
    expect(result.oddsRatio).toBeCloseTo(10, 5);
    expect(result.ownWeight).toBeGreaterThan(1 - 1e-8);
  });

  it('gives the site value when the clinician has no estimate', () => {
    const result = shrinkLogOddsRatio({ logOr: null, variance: null }, site, 0.2);
    expect(result.oddsRatio).toBeCloseTo(1.5, 12);
    expect(result.variance).toBe(0.2);
    expect(result.ownWeight).toBe(0);
  });

  it('gives the site value when clinicians do not differ (prior variance 0)', () => {
    const result = shrinkLogOddsRatio({ logOr: Math.log(10), variance: 0.1 }, site, 0);
    expect(result.oddsRatio).toBeCloseTo(1.5, 12);
  });

  it('rejects a negative prior variance', () => {
    expect(() => shrinkLogOddsRatio({ logOr: 0, variance: 1 }, site, -1)).toThrow(RangeError);
  });
});

describe('estimateBetweenUnitVariance', () => {
  it('computes the DerSimonian–Laird τ² (hand-computed)', () => {
    // y = 0, 1, 2 with v = 0.5: w = 2 each, ȳ = 1, Q = 2·(1 + 0 + 1) = 4, k − 1 = 2,
    // Σw − Σw²/Σw = 6 − 12/6 = 4, τ² = (4 − 2) / 4 = 0.5.
    const tau2 = estimateBetweenUnitVariance([
      { logOr: 0, variance: 0.5 },
      { logOr: 1, variance: 0.5 },
      { logOr: 2, variance: 0.5 },
      { logOr: null, variance: null },
    ]);
    expect(tau2).toBeCloseTo(0.5, 12);
  });

  it('is 0 when the spread is no more than sampling noise', () => {
    expect(
      estimateBetweenUnitVariance([
        { logOr: 0.1, variance: 0.5 },
        { logOr: -0.1, variance: 0.5 },
      ]),
    ).toBe(0);
  });

  it('is 0 with fewer than two usable estimates', () => {
    expect(estimateBetweenUnitVariance([{ logOr: 3, variance: 0.1 }])).toBe(0);
  });
});
