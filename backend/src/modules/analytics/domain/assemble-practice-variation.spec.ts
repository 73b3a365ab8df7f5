import { assemblePracticeVariation } from './assemble-practice-variation.js';
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
