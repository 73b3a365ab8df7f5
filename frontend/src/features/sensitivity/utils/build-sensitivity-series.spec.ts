import {
  buildSensitivitySeries,
  sensitivityAxisMax,
  type DoseHistorySensitivity,
  type SensitivityGroup,
} from './build-sensitivity-series.js';

const oddsRatio = (value: number, lower: number, upper: number): SensitivityGroup['oddsRatio'] => ({
  __typename: 'DoseHistoryOddsRatio',
  oddsRatio: value,
  lower95: lower,
  upper95: upper,
  status: 'ESTIMATED',
  strataUsed: 2,
  opportunities: 100,
});

type Band = SensitivityGroup['bands'][number];
const band = (
  name: Band['band'],
  opportunities: number,
  awaySwitches: number,
  lower95: number | null,
  upper95: number | null,
): Band => ({
  __typename: 'SensitivityBand',
  band: name,
  opportunities,
  awaySwitches,
  rate: opportunities === 0 ? null : awaySwitches / opportunities,
  lower95,
  upper95,
});

const group = (
  indicationGroup: string,
  flat: boolean,
  bands: Band[],
  or = oddsRatio(1, 0.5, 2),
): SensitivityGroup => ({
  __typename: 'SensitivityGroup',
  indicationGroup,
  flat,
  oddsRatio: or,
  bands,
});

const sensitivity = (groups: SensitivityGroup[]): DoseHistorySensitivity => ({
  __typename: 'DoseHistorySensitivity',
  pooled: oddsRatio(1.2, 0.9, 1.6),
  groups,
});

describe('buildSensitivitySeries', () => {
  // Wilson 95 % intervals worked by hand: 10/200 → 0.02738–0.08965; 10/40 → 0.14187–0.40194.
  const steered = group(
    'Pulmonary embolism',
    false,
    [band('HIGH', 40, 10, 0.14187, 0.40194), band('LOW', 200, 10, 0.02738, 0.08965)],
    oddsRatio(6.33, 2.4, 16.7),
  );

  it('orders the bands LOW, MODERATE, HIGH and fills a missing band with an empty point', () => {
    const [series] = buildSensitivitySeries(sensitivity([steered]));
    expect(series.points.map((point) => point.band)).toEqual(['LOW', 'MODERATE', 'HIGH']);
    expect(series.points[1]).toMatchObject({ opportunities: 0, rate: null, errorBar: null });
    expect(series.points[0].rate).toBe(0.05);
    expect(series.points[2].rate).toBe(0.25);
    expect(series.opportunities).toBe(240);
  });

  it('turns the interval into error-bar offsets around the rate', () => {
    const [series] = buildSensitivitySeries(sensitivity([steered]));
    const [lowBelow, lowAbove] = series.points[0].errorBar!;
    expect(lowBelow).toBeCloseTo(0.05 - 0.02738, 10);
    expect(lowAbove).toBeCloseTo(0.08965 - 0.05, 10);
    const [highBelow, highAbove] = series.points[2].errorBar!;
    expect(highBelow).toBeCloseTo(0.10813, 10);
    expect(highAbove).toBeCloseTo(0.15194, 10);
    expect(series.highMinusLow).toBeCloseTo(0.2, 12);
  });

  it('puts groups that are not flat first, then the steepest rise, then by name', () => {
    const flatRising = group('Headache', true, [
      band('LOW', 100, 10, 0.05, 0.17),
      band('HIGH', 50, 7, 0.07, 0.26),
    ]);
    const flatLevel = group('Appendicitis', true, [
      band('LOW', 100, 10, 0.05, 0.17),
      band('HIGH', 50, 5, 0.04, 0.21),
    ]);
    const noHigh = group('Abdominal trauma', true, [band('LOW', 30, 3, 0.03, 0.26)]);
    const order = buildSensitivitySeries(sensitivity([flatLevel, noHigh, steered, flatRising])).map(
      (series) => series.indicationGroup,
    );
    expect(order).toEqual(['Pulmonary embolism', 'Headache', 'Appendicitis', 'Abdominal trauma']);
  });
});

describe('sensitivityAxisMax', () => {
  it('rounds the highest upper bound up to the next 5 %', () => {
    const series = buildSensitivitySeries(
      sensitivity([
        group('A', true, [
          band('LOW', 200, 10, 0.02738, 0.08965),
          band('HIGH', 40, 10, 0.14187, 0.40194),
        ]),
      ]),
    );
    expect(sensitivityAxisMax(series)).toBe(0.45);
    expect(sensitivityAxisMax([])).toBe(0.05);
  });
});
