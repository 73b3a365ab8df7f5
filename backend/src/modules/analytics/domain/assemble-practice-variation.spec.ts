import {
  assemblePracticeVariation,
  compareByEvidence,
  comparePracticeVariation,
  pagePracticeVariation,
  practiceVariationCursor,
  withDoseHistory,
} from './assemble-practice-variation.js';
import { computeFunnelLimits } from '../../statistics/funnel-limits.js';

describe('assemblePracticeVariation', () => {
  // target = 17 conflicts / 200 opportunities = 0.085
  const units = [
    { key: 'A', label: 'Unit A', opportunities: 40, conflicts: 9, awaySwitches: 12 },
    { key: 'B', label: 'Unit B', opportunities: 40, conflicts: 2, awaySwitches: 5 },
    { key: 'C', label: 'Unit C', opportunities: 120, conflicts: 6, awaySwitches: 20 },
  ];
  const scope = { opportunities: 200, conflicts: 17, awaySwitches: 37 };

  it('places units on a funnel around the scope rate with one-sided p and BH q', () => {
    const variation = assemblePracticeVariation(units, scope, [], 'CONFLICT_RATE');
    expect(variation.targetRate).toBeCloseTo(0.085, 12);
    expect(variation.compared).toBe(3);
    const [a, b, c] = variation.rows;
    // binom.test(9, 40, 0.085, "greater") etc.; p.adjust(c(...), "BH")
    expect(a.pValue).toBeCloseTo(0.00557147496131632, 10);
    expect(b.pValue).toBeCloseTo(0.8649783320409488, 10);
    expect(c.pValue).toBeCloseTo(0.9476807968033624, 10);
    expect(a.qValue).toBeCloseTo(0.01671442488394896, 10);
    expect(b.qValue).toBeCloseTo(0.9476807968033624, 10);
    expect(c.qValue).toBeCloseTo(0.9476807968033624, 10);
    expect(a.limits).toEqual(computeFunnelLimits(0.085, 40));
    expect(a.rate).toBe(9 / 40);
    expect(a.position).toMatch(/^ABOVE_/);
    expect(a.rate).toBeGreaterThan(a.limits?.upper95 ?? 1);
    expect(a.outsideAfterMultiplicity).toBe(true);
    expect(b.outsideAfterMultiplicity).toBe(false);
    expect(variation.funnelCurve.at(-1)?.n).toBe(120);
  });

  it('needs more than the 95 % limit when many units are compared', () => {
    // the same unit A among 30 quiet units: still above its limits, no longer after BH
    const quiet = Array.from({ length: 30 }, (_, index) => ({
      key: `Q${index}`,
      label: `Q${index}`,
      opportunities: 40,
      conflicts: 3,
      awaySwitches: 3,
    }));
    const variation = assemblePracticeVariation(
      [units[0], ...quiet],
      { opportunities: 40 * 31, conflicts: 9 + 90, awaySwitches: 12 + 90 },
      [],
      'CONFLICT_RATE',
    );
    const [a] = variation.rows;
    expect(a.position).toMatch(/^ABOVE_/);
    expect(a.qValue).toBeCloseTo(Math.min(1, (a.pValue ?? 1) * 31), 12);
    expect(variation.compared).toBe(31);
  });

  it('measures away-switches on request and reads each unit its own strata', () => {
    const variation = assemblePracticeVariation(
      units,
      scope,
      [
        {
          key: 'A',
          highAwaySwitches: 10,
          highOpportunities: 40,
          lowAwaySwitches: 10,
          lowOpportunities: 200,
        },
        {
          key: 'A',
          highAwaySwitches: 2,
          highOpportunities: 20,
          lowAwaySwitches: 10,
          lowOpportunities: 100,
        },
      ],
      'AWAY_SWITCH_RATE',
    );
    expect(variation.targetRate).toBeCloseTo(37 / 200, 12);
    expect(variation.rows[0].rate).toBe(12 / 40);
    // DESIGN.md worked example: excess 8.0
    expect(variation.rows[0].excessAwaySwitches.excessAwaySwitches).toBeCloseTo(8, 12);
    expect(variation.rows[1].doseHistoryOddsRatio.status).toBe('NO_INFORMATION');
  });
});

