/** Numbers with their unit and thousands separators; instants in the site's time zone. */

const doseFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const countFormat = new Intl.NumberFormat('en-US');

/** "1,234.5 mSv"; "unknown" when the dose is not known. */
export const formatMsv = (value: number | null): string =>
  value === null ? 'unknown' : `${doseFormat.format(value)} mSv`;

export const formatCount = (value: number): string => countFormat.format(value);

/** A score 0–100 as a whole number. */
export const formatScore = (score: number): string => String(Math.round(score));

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat => {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    cache.set(timeZone, format);
  }
  return format;
};

/** "3 Jun 2024, 14:05" in the given IANA time zone. */
export const formatDateTime = (iso: string | number, timeZone: string): string =>
  formatterFor(dateTimeFormats, timeZone, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

/** "3 Jun 2024" in the given IANA time zone. */
export const formatDate = (iso: string | number, timeZone: string): string =>
  formatterFor(dateFormats, timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(iso),
  );
