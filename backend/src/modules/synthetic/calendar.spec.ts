import {
  computeAgeYears,
  formatTimestamp,
  parseIsoDateMs,
  subtractCalendarMonths,
} from './calendar.js';

describe('calendar helpers', () => {
  it('subtracts months as PostgreSQL intervals do, clipping to the month end', () => {
    const at = Date.parse('2026-03-31T10:15:00Z');
    expect(new Date(subtractCalendarMonths(at, 1)).toISOString()).toBe('2026-02-28T10:15:00.000Z');
    const leap = Date.parse('2024-02-29T00:00:00Z');
    expect(new Date(subtractCalendarMonths(leap, 12)).toISOString()).toBe(
      '2023-02-28T00:00:00.000Z',
    );
    const windowEnd = Date.parse('2026-11-01T00:00:00Z');
    expect(new Date(subtractCalendarMonths(windowEnd, 24)).toISOString()).toBe(
      '2024-11-01T00:00:00.000Z',
    );
    expect(new Date(subtractCalendarMonths(windowEnd, 60)).toISOString()).toBe(
      '2021-11-01T00:00:00.000Z',
    );
  });

  it('formats timestamps to the second with Z', () => {
    expect(formatTimestamp(Date.parse('2026-03-04T10:22:05.987Z'))).toBe('2026-03-04T10:22:05Z');
  });

  it('parses ISO dates and refuses impossible ones', () => {
    expect(parseIsoDateMs('2026-10-31')).toBe(Date.parse('2026-10-31T00:00:00Z'));
    expect(() => parseIsoDateMs('2026-02-30')).toThrow(/calendar date/);
    expect(() => parseIsoDateMs('31/10/2026')).toThrow(/ISO date/);
  });

  it('counts birthdays for age', () => {
    const birth = Date.parse('2000-06-15T00:00:00Z');
    expect(computeAgeYears(birth, Date.parse('2018-06-14T23:59:59Z'))).toBe(17);
    expect(computeAgeYears(birth, Date.parse('2018-06-15T00:00:00Z'))).toBe(18);
  });
});
