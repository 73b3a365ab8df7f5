import type { FunnelPosition, OddsRatioStatus } from '../../../generated/graphql.js';

/** The odds-ratio fields the committee's views show. */
export interface OddsRatioEstimate {
  readonly oddsRatio: number | null;
  readonly lower95: number | null;
  readonly upper95: number | null;
  readonly status: OddsRatioStatus;
}

const countFormat = new Intl.NumberFormat('en-US');

export const formatCount = (count: number): string => countFormat.format(count);

/** A proportion as a percentage, e.g. 0.009502 → "0.95%"; "—" when there is none. */
export const formatPercent = (rate: number | null, decimals = 2): string =>
  rate === null ? '—' : `${(rate * 100).toFixed(decimals)}%`;

const formatRatio = (value: number): string => value.toFixed(2);

/**
 * The Mantel–Haenszel odds ratio with its 95 % CI, e.g. "1.76 (1.44–2.16)", or why there is
 * none: no HIGH-band away-switch (OR 0), no LOW-band one to compare (unbounded), or no stratum
 * holding both bands.
 */
export const formatOddsRatio = (estimate: OddsRatioEstimate): string => {
  switch (estimate.status) {
    case 'ESTIMATED':
      return estimate.oddsRatio === null || estimate.lower95 === null || estimate.upper95 === null
        ? '—'
        : `${formatRatio(estimate.oddsRatio)} (${formatRatio(estimate.lower95)}–${formatRatio(estimate.upper95)})`;
    case 'ZERO':
      return '0 (no HIGH-band switch)';
    case 'INFINITE':
      return 'unbounded (no LOW-band switch)';
    case 'NO_INFORMATION':
      return 'not estimable';
  }
};

export type OddsRatioReading =
  'HIGHER_WITH_HIGH_DOSE' | 'LOWER_WITH_HIGH_DOSE' | 'NO_CLEAR_DIFFERENCE' | 'NOT_ESTIMABLE';

/** What the interval says: a CI entirely above 1 is the steering pattern. */
export const readOddsRatio = (estimate: OddsRatioEstimate): OddsRatioReading => {
  if (estimate.status !== 'ESTIMATED' || estimate.lower95 === null || estimate.upper95 === null) {
    return 'NOT_ESTIMABLE';
  }
  if (estimate.lower95 > 1) return 'HIGHER_WITH_HIGH_DOSE';
  if (estimate.upper95 < 1) return 'LOWER_WITH_HIGH_DOSE';
  return 'NO_CLEAR_DIFFERENCE';
};

export const ODDS_RATIO_READING_LABELS: Readonly<Record<OddsRatioReading, string>> = {
  HIGHER_WITH_HIGH_DOSE: 'More switches with high dose history',
  LOWER_WITH_HIGH_DOSE: 'Fewer switches with high dose history',
  NO_CLEAR_DIFFERENCE: 'No clear difference',
  NOT_ESTIMABLE: 'Too few orders',
};

/** Excess away-switches with a sign and one decimal: "+78.8", "−1.3", "0.0". */
export const formatExcess = (excess: number): string => {
  const rounded = Math.round(excess * 10) / 10;
  if (rounded > 0) return `+${rounded.toFixed(1)}`;
  if (rounded < 0) return `−${Math.abs(rounded).toFixed(1)}`;
  return '0.0';
};

export const FUNNEL_POSITION_LABELS: Readonly<Record<FunnelPosition, string>> = {
  ABOVE_998: 'Above 99.8% limit',
  ABOVE_95: 'Above 95% limit',
  WITHIN: 'Within limits',
  BELOW_95: 'Below 95% limit',
  BELOW_998: 'Below 99.8% limit',
};

/** A department's name, or what orders without one are called. */
export const formatDepartment = (department: string | null): string =>
  department ?? 'No department recorded';
