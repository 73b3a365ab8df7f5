import type { DoseBand, DoseHistorySensitivityQuery } from '../../../generated/graphql.js';

export type DoseHistorySensitivity = DoseHistorySensitivityQuery['doseHistorySensitivity'];
export type SensitivityGroup = DoseHistorySensitivity['groups'][number];

export const DOSE_BANDS: readonly DoseBand[] = ['LOW', 'MODERATE', 'HIGH'];

export const DOSE_BAND_LABELS: Readonly<Record<DoseBand, string>> = {
  LOW: 'Low',
  MODERATE: 'Moderate',
  HIGH: 'High',
};

/** One band of one group, ready for a line with error bars. */
export interface SensitivityPoint {
  readonly band: DoseBand;
  readonly bandLabel: string;
  readonly opportunities: number;
  readonly awaySwitches: number;
  /** Away-switch rate, null when the band has no opportunities. */
  readonly rate: number | null;
  readonly lower95: number | null;
  readonly upper95: number | null;
  /** [rate − lower, upper − rate] for an error bar; null without an interval. */
  readonly errorBar: readonly [number, number] | null;
}

export interface SensitivitySeries {
  readonly indicationGroup: string;
  /** false: the rate climbs with dose history (the group's OR CI lies above 1). */
  readonly flat: boolean;
  readonly oddsRatio: SensitivityGroup['oddsRatio'];
  readonly points: readonly SensitivityPoint[];
  /** HIGH rate − LOW rate, null when either is missing. */
  readonly highMinusLow: number | null;
  readonly opportunities: number;
}

const emptyPoint = (band: DoseBand): SensitivityPoint => ({
  band,
  bandLabel: DOSE_BAND_LABELS[band],
  opportunities: 0,
  awaySwitches: 0,
  rate: null,
  lower95: null,
  upper95: null,
  errorBar: null,
});

/**
 * Per indication group, the away-switch rate in the LOW, MODERATE and HIGH bands in that order
 * (a missing band is an empty point), with error-bar offsets from the Wilson interval. Groups
 * that are not flat come first (the committee's question), then by how much the rate climbs
 * from LOW to HIGH, then by name.
 */
export const buildSensitivitySeries = (sensitivity: DoseHistorySensitivity): SensitivitySeries[] =>
  sensitivity.groups
    .map((group): SensitivitySeries => {
      const points = DOSE_BANDS.map((band) => {
        const found = group.bands.find((item) => item.band === band);
        if (!found || found.opportunities === 0) return emptyPoint(band);
        const rate = found.rate;
        const errorBar: readonly [number, number] | null =
          rate !== null && found.lower95 !== null && found.upper95 !== null
            ? [Math.max(0, rate - found.lower95), Math.max(0, found.upper95 - rate)]
            : null;
        return {
          band,
          bandLabel: DOSE_BAND_LABELS[band],
          opportunities: found.opportunities,
          awaySwitches: found.awaySwitches,
          rate,
          lower95: found.lower95,
          upper95: found.upper95,
          errorBar,
        };
      });
      const low = points[0].rate;
      const high = points[2].rate;
      return {
        indicationGroup: group.indicationGroup,
        flat: group.flat,
        oddsRatio: group.oddsRatio,
        points,
        highMinusLow: low === null || high === null ? null : high - low,
        opportunities: points.reduce((sum, point) => sum + point.opportunities, 0),
      };
    })
    .sort(
      (a, b) =>
        Number(a.flat) - Number(b.flat) ||
        (b.highMinusLow ?? -Infinity) - (a.highMinusLow ?? -Infinity) ||
        a.indicationGroup.localeCompare(b.indicationGroup),
    );

/** The top of a shared rate axis: the highest upper bound (or rate), rounded up to 5 %. */
export const sensitivityAxisMax = (series: readonly SensitivitySeries[]): number => {
  const highest = Math.max(
    0.05,
    ...series.flatMap((item) => item.points.map((point) => point.upper95 ?? point.rate ?? 0)),
  );
  return Math.min(1, Math.ceil(highest * 20 - 1e-9) / 20);
};
