import { computePChart, type PChartInputPoint } from './p-chart.js';

function makeSeries(events: readonly number[], n = 100): PChartInputPoint[] {
  return events.map((count, index) => ({
    period: `2025-${String(index + 1).padStart(2, '0')}`,
    events: count,
    n,
  }));
}

/** Baseline of four months at n = 100 with 4, 6, 4, 6 events: p̄ = 20/400 = 0.05, UCL 0.1154. */
const baselineEvents = [4, 6, 4, 6];

function rulesOf(events: readonly number[], n?: number): string[][] {
  const chart = computePChart(makeSeries(events, n), { baselinePeriods: 4 });
  return chart.points.map((point) => [...point.rules]);
}

describe('computePChart', () => {
  describe('DESIGN.md worked example', () => {
    const chart = computePChart([
      { period: '2025-01', events: 6, n: 120 },
      { period: '2025-02', events: 4, n: 130 },
      { period: '2025-03', events: 5, n: 110 },
      { period: '2025-04', events: 7, n: 125 },
      { period: '2025-05', events: 16, n: 140 },
      { period: '2025-06', events: 3, n: 118 },
    ]);

    it('puts the centre line at 41/743 over all six months (default baseline 12)', () => {
      expect(chart.baselinePeriods).toBe(6);
      expect(chart.baselineEvents).toBe(41);
      expect(chart.baselineN).toBe(743);
      expect(chart.centre).toBeCloseTo(0.05518, 5);
    });

    it('gives month 1 a UCL of 0.1177 and clips its LCL at 0', () => {
      expect(chart.points[0].proportion).toBeCloseTo(0.05, 10);
      expect(chart.points[0].ucl).toBeCloseTo(0.1177, 4);
      expect(chart.points[0].lcl).toBe(0);
    });

    it('flags month 5 (16/140 = 0.1143 above its UCL of 0.1131) and only month 5', () => {
      expect(chart.points[4].proportion).toBeCloseTo(0.1143, 4);
      expect(chart.points[4].ucl).toBeCloseTo(0.1131, 4);
      expect(chart.points.map((point) => point.rules)).toEqual([
        [],
        [],
        [],
        [],
        ['BEYOND_3_SIGMA'],
        [],
      ]);
    });
  });

  it('uses only the baseline months for the centre line', () => {
    const chart = computePChart(makeSeries([...baselineEvents, 50, 50]), { baselinePeriods: 4 });
    expect(chart.centre).toBeCloseTo(0.05, 12);
    // σ = sqrt(0.05 · 0.95 / 100) = 0.021794; UCL = 0.05 + 0.065383 = 0.115383.
    expect(chart.points[5].ucl).toBeCloseTo(0.115383, 6);
    expect(chart.points[5].rules).toEqual(['BEYOND_3_SIGMA']);
  });

  it('flags a point below a positive LCL', () => {
    // n = 1000: σ = 0.006892, LCL = 0.05 − 0.020676 = 0.029324; 20/1000 = 0.02 is below.
    const chart = computePChart(makeSeries([50, 50, 20], 1000), { baselinePeriods: 2 });
    expect(chart.points[2].lcl).toBeCloseTo(0.029324, 6);
    expect(chart.points[2].rules).toEqual(['BEYOND_3_SIGMA']);
  });

  it('flags every point of a run of 8 above the centre line, and not a run of 7', () => {
    const above8 = [6, 7, 6, 7, 6, 7, 6, 7];
    const above7 = [6, 7, 6, 7, 6, 7, 6];
    const rules = rulesOf([...baselineEvents, 3, ...above7, 3, ...above8, 3]);
    const flagged = rules.map((pointRules) => pointRules.includes('RUN_OF_8'));
    expect(flagged).toEqual([
      ...[false, false, false, false, false],
      ...above7.map(() => false),
      false,
      ...above8.map(() => true),
      false,
    ]);
  });

  it('flags a run of 9 below the centre line in full', () => {
    const below9 = [3, 2, 3, 2, 3, 2, 3, 2, 3];
    const rules = rulesOf([...baselineEvents, ...below9]);
    expect(rules.slice(4).every((pointRules) => pointRules.includes('RUN_OF_8'))).toBe(true);
    expect(rules.slice(0, 4).some((pointRules) => pointRules.includes('RUN_OF_8'))).toBe(false);
  });

  it('lets a point on the centre line or with n = 0 break a run', () => {
    const onCentre = rulesOf([...baselineEvents, 6, 7, 6, 7, 5, 6, 7, 6, 7]);
    expect(onCentre.some((pointRules) => pointRules.includes('RUN_OF_8'))).toBe(false);

    const series = makeSeries([...baselineEvents, 6, 7, 6, 7, 0, 6, 7, 6, 7]);
    series[8] = { period: series[8].period, events: 0, n: 0 };
    const chart = computePChart(series, { baselinePeriods: 4 });
    expect(chart.points[8].proportion).toBeNull();
    expect(chart.points[8].ucl).toBeNull();
    expect(chart.points[8].lcl).toBeNull();
    expect(chart.points.some((point) => point.rules.includes('RUN_OF_8'))).toBe(false);
  });

  it('flags every point of a rising trend of 6, and not a trend of 5', () => {
    // Baseline ends at 6; then 1..6 rises for six points; 4 falls; then 4..8 is only five.
    const rules = rulesOf([...baselineEvents, 1, 2, 3, 4, 5, 6, 4, 5, 6, 7, 8]);
    const flagged = rules.map((pointRules) => pointRules.includes('TREND_OF_6'));
    expect(flagged).toEqual([
      ...[false, false, false, false],
      ...[true, true, true, true, true, true],
      ...[false, false, false, false, false],
    ]);
  });

  it('flags a falling trend of 6 and lets a tie break a trend', () => {
    const falling = rulesOf([...baselineEvents, 9, 8, 7, 6, 5, 4]);
    expect(falling.slice(4).every((pointRules) => pointRules.includes('TREND_OF_6'))).toBe(true);
    // 6 → 9 rises into the falling stretch, so point 4 (value 6) is not part of it.
    expect(falling[3]).toEqual([]);

    const withTie = rulesOf([...baselineEvents, 1, 2, 2, 3, 4, 5, 6]);
    expect(withTie.some((pointRules) => pointRules.includes('TREND_OF_6'))).toBe(false);
  });

  it('reports several rules on one point in a fixed order', () => {
    // Eight points above centre, the last six rising, the last beyond the UCL (12/100 > 0.1154).
    const rules = rulesOf([...baselineEvents, 7, 6, 7, 8, 9, 10, 11, 12]);
    expect(rules[11]).toEqual(['BEYOND_3_SIGMA', 'RUN_OF_8', 'TREND_OF_6']);
    expect(rules[4]).toEqual(['RUN_OF_8']);
  });

  it('has no centre line or limits when the baseline has no opportunities', () => {
    const chart = computePChart(
      [
        { period: '2025-01', events: 0, n: 0 },
        { period: '2025-02', events: 3, n: 10 },
      ],
      { baselinePeriods: 1 },
    );
    expect(chart.centre).toBeNull();
    expect(chart.points[1].proportion).toBeCloseTo(0.3, 12);
    expect(chart.points[1].ucl).toBeNull();
    expect(chart.points[1].rules).toEqual([]);
  });

  it('rejects more events than n and a baseline of 0', () => {
    expect(() => computePChart([{ period: '2025-01', events: 3, n: 2 }])).toThrow(RangeError);
    expect(() => computePChart(makeSeries([1, 2]), { baselinePeriods: 0 })).toThrow(RangeError);
  });
});