describe('comparePracticeVariation and pagePracticeVariation', () => {
  // target = 17 / 200 = 0.085; p-values A 0.0056, B 0.865, C 0.948, D (8 of 40) = E (8 of 40)
  const units = [
    { key: 'A', label: 'Unit A', opportunities: 40, conflicts: 9, awaySwitches: 12 },
    { key: 'B', label: 'Unit B', opportunities: 40, conflicts: 2, awaySwitches: 5 },
    { key: 'C', label: 'Unit C', opportunities: 120, conflicts: 6, awaySwitches: 20 },
    { key: 'E', label: 'Unit E', opportunities: 40, conflicts: 0, awaySwitches: 0 },
    { key: 'D', label: 'Unit D', opportunities: 60, conflicts: 0, awaySwitches: 0 },
  ];
  const scope = { opportunities: 300, conflicts: 17, awaySwitches: 37 };
  const invalid = (message: string) => new RangeError(message);

  it('counts the units outside and holding over all of them, as the rows say', () => {
    const comparison = comparePracticeVariation(units, scope, 'CONFLICT_RATE');
    const whole = assemblePracticeVariation(units, scope, [], 'CONFLICT_RATE');
    expect(comparison.units.map((unit) => unit.key)).toEqual(['A', 'B', 'C', 'E', 'D']);
    expect(comparison.outside).toBe(
      whole.rows.filter((row) => row.position !== null && row.position !== 'WITHIN').length,
    );
    expect(comparison.outside).toBeGreaterThan(0);
    expect(comparison.outsideAfterMultiplicity).toBe(
      whole.rows.filter((row) => row.outsideAfterMultiplicity).length,
    );
    expect(withDoseHistory(comparison.units[0], [])).toEqual(whole.rows[0]);
  });

  it('orders by evidence: smallest p first, then more opportunities, then the key', () => {
    const comparison = comparePracticeVariation(units, scope, 'CONFLICT_RATE');
    const { units: page, page: info } = pagePracticeVariation(
      comparison.units,
      { orderBy: 'EVIDENCE', first: null, after: null },
      invalid,
    );
    // E and D have p = 1 (no conflicts): D has more opportunities
    expect(page.map((unit) => unit.key)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(info).toEqual({
      total: 5,
      offset: 0,
      endCursor: practiceVariationCursor('EVIDENCE', 'E'),
      hasNextPage: false,
    });
    expect([...comparison.units].sort(compareByEvidence).map((unit) => unit.key)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
    ]);
  });

  it('pages by cursor and refuses a cursor it did not give for this order and data', () => {
    const { units: ranked } = comparePracticeVariation(units, scope, 'CONFLICT_RATE');
    const first = pagePracticeVariation(
      ranked,
      { orderBy: 'EVIDENCE', first: 2, after: null },
      invalid,
    );
    expect(first.units.map((unit) => unit.key)).toEqual(['A', 'B']);
    expect(first.page.hasNextPage).toBe(true);
    const second = pagePracticeVariation(
      ranked,
      { orderBy: 'EVIDENCE', first: 2, after: first.page.endCursor },
      invalid,
    );
    expect(second.units.map((unit) => unit.key)).toEqual(['C', 'D']);
    expect(second.page.offset).toBe(2);
    const rest = pagePracticeVariation(
      ranked,
      { orderBy: 'EVIDENCE', first: null, after: second.page.endCursor },
      invalid,
    );
    expect(rest.units.map((unit) => unit.key)).toEqual(['E']);
    expect(rest.page.hasNextPage).toBe(false);
    const byUnit = pagePracticeVariation(
      ranked,
      { orderBy: 'UNIT', first: 3, after: null },
      invalid,
    );
    expect(byUnit.units.map((unit) => unit.key)).toEqual(['A', 'B', 'C']);
    expect(() =>
      pagePracticeVariation(
        ranked,
        { orderBy: 'UNIT', first: 2, after: first.page.endCursor },
        invalid,
      ),
    ).toThrow('not a cursor of rows ordered by UNIT');
    expect(() =>
      pagePracticeVariation(
        ranked.slice(1),
        { orderBy: 'EVIDENCE', first: 2, after: practiceVariationCursor('EVIDENCE', 'A') },
        invalid,
      ),
    ).toThrow('The rows changed');
    expect(() =>
      pagePracticeVariation(ranked, { orderBy: 'UNIT', first: 2, after: 'garbage' }, invalid),
    ).toThrow(RangeError);
    expect(() =>
      pagePracticeVariation(ranked, { orderBy: 'UNIT', first: -1, after: null }, invalid),
    ).toThrow('first must be');
    expect(
      pagePracticeVariation(ranked, { orderBy: 'UNIT', first: 0, after: null }, invalid).page,
    ).toEqual({ total: 5, offset: 0, endCursor: null, hasNextPage: true });
  });
});
