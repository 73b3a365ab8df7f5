import { describeFilterMonths, formatPeriod } from './format-period.js';

describe('formatPeriod', () => {
  it('names one month, a range within a year and a range across years', () => {
    expect(formatPeriod('2025-03', '2025-03')).toBe('Mar 2025');
    expect(formatPeriod('2025-01', '2025-03')).toBe('Jan – Mar 2025');
    expect(formatPeriod('2024-11', '2025-02')).toBe('Nov 2024 – Feb 2025');
    expect(formatPeriod(null, null)).toBe('no months loaded');
  });
});

describe('describeFilterMonths', () => {
  it('reads an open range', () => {
    expect(describeFilterMonths(null, null)).toBe('All months loaded');
    expect(describeFilterMonths('2025-02', null)).toBe('Feb 2025 onwards');
    expect(describeFilterMonths(null, '2025-02')).toBe('Up to Feb 2025');
    expect(describeFilterMonths('2025-02', '2025-04')).toBe('Feb – Apr 2025');
  });
});
