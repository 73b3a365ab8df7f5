/**
 * DICOM DA, TM, DT and AS values to ISO 8601. DICOM dates and times carry no zone unless a
 * Timezone Offset From UTC (or a DT suffix) gives one; without it, local time is read as UTC.
 */

export interface TimeOfDay {
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly milliseconds: number;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

const isValidDate = (year: number, month: number, day: number): boolean => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
};

/** A DA value (YYYYMMDD; the retired YYYY.MM.DD too) as YYYY-MM-DD, or null. */
export const parseDicomDate = (value: string | null): string | null => {
  const match = value?.trim().match(/^(\d{4})[.-]?(\d{2})[.-]?(\d{2})$/);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidDate(year, month, day) ? `${match[1]}-${match[2]}-${match[3]}` : null;
};

/** A TM value (HH, HHMM, HHMMSS, HHMMSS.FFFFFF; the retired HH:MM:SS too), or null. */
export const parseDicomTime = (value: string | null): TimeOfDay | null => {
  const match = value?.trim().match(/^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.(\d{1,6}))?)?)?$/);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const seconds = Number(match[3] ?? '0');
  const milliseconds = Math.floor(Number(`0.${match[4] ?? '0'}`) * 1000);
  // 60 is a leap second in DICOM; fold it into the next minute through Date arithmetic.
  if (hours > 23 || minutes > 59 || seconds > 60) return null;
  return { hours, minutes, seconds, milliseconds };
};

/** A UTC offset (+HHMM / -HHMM) in minutes, or null. */
export const parseUtcOffsetMinutes = (value: string | null): number | null => {
  const match = value?.trim().match(/^([+-])(\d{2})(\d{2})$/);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
};

export interface IsoDateTime {
  /** Local date-time as encoded, no zone: YYYY-MM-DDTHH:MM:SS.sss. */
  readonly local: string;
  /** UTC instant (offset applied when known, else local read as UTC): ...Z. */
  readonly utc: string;
}

/** A date (YYYY-MM-DD) and time of day with an optional UTC offset. */
export const combineDateAndTime = (
  isoDate: string,
  time: TimeOfDay | null,
  offsetMinutes: number | null,
): IsoDateTime => {
  const clock = time ?? { hours: 0, minutes: 0, seconds: 0, milliseconds: 0 };
  const local = `${isoDate}T${pad(clock.hours)}:${pad(clock.minutes)}:${pad(clock.seconds)}.${pad(clock.milliseconds, 3)}`;
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const epoch =
    Date.UTC(year, month - 1, day, clock.hours, clock.minutes, clock.seconds, clock.milliseconds) -
    (offsetMinutes ?? 0) * 60_000;
  return { local, utc: new Date(epoch).toISOString() };
};

/**
 * A DT value (YYYYMMDDHHMMSS.FFFFFF&ZZXX, trailing components optional) as date-times, or null.
 * The DT's own offset wins over `defaultOffsetMinutes` (the file's Timezone Offset From UTC).
 */
export const parseDicomDateTime = (
  value: string | null,
  defaultOffsetMinutes: number | null = null,
): IsoDateTime | null => {
  const match = value
    ?.trim()
    .match(/^(\d{8})(\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)?([+-]\d{4})?$/);
  if (!match) return null;
  const isoDate = parseDicomDate(match[1] ?? null);
  if (isoDate === null) return null;
  const time = match[2] === undefined ? null : parseDicomTime(match[2]);
  if (match[2] !== undefined && time === null) return null;
  const offset = match[3] === undefined ? defaultOffsetMinutes : parseUtcOffsetMinutes(match[3]);
  return combineDateAndTime(isoDate, time, offset);
};

const DAYS_PER_YEAR = 365.25;
const AGE_UNIT_IN_YEARS: Readonly<Record<string, number>> = {
  D: 1 / DAYS_PER_YEAR,
  W: 7 / DAYS_PER_YEAR,
  M: 1 / 12,
  Y: 1,
};

/** An AS value (nnnD, nnnW, nnnM, nnnY) in years, or null. */
export const parseDicomAgeYears = (value: string | null): number | null => {
  const match = value?.trim().match(/^(\d{1,3})\s*([DWMY])$/i);
  if (!match) return null;
  const unit = AGE_UNIT_IN_YEARS[(match[2] ?? '').toUpperCase()];
  return unit === undefined ? null : Number(match[1]) * unit;
};

/** Whole years between two ISO dates (age at a date), or null when either is missing. */
export const computeAgeYears = (birthDate: string | null, atDate: string | null): number | null => {
  if (birthDate === null || atDate === null) return null;
  const [birthYear, birthMonth, birthDay] = birthDate.split('-').map(Number) as [
    number,
    number,
    number,
  ];
  const [year, month, day] = atDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = month > birthMonth || (month === birthMonth && day >= birthDay);
  const years = year - birthYear - (hadBirthday ? 0 : 1);
  return years >= 0 ? years : null;
};
