import type { DepartmentVariationQuery, FunnelPosition } from '../../../generated/graphql.js';
import { formatDepartment } from './format-committee-figures.js';

export type DepartmentVariation = DepartmentVariationQuery['departmentVariation'];
export type DepartmentVariationRow = DepartmentVariation['departments'][number];

/** Above, within or below the funnel: what colour and shape a department's point gets. */
export type FunnelTone = 'ABOVE' | 'WITHIN' | 'BELOW';

export interface FunnelPointDatum {
  readonly label: string;
  readonly opportunities: number;
  readonly rate: number;
  readonly position: FunnelPosition;
  readonly tone: FunnelTone;
}

export interface FunnelLineDatum {
  readonly opportunities: number;
  readonly target: number;
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
}

export interface FunnelPlotData {
  readonly points: readonly FunnelPointDatum[];
  readonly curve: readonly FunnelLineDatum[];
  readonly target: number;
  /**
   * Top of the rate axis: above every department and twice the site rate, with headroom. The
   * limits at small volumes may run off the top: they would otherwise squash the points.
   */
  readonly rateMax: number;
  readonly volumeMin: number;
  readonly volumeMax: number;
  /** Logarithmic when the largest department has over 20 times the smallest one's volume. */
  readonly volumeScale: 'log' | 'linear';
}

const LOG_SCALE_SPREAD = 20;
const HEADROOM = 1.15;

const toneOf = (position: FunnelPosition): FunnelTone =>
  position === 'ABOVE_95' || position === 'ABOVE_998'
    ? 'ABOVE'
    : position === 'BELOW_95' || position === 'BELOW_998'
      ? 'BELOW'
      : 'WITHIN';

const NICE_MULTIPLES = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** Rounds up to 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten: a round axis end. */
export const roundUpNicely = (value: number): number => {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = NICE_MULTIPLES.find((multiple) => multiple * power >= value - 1e-12) ?? 10;
  return step * power;
};

/**
 * The funnel plot's data: one point per department with opportunities, the limit curves from
 * half the smallest department's volume (the limits at tiny volumes span the whole axis and
 * say nothing), and axis bounds. null when no department has opportunities.
 */
export const buildFunnelPlotData = (variation: DepartmentVariation): FunnelPlotData | null => {
  const target = variation.targetRate;
  const points = variation.departments.flatMap((row): FunnelPointDatum[] =>
    row.rate === null || row.position === null || row.opportunities === 0
      ? []
      : [
          {
            label: formatDepartment(row.department),
            opportunities: row.opportunities,
            rate: row.rate,
            position: row.position,
            tone: toneOf(row.position),
          },
        ],
  );
  if (target === null || points.length === 0) return null;
  const volumes = points.map((point) => point.opportunities);
  const volumeMin = Math.min(...volumes);
  const volumeMax = Math.max(...volumes);
  const curveFrom = Math.max(1, Math.floor(volumeMin / 2));
  const curve = variation.funnelCurve
    .filter((point) => point.opportunities >= curveFrom)
    .map((point) => ({
      opportunities: point.opportunities,
      target,
      lower95: point.lower95,
      upper95: point.upper95,
      lower998: point.lower998,
      upper998: point.upper998,
    }));
  const highest = Math.max(2 * target, ...points.map((point) => point.rate));
  return {
    points,
    curve,
    target,
    rateMax: Math.min(1, roundUpNicely(highest * HEADROOM)),
    volumeMin,
    volumeMax,
    volumeScale: volumeMax / volumeMin > LOG_SCALE_SPREAD ? 'log' : 'linear',
  };
};
