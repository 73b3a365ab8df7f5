import { adjustBenjaminiHochberg, computeUpperTailPValue } from './benjamini-hochberg.js';

describe('adjustBenjaminiHochberg', () => {
  // Benjamini & Hochberg (1995), J R Stat Soc B 57:289-300, section 4: fifteen p-values from a
  // trial; at FDR 0.05 the procedure rejects the four smallest. The q-values are those of R's
  // p.adjust(p, "BH").
  const paper = [
    0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719,
    0.6528, 0.759, 1.0,
  ];
  const expected = [
    0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.063857142857, 0.063857142857, 0.0645, 0.0765, 0.486,
    0.581181818182, 0.714875, 0.753230769231, 0.813214285714, 1.0,
  ];

  it('gives the q-values of the published example and rejects its four smallest at 0.05', () => {
    const q = adjustBenjaminiHochberg(paper);
    q.forEach((value, index) => expect(value).toBeCloseTo(expected[index], 10));
    expect(q.filter((value) => value !== null && value <= 0.05)).toHaveLength(4);
  });

  it('keeps the order given, leaves nulls out of m and never exceeds 1', () => {
    const shuffled = [paper[14], null, paper[0], paper[3]];
    const q = adjustBenjaminiHochberg(shuffled);
    // m = 3: p 0.0001 → 3·0.0001/1, p 0.0095 → 3·0.0095/2, p 1 → 1
    expect(q[1]).toBeNull();
    expect(q[2]).toBeCloseTo(0.0003, 12);
    expect(q[3]).toBeCloseTo(0.01425, 12);
    expect(q[0]).toBe(1);
    expect(adjustBenjaminiHochberg([])).toEqual([]);
  });

  it('refuses a p-value outside [0, 1]', () => {
    expect(() => adjustBenjaminiHochberg([1.5])).toThrow(RangeError);
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
