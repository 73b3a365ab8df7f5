import { computeWilsonInterval } from './wilson-interval.js';

describe('computeWilsonInterval', () => {
  it('gives 0.1419–0.4019 for 10 of 40 (worked by hand)', () => {
    // z² = 3.84146, z²/n = 0.096037, p = 0.25
    // centre = (0.25 + 0.048018) / 1.096037 = 0.271906
    // half = 1.959964 · sqrt(0.25·0.75/40 + 3.84146/6400) / 1.096037 = 1.959964 · 0.072717 / 1.096037 = 0.130035
    const interval = computeWilsonInterval(10, 40);
    expect(interval?.lower95).toBeCloseTo(0.141871, 5);
    expect(interval?.upper95).toBeCloseTo(0.40194, 5);
  });

  it('reaches 0 and 1 at the edges without collapsing', () => {
    // 0 of 20: upper = (z²/n)/(1 + z²/n) = 0.192073/1.192073 = 0.161125
    expect(computeWilsonInterval(0, 20)).toEqual({
      lower95: 0,
      upper95: expect.closeTo(0.161125, 5),
    });
    expect(computeWilsonInterval(20, 20)).toEqual({
      lower95: expect.closeTo(0.838875, 5),
      upper95: 1,
    });
    // 2 of 100: centre 0.037754, half 0.032255
    const small = computeWilsonInterval(2, 100);
    expect(small?.lower95).toBeCloseTo(0.005502, 5);
    expect(small?.upper95).toBeCloseTo(0.070012, 5);
  });

  it('has no interval without opportunities and refuses impossible counts', () => {
    expect(computeWilsonInterval(0, 0)).toBeNull();
    expect(() => computeWilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => computeWilsonInterval(-1, 2)).toThrow(RangeError);
  });
});
