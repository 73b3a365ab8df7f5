import { computeExcessAwaySwitches } from './excess-away-switches.js';

describe('computeExcessAwaySwitches', () => {
  it('gives 8.0 for the DESIGN.md worked example', () => {
    // A: 10 − 40 × 10/200 = 8; B: 2 − 20 × 10/100 = 0.
    const result = computeExcessAwaySwitches([
      { highSwitches: 10, highOpportunities: 40, lowSwitches: 10, lowOpportunities: 200 },
      { highSwitches: 2, highOpportunities: 20, lowSwitches: 10, lowOpportunities: 100 },
    ]);
    expect(result.excessAwaySwitches).toBeCloseTo(8, 12);
    expect(result.observedHighSwitches).toBe(12);
    expect(result.expectedHighSwitches).toBeCloseTo(4, 12);
    expect(result.strataUsed).toBe(2);
    expect(result.strataWithoutLowOpportunities).toBe(0);
  });

  it('leaves out a stratum with no LOW opportunities and counts it', () => {
    const result = computeExcessAwaySwitches([
      { highSwitches: 10, highOpportunities: 40, lowSwitches: 10, lowOpportunities: 200 },
      { highSwitches: 7, highOpportunities: 9, lowSwitches: 0, lowOpportunities: 0 },
    ]);
    expect(result.excessAwaySwitches).toBeCloseTo(8, 12);
    expect(result.observedHighSwitches).toBe(10);
    expect(result.strataUsed).toBe(1);
    expect(result.strataWithoutLowOpportunities).toBe(1);
  });

  it('is negative when HIGH-band orders switch less than LOW-band ones', () => {
    // 1 − 30 × 20/100 = −5.
    const result = computeExcessAwaySwitches([
      { highSwitches: 1, highOpportunities: 30, lowSwitches: 20, lowOpportunities: 100 },
    ]);
    expect(result.excessAwaySwitches).toBeCloseTo(-5, 12);
  });

  it('is 0 for no strata', () => {
    expect(computeExcessAwaySwitches([]).excessAwaySwitches).toBe(0);
  });

  it('rejects more switches than opportunities', () => {
    expect(() =>
      computeExcessAwaySwitches([
        { highSwitches: 5, highOpportunities: 4, lowSwitches: 0, lowOpportunities: 10 },
      ]),
    ).toThrow(RangeError);
  });
});
