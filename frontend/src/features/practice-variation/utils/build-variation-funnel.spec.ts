import { EMPTY_ANALYSIS_FILTER } from '../../../app/analysis-filter.js';
import {
  buildVariationFunnel,
  casesLinkFor,
  roundUpNicely,
  sortVariationRows,
  type PracticeVariation,
  type PracticeVariationDensity,
  type PracticeVariationRow,
} from './build-variation-funnel.js';

const oddsRatio = (
  value: number | null,
  status: PracticeVariationRow['doseHistoryOddsRatio']['status'] = 'ESTIMATED',
): PracticeVariationRow['doseHistoryOddsRatio'] => ({
  __typename: 'DoseHistoryOddsRatio',
  oddsRatio: value,
  lower95: value === null ? null : value / 2,
  upper95: value === null ? null : value * 2,
  status,
  strataUsed: 1,
  opportunities: 10,
});

const row = (
  key: string,
  opportunities: number,
  conflicts: number,
  position: PracticeVariationRow['position'],
  extra: Partial<PracticeVariationRow> = {},
): PracticeVariationRow => ({
  __typename: 'PracticeVariationRow',
  key,
  label: `Unit ${key}`,
  opportunities,
  awaySwitches: conflicts,
  conflicts,
  rate: opportunities === 0 ? null : conflicts / opportunities,
  position,
  outsideAfterMultiplicity: position === 'ABOVE_998',
  qValue: null,
  limits: null,
  doseHistoryOddsRatio: oddsRatio(1),
  excessAwaySwitches: {
    __typename: 'ExcessAwaySwitches',
    excess: 0,
    observedHighAwaySwitches: 0,
    expectedHighAwaySwitches: 0,
    strataUsed: 0,
    strataWithoutLowOpportunities: 0,
  },
  ...extra,
});

// The design's worked example at target 0.05: n = 40 → upper 95 % 0.11686, upper 99.8 % 0.17231;
// n = 200 → 0.07971 and 0.10118, lower 95 % 0.01958.
const curvePoint = (
  opportunities: number,
  lower95: number,
  upper95: number,
  lower998: number,
  upper998: number,
) => ({
  __typename: 'FunnelCurvePoint' as const,
  opportunities,
  lower95,
  upper95,
  lower998,
  upper998,
});

const variation = (rows: PracticeVariationRow[]): PracticeVariation => ({
  __typename: 'PracticeVariation',
  by: 'DEPARTMENT',
  measure: 'CONFLICT_RATE',
  targetRate: 0.05,
  compared: rows.length,
  outside: rows.filter((row) => row.position !== null && row.position !== 'WITHIN').length,
  outsideAfterMultiplicity: rows.filter((row) => row.outsideAfterMultiplicity).length,
  pageInfo: { __typename: 'PageInfo', hasNextPage: false },
  rows,
  funnelCurve: [
    curvePoint(10, 0, 0.2, 0, 0.3),
    curvePoint(40, 0, 0.11686, 0, 0.17231),
    curvePoint(200, 0.01958, 0.07971, 0.00738, 0.10118),
  ],
});

const rows = [
  row('A', 40, 8, 'ABOVE_998'), // 0.20 > 0.17231
  row('B', 200, 18, 'ABOVE_95'), // 0.09 between 0.07971 and 0.10118
  row('C', 200, 2, 'BELOW_95'), // 0.01 < 0.01958
  row('D', 100, 5, 'WITHIN'),
  row('E', 0, 0, null),
];

