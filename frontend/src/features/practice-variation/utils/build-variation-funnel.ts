import type {
  FunnelPosition,
  PracticeVariationDensityQuery,
  PracticeVariationQuery,
  VariationDimension,
} from '../../../generated/graphql.js';
import { analysisFilterSearch, type AnalysisFilterValue } from '../../../app/analysis-filter.js';

export type PracticeVariation = PracticeVariationQuery['practiceVariation'];
export type PracticeVariationRow = PracticeVariation['rows'][number];
export type PracticeVariationDensity = PracticeVariationDensityQuery['practiceVariationDensity'];

const NICE_MULTIPLES = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** Rounds up to 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten: a round axis end. */
export const roundUpNicely = (value: number): number => {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = NICE_MULTIPLES.find((multiple) => multiple * power >= value - 1e-12) ?? 10;
  return step * power;
};

export type FunnelTone = 'ABOVE' | 'WITHIN' | 'BELOW';

export interface VariationPoint {
  readonly key: string;
  readonly label: string;
  readonly volume: number;
  readonly value: number;
  readonly position: FunnelPosition;
  readonly tone: FunnelTone;
  /** Still outside after accounting for how many units were compared. */
  readonly outsideAfterMultiplicity: boolean;
  /** true: from the density, not a row of the page (the table does not list it). */
  readonly offPage?: true;
}

export interface VariationCurvePoint {
  readonly volume: number;
  readonly target: number;
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
}

/** Units inside the 95 % limits in one cell of the plot's grid, in data coordinates. */
export interface VariationDensityCell {
  readonly volumeFrom: number;
  readonly volumeTo: number;
  readonly valueFrom: number;
  readonly valueTo: number;
  readonly units: number;
}

/** Every unit on the funnel: those within the limits as cells (the outside ones are points). */
export interface VariationDensityLayer {
  readonly cells: readonly VariationDensityCell[];
  /** The most units in one cell (the darkest shade). */
  readonly maxUnits: number;
  /** Units in the cells, and units outside a limit (all of them among the points). */
  readonly within: number;
  readonly outside: number;
  /** The volume axis from the density's grid (the plot's axes are the grid's ends). */
  readonly volumeDomain: readonly [number, number];
}

export interface VariationFunnel {
  /** The page's rows, then (with a density) every other unit outside a limit. */
  readonly points: readonly VariationPoint[];
  readonly curve: readonly VariationCurvePoint[];
  readonly target: number;
  readonly valueMax: number;
  readonly volumeMin: number;
  readonly volumeMax: number;
  readonly volumeScale: 'log' | 'linear';
  /**
   * The page's points outside a limit, most extreme first: above 99.8 %, above 95 %, below 95 %,
   * below 99.8 %.
   */
  readonly outside: readonly VariationPoint[];
  /** The whole population, when its density came with the page; null: the page alone. */
  readonly density: VariationDensityLayer | null;
}

const POSITION_ORDER: Readonly<Record<FunnelPosition, number>> = {
  ABOVE_998: 0,
  ABOVE_95: 1,
  WITHIN: 2,
  BELOW_95: 3,
  BELOW_998: 4,
};

export const toneOf = (position: FunnelPosition): FunnelTone =>
  position === 'ABOVE_95' || position === 'ABOVE_998'
    ? 'ABOVE'
    : position === 'BELOW_95' || position === 'BELOW_998'
      ? 'BELOW'
      : 'WITHIN';

const LOG_SCALE_SPREAD = 20;
const HEADROOM = 1.15;

/**
 * The funnel plot of a practice-variation answer: one point per unit with opportunities, the
 * limit curves from half the smallest unit's volume, axis bounds (logarithmic volume when the
 * largest unit has over 20 times the smallest's), and the units outside a limit, named. Null
 * when no unit has opportunities or there is no site rate.
 *
 * With the density of the same funnel (`practiceVariationDensity`: every unit, not only the
 * page's), the plot draws everyone: the units within the limits as shaded cells, every unit
 * outside a limit as a point (the page's rows as they are), on the density grid's axes. A
 * density of another measure or dimension (the previous view, while the new one loads) is not
 * used.
 */
