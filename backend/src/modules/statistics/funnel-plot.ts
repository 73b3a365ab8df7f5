import { assertCount, assertProbability } from './assert-count.js';
import {
  computeFunnelLimits,
  type BinomialDistributions,
  type FunnelLimits,
} from './funnel-limits.js';

/** A clinician or department: events (conflicts or away-switches) out of n opportunities. */
export interface FunnelUnit {
  readonly id: string;
  readonly events: number;
  readonly n: number;
}

/** Where a unit's rate falls; 99.8 % limits win over 95 % ones. */
export type FunnelPosition = 'ABOVE_998' | 'ABOVE_95' | 'WITHIN' | 'BELOW_95' | 'BELOW_998';

export interface FunnelPlotUnit {
  readonly id: string;
  readonly events: number;
  readonly n: number;
  /** events / n; null when n = 0. */
  readonly rate: number | null;
  /** Limits at this unit's n; null when n = 0 or there is no target. */
  readonly limits: FunnelLimits | null;
  /** Strictly above the upper / strictly below the lower 95 % and 99.8 % limits. */
  readonly above95: boolean;
  readonly below95: boolean;
  readonly above998: boolean;
  readonly below998: boolean;
  /** null when there are no limits. */
  readonly position: FunnelPosition | null;
}

export interface FunnelCurvePoint extends FunnelLimits {
  readonly n: number;
}

export interface FunnelPlotResult {
  /** The given target, or the pooled rate Σ events / Σ n; null when Σ n = 0 and none given. */
  readonly target: number | null;
  readonly units: readonly FunnelPlotUnit[];
  /** The limit lines, at volumes spread geometrically from 1 to the largest unit's n. */
  readonly curve: readonly FunnelCurvePoint[];
}

const CURVE_POINT_COUNT = 60;

/**
 * Funnel plot of units' rates against their volume: each unit's rate, the exact binomial
 * limits (see `computeFunnelLimits`) at its own n, and whether it lies beyond them. The target
 * defaults to the pooled rate of all units given (the site rate when all the site's units are
 * passed). Units keep the order given.
 */
export function computeFunnelPlot(
  units: readonly FunnelUnit[],
  target?: number,
  /** Distributions to share with later computations over the same units (p-values). */
  distributions?: BinomialDistributions,
): FunnelPlotResult {
  for (const unit of units) {
    assertCount(unit.events, `events (${unit.id})`);
    assertCount(unit.n, `n (${unit.id})`);
    if (unit.events > unit.n) throw new RangeError(`events cannot exceed n (${unit.id}).`);
  }
  if (target !== undefined) assertProbability(target, 'target');
  const totalEvents = units.reduce((sum, unit) => sum + unit.events, 0);
  const totalN = units.reduce((sum, unit) => sum + unit.n, 0);
  const resolvedTarget = target ?? (totalN > 0 ? totalEvents / totalN : null);

  const plotted = units.map((unit): FunnelPlotUnit => {
    const rate = unit.n > 0 ? unit.events / unit.n : null;
    const limits =
      resolvedTarget !== null && unit.n > 0
        ? computeFunnelLimits(resolvedTarget, unit.n, distributions)
        : null;
    if (rate === null || limits === null) {
      return {
        id: unit.id,
        events: unit.events,
        n: unit.n,
        rate,
        limits,
        above95: false,
        below95: false,
        above998: false,
        below998: false,
        position: null,
      };
    }
    const above95 = rate > limits.upper95;
    const below95 = rate < limits.lower95;
    const above998 = rate > limits.upper998;
    const below998 = rate < limits.lower998;
    return {
      id: unit.id,
      events: unit.events,
      n: unit.n,
      rate,
      limits,
      above95,
      below95,
      above998,
      below998,
      position: above998
        ? 'ABOVE_998'
        : below998
          ? 'BELOW_998'
          : above95
            ? 'ABOVE_95'
            : below95
              ? 'BELOW_95'
              : 'WITHIN',
    };
  });

  const largestN = units.reduce((largest, unit) => Math.max(largest, unit.n), 0);
  const curve =
    resolvedTarget === null
      ? []
      : spreadVolumes(largestN).map((n) => ({ n, ...computeFunnelLimits(resolvedTarget, n) }));
  return { target: resolvedTarget, units: plotted, curve };
}

/** Up to CURVE_POINT_COUNT distinct integer volumes from 1 to largestN, denser at small n. */
function spreadVolumes(largestN: number): number[] {
  if (largestN < 1) return [];
  const volumes = new Set<number>();
  for (let index = 0; index < CURVE_POINT_COUNT; index += 1) {
    volumes.add(Math.round(largestN ** (index / (CURVE_POINT_COUNT - 1))));
  }
  volumes.add(largestN);
  return [...volumes].sort((left, right) => left - right);
}
