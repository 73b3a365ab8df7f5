import { expectedCeilingCounts, precisionCeiling } from './precision-ceiling.js';

describe('precisionCeiling', () => {
  // 100 steered orders, 50 with dose talk, 10 indistinguishable silent switches
  const counts = { steered: 100, documented: 50, indistinguishable: 10 };

  it('at recall 1 flags every steered order and the whole pool: 100 / 110', () => {
    expect(precisionCeiling(counts, 1)).toBeCloseTo(100 / 110, 12);
  });

  it('at recall 0.90 flags the 50 with dose talk and 40 of the other 50 (f = 0.8): 90 / 98', () => {
    expect(precisionCeiling(counts, 0.9)).toBeCloseTo(90 / 98, 12);
  });

  it('is 1 when the steered orders with dose talk alone reach the recall', () => {
    expect(precisionCeiling(counts, 0.5)).toBe(1);
    expect(precisionCeiling({ ...counts, indistinguishable: 0 }, 1)).toBe(1);
  });

  it('has no ceiling where nothing was steered, and refuses a recall outside (0, 1]', () => {
    expect(precisionCeiling({ steered: 0, documented: 0, indistinguishable: 7 }, 1)).toBeNull();
    expect(() => precisionCeiling(counts, 0)).toThrow(RangeError);
    expect(() => precisionCeiling(counts, 1.1)).toThrow(RangeError);
  });

  it("gives the generator's default hospital 0.943 at recall 1 and 0.949 at recall 0.90", () => {
    // per HIGH-band opportunity: steered 0.4, 0.2 with dose talk; pool 0.6 × 0.04 = 0.024
    const expected = expectedCeilingCounts({
      steerRate: 0.4,
      documentedShare: 0.5,
      silentSwitchRate: 0.04,
    });
    expect(expected.steered).toBeCloseTo(0.4, 12);
    expect(expected.documented).toBeCloseTo(0.2, 12);
    expect(expected.indistinguishable).toBeCloseTo(0.024, 12);
    expect(precisionCeiling(expected, 1)).toBeCloseTo(0.4 / 0.424, 12); // 0.9434
    // f = (0.36 − 0.2) / 0.2 = 0.8; 0.36 / (0.36 + 0.8 × 0.024) = 0.36 / 0.3792
    expect(precisionCeiling(expected, 0.9)).toBeCloseTo(0.36 / 0.3792, 12); // 0.9494
  });

  it('gives weak steering (0.15, silent 0.02) 0.898 at recall 1 and 0.908 at recall 0.90', () => {
    const expected = expectedCeilingCounts({
      steerRate: 0.15,
      documentedShare: 0.5,
      silentSwitchRate: 0.02,
    });
    // pool 0.85 × 0.02 = 0.017
    expect(precisionCeiling(expected, 1)).toBeCloseTo(0.15 / 0.167, 12); // 0.8982
    // f = (0.135 − 0.075) / 0.075 = 0.8; 0.135 / (0.135 + 0.8 × 0.017) = 0.135 / 0.1486
    expect(precisionCeiling(expected, 0.9)).toBeCloseTo(0.135 / 0.1486, 12); // 0.9085
  });
});