export const buildVariationFunnel = (
  variation: PracticeVariation,
  density: PracticeVariationDensity | null = null,
): VariationFunnel | null => {
  const target = variation.targetRate;
  const pagePoints = variation.rows.flatMap((row): VariationPoint[] =>
    row.rate === null || row.position === null || row.opportunities === 0
      ? []
      : [
          {
            key: row.key,
            label: row.label,
            volume: row.opportunities,
            value: row.rate,
            position: row.position,
            tone: toneOf(row.position),
            outsideAfterMultiplicity: row.outsideAfterMultiplicity,
          },
        ],
  );
  const layer =
    density !== null &&
    density.by === variation.by &&
    density.measure === variation.measure &&
    density.grid.volumeEdges.length > 1 &&
    density.grid.rateEdges.length > 1
      ? density
      : null;
  const onPage = new Set(pagePoints.map((point) => point.key));
  const points = layer
    ? [...pagePoints, ...outsidePointsOf(layer).filter((point) => !onPage.has(point.key))]
    : pagePoints;
  if (target === null || points.length === 0) return null;
  const cells = layer ? densityCells(layer) : [];
  const volumes = [
    ...points.map((point) => point.volume),
    ...cells.map((cell) => Math.max(1, cell.volumeFrom)),
  ];
  const volumeMin = Math.min(...volumes);
  const volumeMax = Math.max(...volumes);
  const curveFrom = Math.max(1, Math.floor(volumeMin / 2));
  const curve = variation.funnelCurve
    .filter((point) => point.opportunities >= curveFrom)
    .map((point) => ({
      volume: point.opportunities,
      target,
      lower95: point.lower95,
      upper95: point.upper95,
      lower998: point.lower998,
      upper998: point.upper998,
    }));
  const highest = Math.max(2 * target, ...points.map((point) => point.value));
  const outside = pagePoints
    .filter((point) => point.position !== 'WITHIN')
    .sort(
      (a, b) =>
        POSITION_ORDER[a.position] - POSITION_ORDER[b.position] ||
        (a.tone === 'ABOVE' ? b.value - a.value : a.value - b.value) ||
        a.label.localeCompare(b.label),
    );
  if (layer) {
    const { volumeEdges, rateEdges } = layer.grid;
    return {
      points,
      curve,
      target,
      valueMax: rateEdges[rateEdges.length - 1],
      volumeMin,
      volumeMax,
      volumeScale: layer.grid.volumeScale === 'LOG' ? 'log' : 'linear',
      outside,
      density: {
        cells,
        maxUnits: Math.max(0, ...cells.map((cell) => cell.units)),
        within: cells.reduce((sum, cell) => sum + cell.units, 0),
        outside: layer.outsidePoints.keys.length,
        volumeDomain: [volumeEdges[0], volumeEdges[volumeEdges.length - 1]],
      },
    };
  }
  return {
    points,
    curve,
    target,
    valueMax: Math.min(1, roundUpNicely(highest * HEADROOM)),
    volumeMin,
    volumeMax,
    volumeScale: volumeMax / volumeMin > LOG_SCALE_SPREAD ? 'log' : 'linear',
    outside,
    density: null,
  };
};

/** The density's points outside a limit (sent as columns: one point per index). */
const outsidePointsOf = (density: PracticeVariationDensity): VariationPoint[] => {
  const columns = density.outsidePoints;
  return columns.keys.map((key, index) => ({
    key,
    label: columns.labels[index],
    volume: columns.opportunities[index],
    value: columns.rates[index],
    position: columns.positions[index],
    tone: columns.tones[index],
    outsideAfterMultiplicity: columns.outsideAfterMultiplicity[index],
    offPage: true,
  }));
};

/** The density's cells in data coordinates: each cell's edges from the grid. */
const densityCells = (density: PracticeVariationDensity): VariationDensityCell[] => {
  const { volumeEdges, rateEdges } = density.grid;
  return density.cells.map((cell) => ({
    volumeFrom: volumeEdges[cell.volumeBin],
    volumeTo: volumeEdges[cell.volumeBin + 1],
    valueFrom: rateEdges[cell.rateBin],
    valueTo: rateEdges[cell.rateBin + 1],
    units: cell.units,
  }));
};

export type VariationSortColumn =
  'label' | 'opportunities' | 'rate' | 'position' | 'oddsRatio' | 'excess' | 'qValue';

export type SortDirectionValue = 'ascending' | 'descending';

const sortValue = (
  row: PracticeVariationRow,
  column: VariationSortColumn,
): number | string | null => {
  switch (column) {
    case 'label':
      return row.label.toLocaleLowerCase();
    case 'opportunities':
      return row.opportunities;
    case 'rate':
      return row.rate;
    case 'position':
      // descending = most concerning first
      return row.position === null ? null : 4 - POSITION_ORDER[row.position];
    case 'oddsRatio':
      return row.doseHistoryOddsRatio.status === 'INFINITE'
        ? Number.POSITIVE_INFINITY
        : row.doseHistoryOddsRatio.status === 'ZERO'
          ? 0
          : row.doseHistoryOddsRatio.oddsRatio;
    case 'excess':
      return row.excessAwaySwitches.excess;
    case 'qValue':
      return row.qValue;
  }
};

/** The table's rows sorted by one column; rows without a value always go last; ties by label. */
export const sortVariationRows = (
  rows: readonly PracticeVariationRow[],
  column: VariationSortColumn,
  direction: SortDirectionValue,
): PracticeVariationRow[] => {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = sortValue(a, column);
    const right = sortValue(b, column);
    if (left === null && right === null) return a.label.localeCompare(b.label);
    if (left === null) return 1;
    if (right === null) return -1;
    const compared =
      typeof left === 'string' || typeof right === 'string'
        ? String(left).localeCompare(String(right))
        : left - right;
    return sign * compared || a.label.localeCompare(b.label);
  });
};

const DIMENSION_PARAM: Readonly<Record<VariationDimension, keyof AnalysisFilterValue>> = {
  DEPARTMENT: 'departments',
  CLINICIAN: 'clinicians',
  INDICATION_GROUP: 'indicationGroups',
};

/**
 * The cases list behind one unit: `/cases?department=…` (or `clinician=`, `indicationGroup=`),
 * keeping the rest of the current filter; the unit replaces that dimension's filter.
 */
export const casesLinkFor = (
  by: VariationDimension,
  key: string,
  filter: AnalysisFilterValue,
): string => `/cases${analysisFilterSearch({ ...filter, [DIMENSION_PARAM[by]]: [key] })}`;
