import { assertCount } from './assert-count.js';

/** Special-cause rules, in the order they are reported on a point. */
export const P_CHART_RULES = ['BEYOND_3_SIGMA', 'RUN_OF_8', 'TREND_OF_6'] as const;
export type PChartRule = (typeof P_CHART_RULES)[number];

export const DEFAULT_BASELINE_PERIODS = 12;
const SIGMA_MULTIPLIER = 3;
const RUN_LENGTH = 8;
const TREND_LENGTH = 6;

export interface PChartInputPoint {
  /** Label of the period, e.g. `2025-03`; points are taken in the order given (time order). */
  readonly period: string;
  /** Numerator, e.g. conflicts. */
  readonly events: number;
  /** Denominator, e.g. opportunities. */
  readonly n: number;
}

export interface PChartOptions {
  /** How many leading points form the baseline for the centre line (default 12). */
  readonly baselinePeriods?: number;
}

export interface PChartPoint {
  readonly period: string;
  readonly events: number;
  readonly n: number;
  /** events / n; null when n = 0. */
  readonly proportion: number | null;
  /** Upper control limit p̄ + 3σᵢ, at most 1; null when n = 0 or there is no centre line. */
  readonly ucl: number | null;
  /** Lower control limit p̄ − 3σᵢ, at least 0; null when n = 0 or there is no centre line. */
  readonly lcl: number | null;
  /** Special-cause rules this point is part of, in `P_CHART_RULES` order. */
  readonly rules: readonly PChartRule[];
}

export interface PChartResult {
  /** Centre line p̄ = Σ events / Σ n over the baseline; null when the baseline has no n. */
  readonly centre: number | null;
  /** Points actually in the baseline (fewer than asked when the series is shorter). */
  readonly baselinePeriods: number;
  readonly baselineEvents: number;
  readonly baselineN: number;
  readonly points: readonly PChartPoint[];
}

/**
 * p-chart of a monthly proportion (the conflict rate: conflicts / opportunities):
 *
 *   p̄ = Σ events / Σ n over the baseline (the first `baselinePeriods` points, default 12)
 *   σᵢ = sqrt(p̄ (1 − p̄) / nᵢ),  UCLᵢ = min(1, p̄ + 3σᵢ),  LCLᵢ = max(0, p̄ − 3σᵢ)
 *
 * Special-cause rules, each flagged on every point it involves:
 * - BEYOND_3_SIGMA: the proportion is strictly above the UCL or strictly below the LCL;
 * - RUN_OF_8: 8 or more points in a row strictly on one side of the centre line (a point on
 *   the line ends the run);
 * - TREND_OF_6: 6 or more points in a row, each strictly higher (or each strictly lower) than
 *   the one before (a tie ends the trend).
 * A point with n = 0 has no proportion and no limits, and breaks runs and trends.
 */
export function computePChart(
  points: readonly PChartInputPoint[],
  options: PChartOptions = {},
): PChartResult {
  const requestedBaseline = options.baselinePeriods ?? DEFAULT_BASELINE_PERIODS;
  if (!Number.isInteger(requestedBaseline) || requestedBaseline < 1) {
    throw new RangeError(`baselinePeriods must be a positive integer, got ${requestedBaseline}.`);
  }
  for (const point of points) {
    assertCount(point.events, `events (${point.period})`);
    assertCount(point.n, `n (${point.period})`);
    if (point.events > point.n) {
      throw new RangeError(`events cannot exceed n (${point.period}).`);
    }
  }

  const baseline = points.slice(0, requestedBaseline);
  const baselineEvents = baseline.reduce((sum, point) => sum + point.events, 0);
  const baselineN = baseline.reduce((sum, point) => sum + point.n, 0);
  const centre = baselineN > 0 ? baselineEvents / baselineN : null;

  const proportions = points.map((point) => (point.n > 0 ? point.events / point.n : null));
  const limits = points.map((point) => computeLimits(centre, point.n));
  const beyond = proportions.map((proportion, index) => {
    const { ucl, lcl } = limits[index];
    return (
      proportion !== null && ucl !== null && lcl !== null && (proportion > ucl || proportion < lcl)
    );
  });
  const run = flagRuns(proportions, centre);
  const trend = flagTrends(proportions);

  return {
    centre,
    baselinePeriods: baseline.length,
    baselineEvents,
    baselineN,
    points: points.map((point, index) => {
      const rules: PChartRule[] = [];
      if (beyond[index]) rules.push('BEYOND_3_SIGMA');
      if (run[index]) rules.push('RUN_OF_8');
      if (trend[index]) rules.push('TREND_OF_6');
      return {
        period: point.period,
        events: point.events,
        n: point.n,
        proportion: proportions[index],
        ucl: limits[index].ucl,
        lcl: limits[index].lcl,
        rules,
      };
    }),
  };
}

function computeLimits(
  centre: number | null,
  n: number,
): { ucl: number | null; lcl: number | null } {
  if (centre === null || n === 0) return { ucl: null, lcl: null };
  const sigma = Math.sqrt((centre * (1 - centre)) / n);
  return {
    ucl: Math.min(1, centre + SIGMA_MULTIPLIER * sigma),
    lcl: Math.max(0, centre - SIGMA_MULTIPLIER * sigma),
  };
}

/** Flags every point of each stretch of >= RUN_LENGTH points strictly on one side of centre. */
function flagRuns(proportions: readonly (number | null)[], centre: number | null): boolean[] {
  const flags = proportions.map(() => false);
  if (centre === null) return flags;
  const sides = proportions.map((proportion) =>
    proportion === null ? 0 : Math.sign(proportion - centre),
  );
  flagStretches(sides, RUN_LENGTH, flags, (index) => index);
  return flags;
}

/**
 * Flags every point of each stretch of >= TREND_LENGTH points moving strictly the same way.
 * Step k joins point k − 1 to point k, so a stretch of steps s..e covers points s − 1..e.
 */
function flagTrends(proportions: readonly (number | null)[]): boolean[] {
  const flags = proportions.map(() => false);
  const steps = proportions.map((proportion, index) => {
    const previous = index > 0 ? proportions[index - 1] : null;
    return proportion === null || previous === null ? 0 : Math.sign(proportion - previous);
  });
  // TREND_LENGTH points are TREND_LENGTH − 1 steps; the stretch starts one point earlier.
  flagStretches(steps, TREND_LENGTH - 1, flags, (index) => index - 1);
  return flags;
}

/**
 * Finds maximal stretches of equal non-zero values in `directions` at least `minimumLength`
 * long, and flags the points from `firstPoint(start)` to the stretch's end.
 */
function flagStretches(
  directions: readonly number[],
  minimumLength: number,
  flags: boolean[],
  firstPoint: (start: number) => number,
): void {
  let start = 0;
  for (let index = 0; index <= directions.length; index += 1) {
    const continues =
      index < directions.length &&
      directions[index] !== 0 &&
      directions[index] === directions[start];
    if (continues) continue;
    if (start < index && directions[start] !== 0 && index - start >= minimumLength) {
      for (let point = firstPoint(start); point < index; point += 1) flags[point] = true;
    }
    start = index;
  }
}
