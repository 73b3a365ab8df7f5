import {
  computeProviderPatterns,
  SITE,
  type PatternCountRow,
} from './compute-provider-patterns.js';

const rows = (
  providerId: string,
  stratum: string,
  high: [number, number],
  low: [number, number],
): PatternCountRow[] => [
  { providerId, stratum, band: 'HIGH', away: high[0], total: high[1] },
  { providerId, stratum, band: 'LOW', away: low[0], total: low[1] },
];

describe('computeProviderPatterns', () => {
  const input = [
    // a steering clinician: 12 of 30 HIGH switched away, 10 of 250 LOW
    ...rows('STEER', 'PE|ADULT|ED', [12, 30], [10, 250]),
    // concordant clinicians: the same 4 % in both bands
    ...rows('EVEN1', 'PE|ADULT|ED', [1, 25], [10, 250]),
    ...rows('EVEN2', 'PE|ADULT|ED', [1, 25], [10, 250]),
    ...rows('EVEN3', 'PE|ADULT|ED', [2, 50], [20, 500]),
    // a clinician with almost no orders
    ...rows('FEW', 'PE|ADULT|ED', [1, 1], [0, 2]),
  ];
  const patterns = Object.fromEntries(
    computeProviderPatterns(input).map((pattern) => [pattern.providerId, pattern]),
  );

  it('gives each clinician their own MH odds ratio and counts', () => {
    // (12 x 240) / (18 x 10) = 16
    expect(patterns.STEER.oddsRatio).toBeCloseTo(16, 6);
    expect(patterns.STEER).toMatchObject({ highAway: 12, highOpportunities: 30, lowAway: 10 });
    expect(patterns.EVEN1.oddsRatio).toBeCloseTo((1 * 240) / (24 * 10), 6);
  });

  it('pools the site over all clinicians', () => {
    // a = 17, b = 114, c = 50, d = 1202 in one stratum: (17 x 1202) / (114 x 50)
    expect(patterns[SITE].oddsRatio).toBeCloseTo((17 * 1202) / (114 * 50), 6);
  });

  it('keeps a well-measured steering clinician high and pulls a tiny one to the site', () => {
    expect(patterns.STEER.shrunkOddsRatio).toBeGreaterThan(8);
    expect(patterns.EVEN3.shrunkOddsRatio).toBeLessThan(2);
    // FEW: unbounded own OR with a huge variance: close to the site value
    expect(
      Math.abs(Math.log(patterns.FEW.shrunkOddsRatio / patterns[SITE].shrunkOddsRatio)),
    ).toBeLessThan(
      Math.abs(Math.log(patterns.STEER.shrunkOddsRatio / patterns[SITE].shrunkOddsRatio)),
    );
  });
});

describe('computeProviderPatterns reference OR (clinician HIGH vs site LOW)', () => {
  it('finds an oncologist with few LOW-band patients steering when the own OR cannot', () => {
    const patterns = Object.fromEntries(
      computeProviderPatterns([
        // oncologist: 27 of 69 HIGH switched away, 1 of 11 LOW
        ...rows('ONC', 'CANCER|ADULT|OP', [27, 69], [1, 11]),
        // the rest of the site: 5 % of 400 LOW-band patients switched
        ...rows('OTHER', 'CANCER|ADULT|OP', [2, 40], [20, 400]),
      ]).map((pattern) => [pattern.providerId, pattern]),
    );
    // own: (27 x 10) / (42 x 1) = 6.43 with a CI reaching below 1
    expect(patterns.ONC.oddsRatio).toBeCloseTo(270 / 42, 6);
    expect(patterns.ONC.lower95).toBeLessThan(1);
    // reference: site LOW is 21 of 411: (27 x 390) / (42 x 21) = 11.94
    expect(patterns.ONC.referenceOddsRatio).toBeCloseTo((27 * 390) / (42 * 21), 6);
    expect(patterns.ONC.referenceLower95).toBeGreaterThan(1);
    // a concordant clinician: 2 of 40 HIGH vs site 21 of 411 -> (2 x 390) / (38 x 21) = 0.977
    expect(patterns.OTHER.referenceOddsRatio).toBeCloseTo(780 / 798, 6);
    expect(patterns.OTHER.referenceLower95).toBeLessThan(1);
  });
});

describe('computeProviderPatterns reference test and false discovery rate', () => {
  const patterns = Object.fromEntries(
    computeProviderPatterns([
      ...rows('ONC', 'CANCER|ADULT|OP', [27, 69], [1, 11]),
      ...rows('OTHER', 'CANCER|ADULT|OP', [2, 40], [20, 400]),
      // no HIGH-band patient (another stratum, so the site LOW of CANCER is unchanged): not compared
      { providerId: 'LOWONLY', stratum: 'HEAD|ADULT|ED', band: 'LOW', away: 1, total: 30 },
    ]).map((pattern) => [pattern.providerId, pattern]),
  );

  it('gives each clinician a one-sided CMH p-value against the site LOW band (hand-computed)', () => {
    // ONC: HIGH 27 of 69 vs site LOW 21 of 411 (N = 480): E[a] = 69·48/480 = 6.9, Δ = 20.1,
    // Var = 69·411·48·432 / (480²·479) = 5.328413; z = (20.1 − 0.5)/√5.328413 = 8.490966.
    expect(patterns.ONC.referencePValue).not.toBeNull();
    expect((patterns.ONC.referencePValue as number) / 1.02463e-17).toBeCloseTo(1, 4);
    // OTHER: 2 of 40 vs 21 of 411: Δ = −0.039911 (|Δ| < ½, no correction),
    // Var = 1.768104, z = −0.030015, p = 0.511973.
    expect(patterns.OTHER.referencePValue).toBeCloseTo(0.511973, 6);
    expect(patterns.LOWONLY.referencePValue).toBeNull();
  });

  it('adjusts the p-values over the clinicians compared (Benjamini–Hochberg, m = 2)', () => {
    expect(patterns.ONC.comparedClinicians).toBe(2);
    expect(patterns[SITE].comparedClinicians).toBe(2);
    // ONC: 2 · p / 1; OTHER: min(2 · 0.511973 / 2, 1) = 0.511973
    expect((patterns.ONC.referenceQValue as number) / 2.04926e-17).toBeCloseTo(1, 4);
    expect(patterns.OTHER.referenceQValue).toBeCloseTo(0.511973, 6);
    expect(patterns.LOWONLY.referenceQValue).toBeNull();
    expect(patterns[SITE].referenceQValue).toBeNull();
    expect(patterns[SITE].referencePValue).not.toBeNull();
  });
});
