import { computeNormalUpperTail } from './normal-distribution.js';

describe('computeNormalUpperTail', () => {
  it("matches R's pnorm(z, lower.tail = FALSE) at the usual quantiles", () => {
    expect(computeNormalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(computeNormalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 7);
    expect(computeNormalUpperTail(1.6448536269514722)).toBeCloseTo(0.05, 7);
    expect(computeNormalUpperTail(3.090232306167813)).toBeCloseTo(0.001, 8);
    expect(computeNormalUpperTail(-1.959963984540054)).toBeCloseTo(0.975, 7);
    // pnorm(5, lower.tail = FALSE) = 2.866516e-07: relative accuracy far in the tail
    expect(computeNormalUpperTail(5) / 2.866516e-7).toBeCloseTo(1, 5);
  });

  it('handles the infinities and rejects NaN', () => {
    expect(computeNormalUpperTail(Infinity)).toBe(0);
    expect(computeNormalUpperTail(-Infinity)).toBe(1);
    expect(() => computeNormalUpperTail(Number.NaN)).toThrow(RangeError);
  });
});
