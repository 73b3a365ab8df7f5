import { computeMantelHaenszel, type Stratum2x2 } from './mantel-haenszel.js';

/**
 * R's `UCBAdmissions` (Admit × Gender × Dept), departments A–F. Exposure = Male, event =
 * Admitted, so the odds ratio is that of admission, male vs female, as
 * `mantelhaen.test(UCBAdmissions)` reports it: 0.9046968, 95 % CI 0.7719074–1.0603298.
 */
const ucbAdmissions: readonly Stratum2x2[] = [
  // A: admitted M 512 F 89, rejected M 313 F 19
  { exposedEvents: 512, exposedNonEvents: 313, unexposedEvents: 89, unexposedNonEvents: 19 },
  // B: admitted M 353 F 17, rejected M 207 F 8
  { exposedEvents: 353, exposedNonEvents: 207, unexposedEvents: 17, unexposedNonEvents: 8 },
  // C: admitted M 120 F 202, rejected M 205 F 391
  { exposedEvents: 120, exposedNonEvents: 205, unexposedEvents: 202, unexposedNonEvents: 391 },
  // D: admitted M 138 F 131, rejected M 279 F 244
  { exposedEvents: 138, exposedNonEvents: 279, unexposedEvents: 131, unexposedNonEvents: 244 },
  // E: admitted M 53 F 94, rejected M 138 F 299
  { exposedEvents: 53, exposedNonEvents: 138, unexposedEvents: 94, unexposedNonEvents: 299 },
  // F: admitted M 22 F 24, rejected M 351 F 317
  { exposedEvents: 22, exposedNonEvents: 351, unexposedEvents: 24, unexposedNonEvents: 317 },
];

describe('computeMantelHaenszel', () => {
  it('reproduces mantelhaen.test(UCBAdmissions): OR 0.9047, CI 0.7719–1.0603', () => {
    const result = computeMantelHaenszel(ucbAdmissions);
    expect(result.status).toBe('ESTIMATED');
    expect(result.oddsRatio).toBeCloseTo(0.9047, 4);
    expect(result.lower95).toBeCloseTo(0.7719, 4);
    expect(result.upper95).toBeCloseTo(1.0603, 4);
    expect(result.logSe).toBeCloseTo(0.080989, 6);
    expect(result.strataUsed).toBe(6);
    expect(result.strataSkipped).toBe(0);
    expect(result.totalN).toBe(4526);
  });

  it('gives the reciprocal odds ratio and interval when HIGH and LOW are swapped', () => {
    const swapped = computeMantelHaenszel(
      ucbAdmissions.map((stratum) => ({
        exposedEvents: stratum.unexposedEvents,
        exposedNonEvents: stratum.unexposedNonEvents,
        unexposedEvents: stratum.exposedEvents,
        unexposedNonEvents: stratum.exposedNonEvents,
      })),
    );
    expect(swapped.oddsRatio).toBeCloseTo(1 / 0.9046968, 5);
    expect(swapped.lower95).toBeCloseTo(1 / 1.0603298, 5);
    expect(swapped.upper95).toBeCloseTo(1 / 0.7719074, 5);
  });

  it('reduces to the Woolf variance for a single stratum (hand-computed)', () => {
    // a = 10, b = 20, c = 5, d = 40: OR = 400 / 100 = 4;
    // Var(log OR) = 1/10 + 1/20 + 1/5 + 1/40 = 0.375, SE = 0.612372;
    // CI = 4 · exp(∓1.959964 · 0.612372) = 1.204502 … 13.283495.
    const result = computeMantelHaenszel([
      { exposedEvents: 10, exposedNonEvents: 20, unexposedEvents: 5, unexposedNonEvents: 40 },
    ]);
    expect(result.oddsRatio).toBeCloseTo(4, 10);
    expect(result.logOddsRatio).toBeCloseTo(Math.log(4), 10);
    expect(result.logVariance).toBeCloseTo(0.375, 10);
    expect(result.logSe).toBeCloseTo(0.612372, 6);
    expect(result.lower95).toBeCloseTo(1.204502, 5);
    expect(result.upper95).toBeCloseTo(13.283495, 4);
  });

  it('pools a stratum with a zero cell instead of dropping it', () => {
    // Stratum 1: R = 10·40/75 = 5.3333, S = 20·5/75 = 1.3333.
    // Stratum 2 (b = c = 0): R = 3·7/10 = 2.1, S = 0. OR = 7.4333 / 1.3333 = 5.575.
    const result = computeMantelHaenszel([
      { exposedEvents: 10, exposedNonEvents: 20, unexposedEvents: 5, unexposedNonEvents: 40 },
      { exposedEvents: 3, exposedNonEvents: 0, unexposedEvents: 0, unexposedNonEvents: 7 },
    ]);
    expect(result.status).toBe('ESTIMATED');
    expect(result.oddsRatio).toBeCloseTo(5.575, 10);
    expect(result.strataUsed).toBe(2);
  });

  it('skips strata with fewer than two orders without changing the estimate', () => {
    const result = computeMantelHaenszel([
      ...ucbAdmissions,
      { exposedEvents: 1, exposedNonEvents: 0, unexposedEvents: 0, unexposedNonEvents: 0 },
      { exposedEvents: 0, exposedNonEvents: 0, unexposedEvents: 0, unexposedNonEvents: 0 },
    ]);
    expect(result.oddsRatio).toBeCloseTo(0.9046968, 6);
    expect(result.strataUsed).toBe(6);
    expect(result.strataSkipped).toBe(2);
  });

  it('reports an odds ratio of 0 with no interval when no HIGH-band order switched', () => {
    const result = computeMantelHaenszel([
      { exposedEvents: 0, exposedNonEvents: 10, unexposedEvents: 5, unexposedNonEvents: 20 },
    ]);
    expect(result.status).toBe('ZERO');
    expect(result.oddsRatio).toBe(0);
    expect(result.logOddsRatio).toBeNull();
    expect(result.lower95).toBeNull();
    expect(result.upper95).toBeNull();
  });

  it('reports an unbounded odds ratio as null, not Infinity', () => {
    const result = computeMantelHaenszel([
      { exposedEvents: 4, exposedNonEvents: 10, unexposedEvents: 0, unexposedNonEvents: 20 },
    ]);
    expect(result.status).toBe('INFINITE');
    expect(result.oddsRatio).toBeNull();
    expect(result.logSe).toBeNull();
    expect(result.upper95).toBeNull();
  });

  it('reports no information when every order sits in one band', () => {
    const result = computeMantelHaenszel([
      { exposedEvents: 5, exposedNonEvents: 7, unexposedEvents: 0, unexposedNonEvents: 0 },
    ]);
    expect(result.status).toBe('NO_INFORMATION');
    expect(result.oddsRatio).toBeNull();
    expect(result.strataUsed).toBe(1);
  });

  it('reports no information for no strata at all', () => {
    const result = computeMantelHaenszel([]);
    expect(result.status).toBe('NO_INFORMATION');
    expect(result.oddsRatio).toBeNull();
    expect(result.strataUsed).toBe(0);
    expect(result.totalN).toBe(0);
  });

  it('rejects a negative or fractional count', () => {
    expect(() =>
      computeMantelHaenszel([
        { exposedEvents: -1, exposedNonEvents: 2, unexposedEvents: 3, unexposedNonEvents: 4 },
      ]),
    ).toThrow(RangeError);
    expect(() =>
      computeMantelHaenszel([
        { exposedEvents: 1.5, exposedNonEvents: 2, unexposedEvents: 3, unexposedNonEvents: 4 },
      ]),
    ).toThrow(RangeError);
  });
});
