import { assembleDoseHistorySensitivity } from './assemble-dose-history-sensitivity.js';
import { computeMantelHaenszel } from '../../statistics/mantel-haenszel.js';

describe('assembleDoseHistorySensitivity', () => {
  const row = (
    indicationGroup: string,
    population: string,
    band: 'LOW' | 'MODERATE' | 'HIGH',
    opportunities: number,
    awaySwitches: number,
  ) => ({ indicationGroup, population, setting: 'ED', band, opportunities, awaySwitches });

  const counts = [
    // PE: HIGH switches far more often, in both strata
    row('PE', 'ADULT', 'HIGH', 40, 10),
    row('PE', 'ADULT', 'LOW', 200, 10),
    row('PE', 'ADULT', 'MODERATE', 10, 1),
    row('PE', 'PEDIATRIC', 'HIGH', 20, 8),
    row('PE', 'PEDIATRIC', 'LOW', 100, 10),
    // STROKE: flat
    row('STROKE', 'ADULT', 'HIGH', 50, 5),
    row('STROKE', 'ADULT', 'LOW', 100, 10),
  ];

  it('sums each band over the group strata with a Wilson interval', () => {
    const result = assembleDoseHistorySensitivity(counts);
    const pe = result.groups.find((group) => group.indicationGroup === 'PE');
    expect(pe?.bands.map((band) => [band.band, band.opportunities, band.awaySwitches])).toEqual([
      ['LOW', 300, 20],
      ['MODERATE', 10, 1],
      ['HIGH', 60, 18],
    ]);
    const high = pe?.bands[2];
    expect(high?.rate).toBeCloseTo(0.3, 12);
    // Wilson 18/60 by hand: centre (0.3 + 0.032012)/1.064024 = 0.312034,
    // half 1.959964·sqrt(0.0035 + 0.0002668)/1.064024 = 0.113053
    expect(high?.lower95).toBeCloseTo(0.198986, 5);
    expect(high?.upper95).toBeCloseTo(0.425087, 5);
    const stroke = result.groups.find((group) => group.indicationGroup === 'STROKE');
    expect(stroke?.bands[1]).toEqual({
      band: 'MODERATE',
      opportunities: 0,
      awaySwitches: 0,
      rate: null,
      lower95: null,
      upper95: null,
    });
  });

  it('gives the MH OR within each group and pooled, and calls a group flat unless its CI is above 1', () => {
    const result = assembleDoseHistorySensitivity(counts);
    const pe = result.groups[0];
    const expectedPe = computeMantelHaenszel([
      { exposedEvents: 10, exposedNonEvents: 30, unexposedEvents: 10, unexposedNonEvents: 190 },
      { exposedEvents: 8, exposedNonEvents: 12, unexposedEvents: 10, unexposedNonEvents: 90 },
    ]);
    expect(pe.oddsRatio.oddsRatio).toBeCloseTo(expectedPe.oddsRatio ?? NaN, 12);
    expect(pe.oddsRatio.lower95).toBeGreaterThan(1);
    expect(pe.flat).toBe(false);
    // STROKE: (5·90/150)/(45·10/150) = 1
    expect(result.groups[1].oddsRatio.oddsRatio).toBeCloseTo(1, 12);
    expect(result.groups[1].flat).toBe(true);
    const pooled = computeMantelHaenszel([
      { exposedEvents: 10, exposedNonEvents: 30, unexposedEvents: 10, unexposedNonEvents: 190 },
      { exposedEvents: 8, exposedNonEvents: 12, unexposedEvents: 10, unexposedNonEvents: 90 },
      { exposedEvents: 5, exposedNonEvents: 45, unexposedEvents: 10, unexposedNonEvents: 90 },
    ]);
    expect(result.pooled.oddsRatio).toBeCloseTo(pooled.oddsRatio ?? NaN, 12);
    expect(result.pooled.opportunities).toBe(510);
  });

  it('refuses a stratum band given twice', () => {
    expect(() => assembleDoseHistorySensitivity([counts[0], counts[0]])).toThrow(RangeError);
  });
});
