import { assembleConflictTrend, type MonthlyConflictCounts } from './assemble-conflict-trend.js';

/** DESIGN.md's p-chart worked example: n = 120 … 118, conflicts 6, 4, 5, 7, 16, 3. */
const designExample: MonthlyConflictCounts[] = [
  { month: '2025-01', opportunities: 120, conflicts: 6, awaySwitches: 30 },
  { month: '2025-02', opportunities: 130, conflicts: 4, awaySwitches: 26 },
  { month: '2025-03', opportunities: 110, conflicts: 5, awaySwitches: 22 },
  { month: '2025-04', opportunities: 125, conflicts: 7, awaySwitches: 25 },
  { month: '2025-05', opportunities: 140, conflicts: 16, awaySwitches: 35 },
  { month: '2025-06', opportunities: 118, conflicts: 3, awaySwitches: 20 },
];

describe('assembleConflictTrend', () => {
  it('charts the worked example: p̄ = 41/743, month 5 beyond its UCL of 0.1131', () => {
    const trend = assembleConflictTrend(designExample, [], 12);

    expect(trend.centre).toBeCloseTo(0.05518, 5);
    expect(trend.baselineMonthsSetting).toBe(12);
    expect(trend.baselineMonths).toBe(6);
    expect(trend.baselineFirstMonth).toBe('2025-01');
    expect(trend.baselineLastMonth).toBe('2025-06');
    expect(trend.baselineConflicts).toBe(41);
    expect(trend.baselineOpportunities).toBe(743);
    expect(trend.months[0].upperControlLimit).toBeCloseTo(0.1177, 4);
    expect(trend.months[0].lowerControlLimit).toBe(0);
    expect(trend.months[4].conflictRate).toBeCloseTo(0.1143, 4);
    expect(trend.months[4].upperControlLimit).toBeCloseTo(0.1131, 4);
    expect(trend.months.map((month) => month.specialCauseRules)).toEqual([
      [],
      [],
      [],
      [],
      ['BEYOND_3_SIGMA'],
      [],
    ]);
    expect(trend.months[1].awaySwitchRate).toBeCloseTo(0.2, 12);
    expect(trend.months[5].centre).toBeCloseTo(41 / 743, 12);
  });

  it('takes the centre line from the first baseline months only', () => {
    const trend = assembleConflictTrend(designExample, [], 2);

    expect(trend.centre).toBeCloseTo(10 / 250, 12);
    expect(trend.baselineMonths).toBe(2);
    expect(trend.baselineLastMonth).toBe('2025-02');
    expect(trend.baselineOpportunities).toBe(250);
  });

  it("pools each month's strata into its own odds ratio, HIGH vs LOW", () => {
    // A: a 10, b 30, c 10, d 190 (n 240); B: a 2, b 18, c 10, d 90 (n 120).
    // R = 10·190/240 + 2·90/120 = 113/12; S = 30·10/240 + 18·10/120 = 33/12; OR = 113/33.
    const trend = assembleConflictTrend(
      designExample.slice(0, 2),
      [
        {
          month: '2025-01',
          highAwaySwitches: 10,
          highOpportunities: 40,
          lowAwaySwitches: 10,
          lowOpportunities: 200,
        },
        {
          month: '2025-01',
          highAwaySwitches: 2,
          highOpportunities: 20,
          lowAwaySwitches: 10,
          lowOpportunities: 100,
        },
      ],
      12,
    );

    expect(trend.months[0].doseHistoryOddsRatio.oddsRatio).toBeCloseTo(113 / 33, 10);
    expect(trend.months[0].doseHistoryOddsRatio.status).toBe('ESTIMATED');
    expect(trend.months[0].doseHistoryOddsRatio.strataUsed).toBe(2);
    expect(trend.months[0].doseHistoryOddsRatio.opportunities).toBe(360);
    expect(trend.months[0].doseHistoryOddsRatio.lower95).toBeLessThan(113 / 33);
    expect(trend.months[0].doseHistoryOddsRatio.upper95).toBeGreaterThan(113 / 33);
    expect(trend.months[1].doseHistoryOddsRatio).toEqual({
      oddsRatio: null,
      lower95: null,
      upper95: null,
      status: 'NO_INFORMATION',
      strataUsed: 0,
      opportunities: 0,
    });
  });

  it('gives a month without opportunities no rate and no limits', () => {
    const trend = assembleConflictTrend(
      [
        { month: '2025-01', opportunities: 100, conflicts: 5, awaySwitches: 10 },
        { month: '2025-02', opportunities: 0, conflicts: 0, awaySwitches: 0 },
      ],
      [],
      12,
    );

    expect(trend.months[1]).toMatchObject({
      conflictRate: null,
      awaySwitchRate: null,
      upperControlLimit: null,
      lowerControlLimit: null,
      specialCauseRules: [],
    });
    expect(trend.centre).toBeCloseTo(0.05, 12);
  });

  it('has no centre line and no months when nothing is loaded', () => {
    expect(assembleConflictTrend([], [], 12)).toMatchObject({
      centre: null,
      baselineMonths: 0,
      baselineFirstMonth: null,
      baselineLastMonth: null,
      months: [],
    });
  });
});