describe('buildVariationFunnel', () => {
  it('plots every unit with opportunities, with its tone', () => {
    const funnel = buildVariationFunnel(variation(rows))!;
    expect(
      funnel.points.map((point) => [point.key, point.volume, point.value, point.tone]),
    ).toEqual([
      ['A', 40, 0.2, 'ABOVE'],
      ['B', 200, 0.09, 'ABOVE'],
      ['C', 200, 0.01, 'BELOW'],
      ['D', 100, 0.05, 'WITHIN'],
    ]);
  });

  it('names the units outside a limit, most extreme first', () => {
    const funnel = buildVariationFunnel(variation(rows))!;
    expect(funnel.outside.map((point) => point.label)).toEqual(['Unit A', 'Unit B', 'Unit C']);
    expect(funnel.outside[0].outsideAfterMultiplicity).toBe(true);
  });

  it('draws the limits from half the smallest volume and rounds the rate axis up', () => {
    const funnel = buildVariationFunnel(variation(rows))!;
    // smallest volume 40 → curve from 20; highest rate 0.20 × 1.15 = 0.23 → 0.25
    expect(funnel.curve.map((point) => point.volume)).toEqual([40, 200]);
    expect(funnel.curve[1]).toMatchObject({ target: 0.05, upper95: 0.07971, lower95: 0.01958 });
    expect(funnel.valueMax).toBe(0.25);
    expect([funnel.volumeMin, funnel.volumeMax, funnel.volumeScale]).toEqual([40, 200, 'linear']);
  });

  it('uses a logarithmic volume axis when volumes spread over 20-fold', () => {
    const funnel = buildVariationFunnel(
      variation([row('A', 10, 1, 'WITHIN'), row('B', 250, 12, 'WITHIN')]),
    )!;
    expect(funnel.volumeScale).toBe('log');
  });

  it('is null with nothing to plot', () => {
    expect(buildVariationFunnel(variation([row('E', 0, 0, null)]))).toBeNull();
  });
});

describe('buildVariationFunnel with the density of every unit', () => {
  // a page of two clinicians (A above, D within) out of 40: 35 within in three cells, 5 outside
  const page: PracticeVariation = {
    ...variation([row('A', 40, 8, 'ABOVE_998'), row('D', 100, 5, 'WITHIN')]),
    by: 'CLINICIAN',
    compared: 40,
  };
  type Outside = [
    key: string,
    opportunities: number,
    rate: number,
    position: 'ABOVE_998' | 'ABOVE_95' | 'BELOW_95',
  ];
  /** The density's points outside, as the API sends them: one column per field. */
  const outsideColumns = (points: Outside[]): PracticeVariationDensity['outsidePoints'] => ({
    __typename: 'FunnelOutsidePoints',
    keys: points.map(([key]) => key),
    labels: points.map(([key]) => `Unit ${key}`),
    opportunities: points.map(([, opportunities]) => opportunities),
    rates: points.map(([, , rate]) => rate),
    tones: points.map(([, , , position]) => (position.startsWith('ABOVE') ? 'ABOVE' : 'BELOW')),
    positions: points.map(([, , , position]) => position),
    outsideAfterMultiplicity: points.map(([, , , position]) => position === 'ABOVE_998'),
  });
  const density: PracticeVariationDensity = {
    __typename: 'PracticeVariationDensity',
    by: 'CLINICIAN',
    measure: 'CONFLICT_RATE',
    targetRate: 0.05,
    compared: 40,
    grid: {
      __typename: 'FunnelDensityGrid',
      volumeScale: 'LOG',
      volumeEdges: [1, 10, 100, 1000],
      rateEdges: [0, 0.1, 0.2, 0.3],
    },
    cells: [
      { __typename: 'FunnelDensityCell', volumeBin: 0, rateBin: 0, units: 5 },
      { __typename: 'FunnelDensityCell', volumeBin: 1, rateBin: 0, units: 20 },
      { __typename: 'FunnelDensityCell', volumeBin: 2, rateBin: 0, units: 10 },
    ],
    outsidePoints: outsideColumns([
      ['A', 40, 0.2, 'ABOVE_998'],
      ['F', 300, 0.12, 'ABOVE_95'],
      ['G', 500, 0.01, 'BELOW_95'],
      ['H', 20, 0.25, 'ABOVE_95'],
      ['I', 60, 0.15, 'ABOVE_95'],
    ]),
  };

  it("draws the page's rows and every other unit outside a limit, once each", () => {
    const funnel = buildVariationFunnel(page, density)!;
    expect(funnel.points.find((point) => point.key === 'G')).toEqual({
      key: 'G',
      label: 'Unit G',
      volume: 500,
      value: 0.01,
      position: 'BELOW_95',
      tone: 'BELOW',
      outsideAfterMultiplicity: false,
      offPage: true,
    });
    expect(funnel.points.map((point) => [point.key, point.offPage ?? false])).toEqual([
      ['A', false],
      ['D', false],
      ['F', true],
      ['G', true],
      ['H', true],
      ['I', true],
    ]);
    // the sentence names the page's units outside; the rest are "further down the list"
    expect(funnel.outside.map((point) => point.key)).toEqual(['A']);
  });

  it("counts the cells in data coordinates and takes the axes from the density's grid", () => {
    const funnel = buildVariationFunnel(page, density)!;
    expect(funnel.density).toEqual({
      cells: [
        { volumeFrom: 1, volumeTo: 10, valueFrom: 0, valueTo: 0.1, units: 5 },
        { volumeFrom: 10, volumeTo: 100, valueFrom: 0, valueTo: 0.1, units: 20 },
        { volumeFrom: 100, volumeTo: 1000, valueFrom: 0, valueTo: 0.1, units: 10 },
      ],
      maxUnits: 20,
      within: 35,
      outside: 5,
      volumeDomain: [1, 1000],
    });
    expect(funnel.volumeScale).toBe('log');
    expect(funnel.valueMax).toBe(0.3);
    // the curve from the smallest cell's volume, 1
    expect(funnel.volumeMin).toBe(1);
    expect(funnel.curve.map((point) => point.volume)).toEqual([10, 40, 200]);
  });

  it('ignores the density of another measure (the previous view while the new one loads)', () => {
    const funnel = buildVariationFunnel(page, { ...density, measure: 'AWAY_SWITCH_RATE' })!;
    expect(funnel.density).toBeNull();
    expect(funnel.points.map((point) => point.key)).toEqual(['A', 'D']);
  });
});

