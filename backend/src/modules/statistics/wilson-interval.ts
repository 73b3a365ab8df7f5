import { assertCount } from './assert-count.js';

/** qnorm(0.975). */
const Z_975 = 1.959963984540054;

export interface WilsonInterval {
  readonly lower95: number;
  readonly upper95: number;
}

/**
 * Wilson score 95 % interval of a proportion events / n (Wilson 1927; Newcombe 1998, method 3):
 *
 *   centre = (p + z²/2n) / (1 + z²/n),  half = z·sqrt(p(1 − p)/n + z²/4n²) / (1 + z²/n)
 *
 * It stays inside [0, 1] and behaves at 0 and n events, where the Wald interval collapses.
 * null when n = 0.
 */
export function computeWilsonInterval(events: number, n: number): WilsonInterval | null {
  assertCount(events, 'events');
  assertCount(n, 'n');
  if (events > n) throw new RangeError('events cannot exceed n.');
  if (n === 0) return null;
  const p = events / n;
  const z2 = Z_975 * Z_975;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z_975 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return {
    lower95: events === 0 ? 0 : Math.max(0, centre - half),
    upper95: events === n ? 1 : Math.min(1, centre + half),
  };
}
