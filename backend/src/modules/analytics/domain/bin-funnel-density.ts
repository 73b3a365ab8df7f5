import type { FunnelPosition } from '../../statistics/funnel-plot.js';
import type { PracticeVariationUnit } from './assemble-practice-variation.js';

/** How the volume axis is drawn: logarithmic when the units' volumes spread widely. */
export type FunnelVolumeScale = 'LOG' | 'LINEAR';

/**
 * The cells' edges, which are also the plot's axes: volume from the first volume edge to the
 * last, rate from 0 to the last rate edge. Cell (i, j) holds the units with
 * volumeEdges[i] <= opportunities < volumeEdges[i + 1] and rateEdges[j] <= rate <
 * rateEdges[j + 1] (the last column and row include their upper edge).
 */
export interface FunnelDensityGrid {
  readonly volumeScale: FunnelVolumeScale;
  readonly volumeEdges: readonly number[];
  readonly rateEdges: readonly number[];
}

export interface FunnelDensityCell {
  readonly volumeBin: number;
  readonly rateBin: number;
  /** Units inside the 95 % limits in this cell (at least 1: empty cells are left out). */
  readonly units: number;
}

/** The funnel of every unit, compactly: the units inside the 95 % limits counted per cell. */
export interface FunnelDensity {
  readonly grid: FunnelDensityGrid;
  readonly cells: readonly FunnelDensityCell[];
  /** Every unit outside a 95 % limit, as it is (in the order given). */
  readonly outside: readonly (PracticeVariationUnit & { readonly position: OutsidePosition })[];
}

export type OutsidePosition = Exclude<FunnelPosition, 'WITHIN'>;

/** Log volume axis when the largest unit has over this many times the smallest's volume. */
export const LOG_SCALE_SPREAD = 20;
/** Cells per factor of ten of volume on a logarithmic axis (each about 26 % wider than the last). */
export const CELLS_PER_DECADE = 10;
/** Cells across a linear volume axis. */
export const LINEAR_VOLUME_CELLS = 40;
/**
 * Cells up the rate axis: fine, because the axis reaches the highest unit's rate while the
 * units within the limits sit near the site rate (at 1M orders the axis ran to 50 % and the
 * funnel's band at 100 opportunities to about 4 %: 40 cells put every clinician in two rows).
 */
export const RATE_CELLS = 80;
/** Room above the highest rate, as the funnel plot leaves it. */
const RATE_HEADROOM = 1.15;

const NICE_MULTIPLES = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** Rounds up to 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten: a round axis end. */
export function roundUpNicely(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = NICE_MULTIPLES.find((multiple) => multiple * power >= value - 1e-12) ?? 10;
  return step * power;
}

/**
 * Bins a funnel's units for drawing everyone at once: the units inside both 95 % limits are
 * counted on a grid laid on the plot's own axes, and every unit outside a 95 % limit is kept
 * whole, to be drawn as its own point. The axes follow the funnel plot's rules over every unit
 * plotted (a unit with opportunities and a position): volume logarithmic from the power of ten
 * at or below half the smallest volume to the power of ten above 1.05 × the largest when the
 * largest has over LOG_SCALE_SPREAD times the smallest, else linear from 0 to 1.08 × the largest
 * rounded up to a hundred; rate from 0 to 1.15 × the highest of twice the target and every
 * unit's rate, rounded up nicely, at most 1. Units without a position (no opportunities, no
 * target) are in neither the cells nor the outside points, as they are on no funnel.
 */
export function binFunnelDensity(
  units: readonly PracticeVariationUnit[],
  targetRate: number | null,
): FunnelDensity {
  const plotted = units.filter(
    (unit) => unit.position !== null && unit.rate !== null && unit.opportunities > 0,
  );
  if (targetRate === null || plotted.length === 0) {
    return {
      grid: { volumeScale: 'LINEAR', volumeEdges: [], rateEdges: [] },
      cells: [],
      outside: [],
    };
  }
  let volumeMin = Number.POSITIVE_INFINITY;
  let volumeMax = 0;
  let rateMax = 2 * targetRate;
  for (const unit of plotted) {
    volumeMin = Math.min(volumeMin, unit.opportunities);
    volumeMax = Math.max(volumeMax, unit.opportunities);
    rateMax = Math.max(rateMax, unit.rate as number);
  }
  const volumeScale: FunnelVolumeScale =
    volumeMax / volumeMin > LOG_SCALE_SPREAD ? 'LOG' : 'LINEAR';
  const volumeEdges =
    volumeScale === 'LOG' ? logEdges(volumeMin, volumeMax) : linearEdges(volumeMax);
  const rateTop = Math.min(1, roundUpNicely(rateMax * RATE_HEADROOM)) || 1;
  const rateEdges = Array.from({ length: RATE_CELLS + 1 }, (_, index) =>
    index === RATE_CELLS ? rateTop : (rateTop * index) / RATE_CELLS,
  );
  const counts = new Map<number, number>();
  const outside: (PracticeVariationUnit & { position: OutsidePosition })[] = [];
  for (const unit of plotted) {
    if (unit.position !== 'WITHIN') {
      outside.push(unit as PracticeVariationUnit & { position: OutsidePosition });
      continue;
    }
    const cell =
      binOf(volumeEdges, unit.opportunities) * RATE_CELLS + binOf(rateEdges, unit.rate as number);
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  const cells = [...counts]
    .sort(([left], [right]) => left - right)
    .map(([cell, count]) => ({
      volumeBin: Math.floor(cell / RATE_CELLS),
      rateBin: cell % RATE_CELLS,
      units: count,
    }));
  return { grid: { volumeScale, volumeEdges, rateEdges }, cells, outside };
}

/** CELLS_PER_DECADE edges a decade, from a power of ten to a power of ten. */
function logEdges(volumeMin: number, volumeMax: number): number[] {
  const low = Math.floor(Math.log10(Math.max(1, volumeMin / 2)));
  const high = Math.ceil(Math.log10(volumeMax * 1.05));
  const edges: number[] = [];
  for (let step = low * CELLS_PER_DECADE; step <= high * CELLS_PER_DECADE; step += 1) {
    // step / CELLS_PER_DECADE is a whole number at a power of ten, so those edges are exact
    edges.push(10 ** (step / CELLS_PER_DECADE));
  }
  return edges;
}

/** LINEAR_VOLUME_CELLS equal cells from 0 to 1.08 × the largest volume, rounded up to 100. */
function linearEdges(volumeMax: number): number[] {
  const top = Math.ceil((volumeMax * 1.08) / 100) * 100;
  return Array.from(
    { length: LINEAR_VOLUME_CELLS + 1 },
    (_, index) => (top * index) / LINEAR_VOLUME_CELLS,
  );
}

/** The cell of `value` among ascending `edges`: the last whose lower edge is at most it. */
function binOf(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (edges[middle] <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
