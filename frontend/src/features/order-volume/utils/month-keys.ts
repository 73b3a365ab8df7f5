const MONTH_KEY_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

interface YearMonth {
  readonly year: number;
  readonly month: number;
}

const parseMonthKey = (monthKey: string): YearMonth => {
  const match = MONTH_KEY_PATTERN.exec(monthKey);
  if (!match) throw new Error(`Expected a month as YYYY-MM, got "${monthKey}".`);
  return { year: Number(match[1]), month: Number(match[2]) };
};

const formatMonthKey = ({ year, month }: YearMonth): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;

/** Every month from `firstMonth` to `lastMonth` inclusive, both YYYY-MM; empty if reversed. */
export const listMonthsBetween = (firstMonth: string, lastMonth: string): string[] => {
  const first = parseMonthKey(firstMonth);
  const last = parseMonthKey(lastMonth);
  const months: string[] = [];
  let { year, month } = first;
  while (year < last.year || (year === last.year && month <= last.month)) {
    months.push(formatMonthKey({ year, month }));
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
};

/** '2024-03' → 'Mar 2024', independent of the browser's locale. */
export const formatMonthLabel = (monthKey: string): string => {
  const { year, month } = parseMonthKey(monthKey);
  return `${MONTH_NAMES[month - 1]} ${year}`;
};
