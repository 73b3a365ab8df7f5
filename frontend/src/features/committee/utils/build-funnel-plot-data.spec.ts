import {
  buildFunnelPlotData,
  roundUpNicely,
  type DepartmentVariation,
  type DepartmentVariationRow,
} from './build-funnel-plot-data.js';

const rates = {
  conflicts: 0,
  awaySwitches: 0,
  conflictRate: null,
  awaySwitchRate: null,
  doseHistoryOddsRatio: {
    __typename: 'DoseHistoryOddsRatio' as const,
    oddsRatio: null,
    lower95: null,
    upper95: null,
    status: 'NO_INFORMATION' as const,
    strataUsed: 0,
    opportunities: 0,
  },
  excessAwaySwitches: {
    __typename: 'ExcessAwaySwitches' as const,
    excess: 0,
    observedHighAwaySwitches: 0,
    expectedHighAwaySwitches: 0,
    strataUsed: 0,
    strataWithoutLowOpportunities: 0,
  },
};

const row = (
  department: string | null,
  opportunities: number,
  rate: number | null,
  position: DepartmentVariationRow['position'],
  upper998: number | null,
): DepartmentVariationRow => ({
  __typename: 'DepartmentVariationRow',
  ...rates,
  department,
  opportunities,
  rate,
  position,
  limits:
    upper998 === null
      ? null
      : { __typename: 'FunnelLimits', lower95: 0, upper95: 0, lower998: 0, upper998 },
});

const curvePoint = (opportunities: number) => ({
  __typename: 'FunnelCurvePoint' as const,
  opportunities,
  lower95: 0,
  upper95: 0.5 / Math.sqrt(opportunities),
  lower998: 0,
  upper998: 0.7 / Math.sqrt(opportunities),
});

const variation = (departments: DepartmentVariationRow[]): DepartmentVariation => ({
  __typename: 'DepartmentVariation',
  measure: 'CONFLICT_RATE',
  firstMonth: '2025-01',
  lastMonth: '2025-12',
  targetRate: 0.01,
  site: { __typename: 'ConflictRates', ...rates, opportunities: 0 },
  departments,
  funnelCurve: [1, 10, 28, 29, 100, 1000, 7682].map(curvePoint),
});

describe('buildFunnelPlotData', () => {
  it('plots departments with opportunities, by tone, and starts the curve at half the smallest volume', () => {
    const data = buildFunnelPlotData(
      variation([
        row('Emergency', 7682, 0.0066, 'BELOW_95', 0.0132),
        row('Oncology', 936, 0.0502, 'ABOVE_998', 0.0204),
        row('Paediatrics', 57, 0, 'WITHIN', 0.07),
        row('Obstetrics', 0, null, null, null),
        row(null, 40, 0.025, 'ABOVE_95', 0.05),
      ]),
    );

    expect(data?.points.map((point) => [point.label, point.tone])).toEqual([
      ['Emergency', 'BELOW'],
      ['Oncology', 'ABOVE'],
      ['Paediatrics', 'WITHIN'],
      ['No department recorded', 'ABOVE'],
    ]);
    // smallest volume 40 → curve from n >= 20
    expect(data?.curve.map((point) => point.opportunities)).toEqual([28, 29, 100, 1000, 7682]);
    expect(data?.curve[0].target).toBe(0.01);
    expect(data?.volumeMin).toBe(40);
    expect(data?.volumeMax).toBe(7682);
    expect(data?.volumeScale).toBe('log'); // 7682 / 40 > 20
    // highest rate 0.0502 (above twice the site rate) × 1.15 = 0.05773 → 0.06
    expect(data?.rateMax).toBeCloseTo(0.06, 12);
  });

  it('keeps a linear volume axis when volumes are alike, and null without opportunities', () => {
    const alike = buildFunnelPlotData(
      variation([row('A', 100, 0.01, 'WITHIN', 0.04), row('B', 900, 0.012, 'WITHIN', 0.02)]),
    );
    expect(alike?.volumeScale).toBe('linear');
    // twice the site rate 0.02 (above both rates) × 1.15 = 0.023 → 0.025
    expect(alike?.rateMax).toBeCloseTo(0.025, 12);
    expect(buildFunnelPlotData(variation([row('A', 0, null, null, null)]))).toBeNull();
  });
});

describe('roundUpNicely', () => {
  it('rounds up to a round multiple of a power of ten', () => {
    expect(roundUpNicely(0.0805)).toBeCloseTo(0.1, 12);
    expect(roundUpNicely(0.021)).toBeCloseTo(0.025, 12);
    expect(roundUpNicely(0.2)).toBeCloseTo(0.2, 12);
    expect(roundUpNicely(3.2)).toBeCloseTo(4, 12);
    expect(roundUpNicely(0.0577)).toBeCloseTo(0.06, 12);
    expect(roundUpNicely(0)).toBe(0);
  });
});
