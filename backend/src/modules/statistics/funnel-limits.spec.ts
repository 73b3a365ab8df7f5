import { computeBinomialCdf, computeFunnelLimits, computeLogGamma } from './funnel-limits.js';

describe('computeFunnelLimits', () => {
  it('reproduces the DESIGN.md worked example at target 0.05, n = 40', () => {
    const limits = computeFunnelLimits(0.05, 40);
    expect(limits.upper95).toBeCloseTo(0.11686, 5);
    expect(limits.upper998).toBeCloseTo(0.17231, 5);
    // Hand check: P(R <= 4) = 0.951972, P(R <= 5) = 0.986124, r = 5,
    // α = (0.986124 − 0.975) / 0.034152 = 0.325713, limit = (5 − 0.325713) / 40 = 0.116857.
    expect(limits.upper95).toBeCloseTo(0.1168575, 6);
    // P(R = 0) = 0.95^40 = 0.1285 already exceeds 0.025, so the lower limits clip at 0.
    expect(limits.lower95).toBe(0);
    expect(limits.lower998).toBe(0);
  });

  it('reproduces the DESIGN.md worked example at target 0.05, n = 200', () => {
    const limits = computeFunnelLimits(0.05, 200);
    expect(limits.upper95).toBeCloseTo(0.07971, 5);
    expect(limits.upper998).toBeCloseTo(0.10118, 5);
    expect(limits.lower95).toBeCloseTo(0.01958, 5);
    // Values from scipy.stats.binom with the same interpolation.
    expect(limits.lower95).toBeCloseTo(0.0195842, 6);
    expect(limits.lower998).toBeCloseTo(0.0065422, 6);
  });

  it('stays exact at n = 100000 (scipy.stats.binom reference)', () => {
    const limits = computeFunnelLimits(0.05, 100000);
    expect(limits.lower998).toBeCloseTo(0.0478781, 7);
    expect(limits.lower95).toBeCloseTo(0.0486485, 7);
    expect(limits.upper95).toBeCloseTo(0.0513501, 7);
    expect(limits.upper998).toBeCloseTo(0.0521376, 7);
  });

  it('handles a large n at p = 0.5 and a rare event (scipy.stats.binom reference)', () => {
    const half = computeFunnelLimits(0.5, 99999);
    expect(half.lower998).toBeCloseTo(0.4951089, 7);
    expect(half.upper95).toBeCloseTo(0.503094, 6);
    const rare = computeFunnelLimits(0.001, 5000);
    expect(rare.lower998).toBe(0);
    expect(rare.lower95).toBeCloseTo(0.00010868, 8);
    expect(rare.upper998).toBeCloseTo(0.00255323, 8);
  });

  it('interpolates inside the last count and gives the target itself at 0 and 1', () => {
    // n = 3, p = 0.9: P(R <= 2) = 1 − 0.729 = 0.271 < 0.999, so r = 3,
    // α = (1 − 0.999) / 0.729 = 0.0013717, limit = (3 − 0.0013717) / 3 = 0.9995428.
    expect(computeFunnelLimits(0.9, 3).upper998).toBeCloseTo(0.9995428, 7);
    expect(computeFunnelLimits(0, 50)).toEqual({
      lower95: 0,
      upper95: 0,
      lower998: 0,
      upper998: 0,
    });
    expect(computeFunnelLimits(1, 50).lower998).toBe(1);
  });

  it('rejects n = 0 and a target outside [0, 1]', () => {
    expect(() => computeFunnelLimits(0.05, 0)).toThrow(RangeError);
    expect(() => computeFunnelLimits(1.2, 10)).toThrow(RangeError);
  });
});

describe('computeBinomialCdf', () => {
  it('matches the hand-computed Binomial(40, 0.05) cumulative probability', () => {
    // Σ_{k<=4} C(40,k) 0.05^k 0.95^(40−k) = 0.1285 + 0.2706 + 0.2777 + 0.1851 + 0.0901.
    expect(computeBinomialCdf(4, 40, 0.05)).toBeCloseTo(0.9519717, 7);
    expect(computeBinomialCdf(-1, 40, 0.05)).toBe(0);
    expect(computeBinomialCdf(40, 40, 0.05)).toBe(1);
  });

  it('is accurate at n = 100000 (scipy.stats.binom reference)', () => {
    expect(computeBinomialCdf(5000, 100000, 0.05)).toBeCloseTo(0.5037624, 7);
    expect(computeBinomialCdf(4900, 100000, 0.05)).toBeCloseTo(0.0740763, 7);
  });
});

describe('computeLogGamma', () => {
  it('matches known values', () => {
    expect(computeLogGamma(1)).toBeCloseTo(0, 14);
    expect(computeLogGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(computeLogGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(computeLogGamma(3.7)).toBeCloseTo(1.4280723266653883, 13);
    expect(computeLogGamma(0.001)).toBeCloseTo(6.907178885383854, 12);
    // ln(100000!) relative accuracy ~1e-15.
    expect(computeLogGamma(100001) / 1051299.221899122).toBeCloseTo(1, 13);
  });
});
