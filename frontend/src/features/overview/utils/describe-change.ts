const countFormat = new Intl.NumberFormat('en-US');
const oneDecimal = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const twoDecimals = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** How a figure is compared with the previous period. */
export type ChangeKind = 'count' | 'rate' | 'ratio' | 'excess';

export type ChangeDirection = 'up' | 'down' | 'same' | 'none';

export interface Change {
  readonly direction: ChangeDirection;
  /** e.g. "+12 (+8.5%)", "−0.42 percentage points", "No change", "No previous figure". */
  readonly text: string;
}

const MINUS = '\u2212';

const signed = (value: number, format: (value: number) => string): string =>
  value > 0 ? `+${format(value)}` : value < 0 ? `${MINUS}${format(-value)}` : format(0);

const directionOf = (difference: number): ChangeDirection =>
  difference > 0 ? 'up' : difference < 0 ? 'down' : 'same';

/**
 * The change of a headline figure from the previous period, in words fit for a tile:
 * counts as a difference and a relative change ("+12 (+8.5%)"); rates (proportions) in
 * percentage points ("+0.42 percentage points", two decimals); odds ratios and excess
 * away-switches as a plain difference. Null on either side gives "No previous figure".
 */
export const describeChange = (
  current: number | null,
  previous: number | null,
  kind: ChangeKind,
): Change => {
  if (current === null || previous === null)
    return { direction: 'none', text: 'No previous figure' };
  if (kind === 'count') {
    const difference = current - previous;
    if (difference === 0) return { direction: 'same', text: 'No change' };
    const formatted = signed(difference, (value) => countFormat.format(value));
    if (previous === 0) return { direction: 'up', text: `${formatted} (none before)` };
    const relative = (difference / previous) * 100;
    return {
      direction: directionOf(difference),
      text: `${formatted} (${signed(relative, (value) => oneDecimal.format(value))}%)`,
    };
  }
  if (kind === 'rate') {
    const points = Math.round((current - previous) * 100 * 100) / 100;
    if (points === 0) return { direction: 'same', text: 'No change' };
    return {
      direction: directionOf(points),
      text: `${signed(points, (value) => twoDecimals.format(value))} percentage points`,
    };
  }
  const difference =
    kind === 'ratio'
      ? Math.round((current - previous) * 100) / 100
      : Math.round((current - previous) * 10) / 10;
  if (difference === 0) return { direction: 'same', text: 'No change' };
  const format = kind === 'ratio' ? twoDecimals : oneDecimal;
  return {
    direction: directionOf(difference),
    text: signed(difference, (value) => format.format(value)),
  };
};
