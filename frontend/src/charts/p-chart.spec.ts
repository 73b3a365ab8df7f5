import {
  EMPTY_P_CHART_TOP,
  isEveryValueZero,
  pChartValueAxis,
  type PChartDatum,
} from './p-chart.js';

const datum = (
  value: number | null,
  centre: number | null = null,
  upperLimit: number | null = null,
): PChartDatum => ({
  category: '2025-01',
  value,
  centre,
  upperLimit,
  lowerLimit: upperLimit === null ? null : 0,
  highlighted: false,
});

describe('pChartValueAxis', () => {
  it('tops a scope without a single conflict at 5 %, not at Recharts’ 400 %', () => {
    const axis = pChartValueAxis([datum(0, 0, 0), datum(0, 0, 0), datum(0, 0, 0)]);
    expect(EMPTY_P_CHART_TOP).toBe(0.05);
    expect(axis.top).toBe(0.05);
    expect(axis.ticks).toEqual([0, 0.01, 0.02, 0.03, 0.04, 0.05]);
  });

  it('tops months without a denominator (all null) and no months at all at 5 %', () => {
    expect(pChartValueAxis([datum(null), datum(null)]).top).toBe(0.05);
    expect(pChartValueAxis([]).top).toBe(0.05);
  });

  it('rounds the highest value, centre or upper limit up to a round step', () => {
    // the upper limit is the highest: 3.1 % → 4 %, ticks a whole percent apart
    const axis = pChartValueAxis([datum(0.012, 0.0095, 0.031), datum(0.02, 0.0095, 0.027)]);
    expect(axis.top).toBe(0.04);
    expect(axis.ticks).toEqual([0, 0.01, 0.02, 0.03, 0.04]);
    // a value above its limit sets the top
    expect(pChartValueAxis([datum(0.18, 0.05, 0.12)]).top).toBe(0.2);
    // the centre alone, with the month's value and limits missing
    expect(pChartValueAxis([datum(null, 0.033, null)]).top).toBe(0.04);
  });

  it('keeps a top that is already on a step', () => {
    expect(pChartValueAxis([datum(0.03, 0.01, 0.03)]).ticks).toEqual([0, 0.01, 0.02, 0.03]);
    expect(pChartValueAxis([datum(0.5, 0.5, 0.5)]).ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it('never goes above 1 (100 %), even for a limit beyond it', () => {
    const axis = pChartValueAxis([datum(0.9, 0.6, 1.2)]);
    expect(axis.top).toBe(1);
    expect(axis.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(pChartValueAxis([datum(0.97, 0.9, 1)]).top).toBe(1);
  });

  it('keeps ticks at least 0.1 % apart for tiny rates, which one-decimal labels can tell apart', () => {
    // 1 conflict in 2,000 opportunities: limits near 0.2 %
    expect(pChartValueAxis([datum(0.0005, 0.0005, 0.0019)]).ticks).toEqual([0, 0.001, 0.002]);
  });

  it('ignores values that are not finite', () => {
    expect(pChartValueAxis([datum(Number.NaN, 0.02, Number.POSITIVE_INFINITY)]).top).toBe(0.02);
  });
});

describe('isEveryValueZero', () => {
  it('is true when every month with a denominator has a rate of 0', () => {
    expect(isEveryValueZero([datum(0, 0, 0), datum(null), datum(0, 0, 0)])).toBe(true);
  });

  it('is false when one month has a conflict, however small', () => {
    expect(isEveryValueZero([datum(0, 0.0004, 0.002), datum(0.0001, 0.0004, 0.002)])).toBe(false);
  });

  it('is false without a single rate: there is nothing drawn to explain', () => {
    expect(isEveryValueZero([datum(null), datum(null)])).toBe(false);
    expect(isEveryValueZero([])).toBe(false);
  });
});
