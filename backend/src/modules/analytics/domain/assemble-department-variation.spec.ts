import {
  assembleDepartmentVariation,
  type DepartmentConflictCounts,
  type DepartmentDoseHistoryStratum,
} from './assemble-department-variation.js';

/** Site rate 12/240 = 0.05, DESIGN.md's funnel worked example (n = 40 and n = 200). */
const counts: DepartmentConflictCounts[] = [
  { department: 'Emergency', opportunities: 40, conflicts: 6, awaySwitches: 8 },
  { department: 'Surgery', opportunities: 200, conflicts: 6, awaySwitches: 40 },
  { department: null, opportunities: 0, conflicts: 0, awaySwitches: 0 },
];

const stratum = (
  department: string | null,
  isSite: boolean,
  high: [number, number],
  low: [number, number],
): DepartmentDoseHistoryStratum => ({
  department,
  isSite,
  highAwaySwitches: high[0],
  highOpportunities: high[1],
  lowAwaySwitches: low[0],
  lowOpportunities: low[1],
});

// DESIGN.md's excess worked example for Surgery (A: HIGH 10/40, LOW 10/200; B: HIGH 2/20,
// LOW 10/100 → excess 8.0); Emergency one stratum with HIGH 1/10, LOW 2/10 (excess 1 − 2 = −1).
const strata: DepartmentDoseHistoryStratum[] = [
  stratum('Emergency', false, [1, 10], [2, 10]),
  stratum('Surgery', false, [10, 40], [10, 200]),
  stratum('Surgery', false, [2, 20], [10, 100]),
  stratum(null, true, [11, 50], [12, 210]),
  stratum(null, true, [2, 20], [10, 100]),
];

describe('assembleDepartmentVariation', () => {
  it('places each department against funnel limits around the site conflict rate', () => {
    const variation = assembleDepartmentVariation(counts, strata, 'CONFLICT_RATE');

    expect(variation.targetRate).toBeCloseTo(0.05, 12);
    const [emergency, surgery, none] = variation.departments;
    expect(emergency.rate).toBeCloseTo(0.15, 12);
    expect(emergency.limits?.upper95).toBeCloseTo(0.11686, 5);
    expect(emergency.limits?.upper998).toBeCloseTo(0.17231, 5);
    expect(emergency.position).toBe('ABOVE_95');
    expect(surgery.rate).toBeCloseTo(0.03, 12);
    expect(surgery.limits?.lower95).toBeCloseTo(0.01958, 5);
    expect(surgery.limits?.upper95).toBeCloseTo(0.07971, 5);
    expect(surgery.position).toBe('WITHIN');
    expect(none).toMatchObject({ department: null, rate: null, limits: null, position: null });
    expect(variation.funnelCurve[0].n).toBe(1);
    expect(variation.funnelCurve[variation.funnelCurve.length - 1].n).toBe(200);
  });

  it('uses the away-switch rate when asked: 48/240 = 0.2', () => {
    const variation = assembleDepartmentVariation(counts, strata, 'AWAY_SWITCH_RATE');

    expect(variation.measure).toBe('AWAY_SWITCH_RATE');
    expect(variation.targetRate).toBeCloseTo(0.2, 12);
    expect(variation.departments[0].rate).toBeCloseTo(0.2, 12);
    expect(variation.departments[0].position).toBe('WITHIN');
    expect(variation.departments[1].conflictRate).toBeCloseTo(0.03, 12);
  });

  it("gives each department its own odds ratio and excess, and the site's over all strata", () => {
    const variation = assembleDepartmentVariation(counts, strata, 'CONFLICT_RATE');
    const [emergency, surgery] = variation.departments;

    expect(surgery.excessAwaySwitches.excessAwaySwitches).toBeCloseTo(8, 12);
    expect(surgery.doseHistoryOddsRatio.oddsRatio).toBeCloseTo(113 / 33, 10);
    // Emergency: a 1, b 9, c 2, d 8 → OR = (1·8)/(9·2) = 4/9.
    expect(emergency.doseHistoryOddsRatio.oddsRatio).toBeCloseTo(4 / 9, 10);
    expect(emergency.excessAwaySwitches.excessAwaySwitches).toBeCloseTo(-1, 12);
    // Site: 11 − 50·12/210 + 2 − 20·10/100 = 13 − 2.857142… − 2 = 8.142857…
    expect(variation.site.excessAwaySwitches.excessAwaySwitches).toBeCloseTo(8 + 1 / 7, 10);
    expect(variation.site).toMatchObject({ opportunities: 240, conflicts: 12, awaySwitches: 48 });
    expect(variation.site.conflictRate).toBeCloseTo(0.05, 12);
  });

  it('tests each department and adjusts over the departments compared (hand-computed)', () => {
    const variation = assembleDepartmentVariation(counts, strata, 'CONFLICT_RATE');
    const [emergency, surgery, none] = variation.departments;
    // Surgery: Δ = (10 − 40·20/240) + (2 − 20·12/120) = 6.666667,
    // Var = 40·200·20·220/(240²·239) + 20·100·12·108/(120²·119) = 4.069555,
    // z = (6.666667 − 0.5)/√4.069555 = 3.056870, p = 0.0011183.
    expect(surgery.doseHistoryPValue).toBeCloseTo(0.0011183, 7);
    // Emergency: Δ = 1 − 10·3/20 = −0.5; corrected |Δ| − ½ = 0, z = 0, p = 0.5.
    expect(emergency.doseHistoryPValue).toBeCloseTo(0.5, 7);
    // BH over m = 2: Surgery 2·0.0011183/1, Emergency 0.5·2/2.
    expect(surgery.doseHistoryQValue).toBeCloseTo(0.0022366, 7);
    expect(emergency.doseHistoryQValue).toBeCloseTo(0.5, 7);
    expect(none).toMatchObject({ doseHistoryPValue: null, doseHistoryQValue: null });
    expect(variation.compared).toBe(2);
    expect(variation.comparedDoseHistory).toBe(2);
  });
});
