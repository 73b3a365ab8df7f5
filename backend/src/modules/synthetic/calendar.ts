/** Time helpers in UTC epoch milliseconds, with PostgreSQL's calendar-interval arithmetic. */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const MS_PER_YEAR = 365.25 * MS_PER_DAY;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Start of the given ISO date (YYYY-MM-DD) in UTC. */
export const parseIsoDateMs = (isoDate: string): number => {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new Error(`Expected an ISO date like 2026-10-31, got "${isoDate}".`);
  const [, year, month, day] = match;
  const value = Date.UTC(Number(year), Number(month) - 1, Number(day));
  if (new Date(value).toISOString().slice(0, 10) !== isoDate) {
    throw new Error(`"${isoDate}" is not a calendar date.`);
  }
  return value;
};

/**
 * `timestamp - interval 'n months'` as PostgreSQL computes it: same day of month and time of
 * day, the day clipped to the last day of the target month (31 March - 1 month = 28/29 Feb).
 */
export const subtractCalendarMonths = (timeMs: number, months: number): number => {
  const date = new Date(timeMs);
  const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() - months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  const timeOfDayMs =
    timeMs - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return Date.UTC(year, month, day) + timeOfDayMs;
};

/** ISO 8601 with `Z`, to the second: 2026-03-04T10:22:05Z. */
export const formatTimestamp = (timeMs: number): string =>
  new Date(Math.floor(timeMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export const formatDate = (timeMs: number): string => new Date(timeMs).toISOString().slice(0, 10);

/** Whole years of age on a date, as a birthday count. */
export const computeAgeYears = (birthDateMs: number, atMs: number): number => {
  const birth = new Date(birthDateMs);
  const at = new Date(atMs);
  let age = at.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    at.getUTCMonth() < birth.getUTCMonth() ||
    (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
};
