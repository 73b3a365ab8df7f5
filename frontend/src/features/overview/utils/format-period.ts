import { formatMonthLabel } from '../../order-volume/utils/month-keys.js';

/** 'Mar 2025', 'Jan – Mar 2025', 'Nov 2024 – Feb 2025', or 'no months loaded'. */
export const formatPeriod = (from: string | null, to: string | null): string => {
  if (!from && !to) return 'no months loaded';
  const first = from ?? to!;
  const last = to ?? from!;
  if (first === last) return formatMonthLabel(first);
  const [firstMonth, firstYear] = formatMonthLabel(first).split(' ');
  const lastLabel = formatMonthLabel(last);
  return firstYear === lastLabel.split(' ')[1]
    ? `${firstMonth} – ${lastLabel}`
    : `${formatMonthLabel(first)} – ${lastLabel}`;
};

/** The months a filter asks for, where no months mean every month loaded. */
export const describeFilterMonths = (from: string | null, to: string | null): string => {
  if (from && to) return formatPeriod(from, to);
  if (from) return `${formatMonthLabel(from)} onwards`;
  if (to) return `Up to ${formatMonthLabel(to)}`;
  return 'All months loaded';
};