describe('sortVariationRows', () => {
  it('sorts by rate either way with empty values last', () => {
    const labels = (sorted: PracticeVariationRow[]) => sorted.map((item) => item.key);
    expect(labels(sortVariationRows(rows, 'rate', 'descending'))).toEqual([
      'A',
      'B',
      'D',
      'C',
      'E',
    ]);
    expect(labels(sortVariationRows(rows, 'rate', 'ascending'))).toEqual(['C', 'D', 'B', 'A', 'E']);
  });

  it('puts the most concerning position first and an unbounded odds ratio at the top', () => {
    expect(sortVariationRows(rows, 'position', 'descending').map((item) => item.key)).toEqual([
      'A',
      'B',
      'D',
      'C',
      'E',
    ]);
    const ratios = [
      row('X', 10, 1, 'WITHIN', { doseHistoryOddsRatio: oddsRatio(null, 'INFINITE') }),
      row('Y', 10, 1, 'WITHIN', { doseHistoryOddsRatio: oddsRatio(2.5) }),
      row('Z', 10, 1, 'WITHIN', { doseHistoryOddsRatio: oddsRatio(null, 'NO_INFORMATION') }),
    ];
    expect(sortVariationRows(ratios, 'oddsRatio', 'descending').map((item) => item.key)).toEqual([
      'X',
      'Y',
      'Z',
    ]);
  });
});

describe('casesLinkFor', () => {
  it('opens the cases of one unit and keeps the rest of the filter', () => {
    const filter = { ...EMPTY_ANALYSIS_FILTER, from: '2025-01', departments: ['Surgery'] };
    expect(casesLinkFor('DEPARTMENT', 'Emergency Medicine', filter)).toBe(
      '/cases?from=2025-01&department=Emergency+Medicine',
    );
    expect(casesLinkFor('CLINICIAN', 'C-3F9A2B', filter)).toBe(
      '/cases?from=2025-01&department=Surgery&clinician=C-3F9A2B',
    );
    expect(casesLinkFor('INDICATION_GROUP', 'PE', EMPTY_ANALYSIS_FILTER)).toBe(
      '/cases?indicationGroup=PE',
    );
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
