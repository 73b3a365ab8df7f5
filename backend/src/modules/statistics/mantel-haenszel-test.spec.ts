import { computeMantelHaenszelTest } from './mantel-haenszel-test.js';
import type { Stratum2x2 } from './mantel-haenszel.js';

/** R's UCBAdmissions, departments A–F, exposure Male, event Admitted (see mantel-haenszel.spec). */
const ucbAdmissions: readonly Stratum2x2[] = [
  { exposedEvents: 512, exposedNonEvents: 313, unexposedEvents: 89, unexposedNonEvents: 19 },
  { exposedEvents: 353, exposedNonEvents: 207, unexposedEvents: 17, unexposedNonEvents: 8 },
  { exposedEvents: 120, exposedNonEvents: 205, unexposedEvents: 202, unexposedNonEvents: 391 },
  { exposedEvents: 138, exposedNonEvents: 279, unexposedEvents: 131, unexposedNonEvents: 244 },
  { exposedEvents: 53, exposedNonEvents: 138, unexposedEvents: 94, unexposedNonEvents: 299 },
  { exposedEvents: 22, exposedNonEvents: 351, unexposedEvents: 24, unexposedNonEvents: 317 },
];

describe('computeMantelHaenszelTest', () => {
  it('reproduces mantelhaen.test(UCBAdmissions) (correct = TRUE): X-squared = 1.4269, p = 0.2323', () => {
    const result = computeMantelHaenszelTest(ucbAdmissions);
    expect(result.statistic).toBeCloseTo(1.4269, 4);
    expect(result.pTwoSided).toBeCloseTo(0.2323, 4);
    // fewer men admitted than the margins predict: Δ < 0, so p(OR > 1) is large
    expect(result.excess).toBeCloseTo(-15.357167, 5);
    expect(result.variance).toBeCloseTo(154.690762, 5);
    // (|Δ| − ½)² / Var = 14.857167² / 154.690762 = 1.426946; z = −1.194549
    expect(result.z).toBeCloseTo(-1.194549, 5);
    expect(result.pGreater).toBeCloseTo(0.883868, 5);
  });

  it('without correction gives X-squared = 1.5246, p = 0.2169 (correct = FALSE)', () => {
    // Δ² / Var = 15.357167² / 154.690762 = 1.524607
    const result = computeMantelHaenszelTest(ucbAdmissions, { continuityCorrection: false });
    expect(result.statistic).toBeCloseTo(1.524607, 5);
    expect(result.pTwoSided).toBeCloseTo(0.216924, 5);
  });

  it('computes one stratum by hand', () => {
    // a = 10, b = 20, c = 5, d = 40, N = 75: E[a] = 30·15/75 = 6;
    // Var = 30·45·15·60 / (75²·74) = 2.918919; z = (10 − 6 − 0.5)/√2.918919 = 2.048599,
    // p(OR > 1) = 0.020251; uncorrected z = 4/√2.918919 = 2.341256, p = 0.009609.
    const stratum = {
      exposedEvents: 10,
      exposedNonEvents: 20,
      unexposedEvents: 5,
      unexposedNonEvents: 40,
    };
    const corrected = computeMantelHaenszelTest([stratum]);
    expect(corrected.excess).toBeCloseTo(4, 12);
    expect(corrected.variance).toBeCloseTo(2.918919, 6);
    expect(corrected.z).toBeCloseTo(2.048599, 6);
    expect(corrected.pGreater).toBeCloseTo(0.020251, 6);
    const plain = computeMantelHaenszelTest([stratum], { continuityCorrection: false });
    expect(plain.z).toBeCloseTo(2.341256, 6);
    expect(plain.pGreater).toBeCloseTo(0.009609, 6);
  });

  it('tests a clinician all of whose HIGH-band patients switched (no finite odds ratio)', () => {
    // HIGH 3 of 3 away, LOW 10 of 100: E[a] = 3·13/103, Var = 3·100·13·90/(103²·102).
    const result = computeMantelHaenszelTest([
      { exposedEvents: 3, exposedNonEvents: 0, unexposedEvents: 10, unexposedNonEvents: 90 },
    ]);
    const expected = 3 - 39 / 103;
    const variance = (3 * 100 * 13 * 90) / (103 * 103 * 102);
    expect(result.excess).toBeCloseTo(expected, 12);
    expect(result.variance).toBeCloseTo(variance, 12);
    expect(result.z).toBeCloseTo((expected - 0.5) / Math.sqrt(variance), 10);
    expect(result.pGreater).toBeLessThan(0.001);
  });

  it('returns null when no stratum carries information', () => {
    const result = computeMantelHaenszelTest([
      { exposedEvents: 1, exposedNonEvents: 0, unexposedEvents: 0, unexposedNonEvents: 0 },
      { exposedEvents: 0, exposedNonEvents: 4, unexposedEvents: 0, unexposedNonEvents: 6 },
    ]);
    expect(result.pGreater).toBeNull();
    expect(result.z).toBeNull();
    expect(() =>
      computeMantelHaenszelTest([
        { exposedEvents: -1, exposedNonEvents: 0, unexposedEvents: 0, unexposedNonEvents: 0 },
      ]),
    ).toThrow(RangeError);
  });
});
