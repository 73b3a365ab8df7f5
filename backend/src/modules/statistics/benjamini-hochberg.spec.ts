import { adjustBenjaminiHochberg, computeUpperTailPValue } from './benjamini-hochberg.js';

/**
 * Benjamini & Hochberg (1995), section 4.1: the 15 p-values of the myocardial-infarction
 * trial. At q = 0.05 the step-up procedure rejects the four smallest (p(4) = 0.0095 ≤ 4/15 ·
 * 0.05 = 0.0133, p(5) = 0.0201 > 0.0167, and no larger rank qualifies). The adjusted values
 * are R's `p.adjust(p, "BH")`: 0.00150 0.00300 0.00950 0.03562 0.06030 0.06386 0.06386 0.06450
 * 0.07650 0.48600 0.58118 0.71488 0.75323 0.81321 1.00000.
 */
const bh1995 = [
  0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719,
  0.6528, 0.759, 1.0,
];
const bh1995Adjusted = [
  0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571, 0.0638571, 0.0645, 0.0765, 0.486, 0.5811818,
  0.714875, 0.7532308, 0.8132143, 1.0,
];

describe('adjustBenjaminiHochberg', () => {
  it("reproduces Benjamini & Hochberg 1995's 15 p-values (R's p.adjust BH)", () => {
    const adjusted = adjustBenjaminiHochberg(bh1995);
    adjusted.forEach((value, index) => expect(value).toBeCloseTo(bh1995Adjusted[index], 6));
    expect(adjusted.filter((value) => value <= 0.05)).toHaveLength(4);
  });

  it('returns the adjusted values in the order of the input', () => {
    const shuffled = [7, 0, 14, 3, 9, 1, 12, 5, 2, 11, 4, 13, 6, 10, 8];
    const adjusted = adjustBenjaminiHochberg(shuffled.map((index) => bh1995[index]));
    adjusted.forEach((value, position) =>
      expect(value).toBeCloseTo(bh1995Adjusted[shuffled[position]], 6),
    );
  });

  it('takes the running minimum from the top and caps at 1 (hand-computed)', () => {
    // m = 4, sorted 0.01, 0.02, 0.03, 0.9: m·p/rank = 0.04, 0.04, 0.04, 0.9;
    // m = 2: ties share the top rank's value (0.7·2/2); 0.6·2/1 = 1.2 is capped by 1·2/2 = 1.
    const expected = [0.04, 0.9, 0.04, 0.04];
    adjustBenjaminiHochberg([0.03, 0.9, 0.01, 0.02]).forEach((value, index) =>
      expect(value).toBeCloseTo(expected[index], 12),
    );
    expect(adjustBenjaminiHochberg([0.7, 0.7])).toEqual([0.7, 0.7]);
    expect(adjustBenjaminiHochberg([0.6, 1])).toEqual([1, 1]);
    // m = 3: 0.04·3/1 = 0.12 but 0.045·3/2 = 0.0675 and 0.05·3/3 = 0.05: monotone from the top.
    const adjusted = adjustBenjaminiHochberg([0.04, 0.045, 0.05]);
    expect(adjusted[0]).toBeCloseTo(0.05, 12);
    expect(adjusted[1]).toBeCloseTo(0.05, 12);
    expect(adjusted[2]).toBeCloseTo(0.05, 12);
  });

  it('leaves a single p-value as it is and an empty list empty', () => {
    expect(adjustBenjaminiHochberg([0.003])).toEqual([0.003]);
    expect(adjustBenjaminiHochberg([])).toEqual([]);
  });

  it('grows one clinician’s p-value with the number compared: 0.003 alone, 0.18 among 60 nulls', () => {
    // The smallest of 60 p-values, the others all 1: q = 60 · 0.003 / 1 = 0.18.
    const adjusted = adjustBenjaminiHochberg([0.003, ...new Array<number>(59).fill(1)]);
    expect(adjusted[0]).toBeCloseTo(0.18, 12);
  });

  it('rejects a value outside [0, 1] with a clear message', () => {
    expect(() => adjustBenjaminiHochberg([0.1, 1.2])).toThrow(
      'p-value 2 must be a number between 0 and 1, got 1.2.',
    );
    expect(() => adjustBenjaminiHochberg([Number.NaN])).toThrow(RangeError);
  });
  it('keeps the order given, leaves nulls out of m and never exceeds 1', () => {
    const shuffled = [bh1995[14], null, bh1995[0], bh1995[3]];
    const q = adjustBenjaminiHochberg(shuffled);
    // m = 3: p 0.0001 → 3·0.0001/1, p 0.0095 → 3·0.0095/2, p 1 → 1
    expect(q[1]).toBeNull();
    expect(q[2]).toBeCloseTo(0.0003, 12);
    expect(q[3]).toBeCloseTo(0.01425, 12);
    expect(q[0]).toBe(1);
    expect(adjustBenjaminiHochberg([])).toEqual([]);
  });
});

describe('computeUpperTailPValue', () => {
  it("matches R's binom.test(682, 925, p = 3/4, alternative = 'greater') from its help page", () => {
    expect(computeUpperTailPValue(682, 925, 0.75)).toBeCloseTo(0.8240891223524226, 9);
  });

  it('is small for 9 of 40 against 5 % and 1 for no events', () => {
    // P(R >= 9 | 40, 0.05) = 1.2958e-4 (binom.test(9, 40, 0.05, "greater"))
    expect(computeUpperTailPValue(9, 40, 0.05)).toBeCloseTo(1.2958184849086517e-4, 12);
    expect(computeUpperTailPValue(0, 40, 0.05)).toBe(1);
    expect(computeUpperTailPValue(0, 0, 0.05)).toBeNull();
  });
});
