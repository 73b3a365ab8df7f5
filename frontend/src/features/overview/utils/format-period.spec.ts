import { formatPeriod } from './format-period.js';

describe('formatPeriod', () => {
  it('names one month, a range within a year and a range across years', () => {
    expect(formatPeriod('2025-03', '2025-03')).toBe('Mar 2025');
    expect(formatPeriod('2025-01', '2025-03')).toBe('Jan – Mar 2025');
    expect(formatPeriod('2024-11', '2025-02')).toBe('Nov 2024 – Feb 2025');
    expect(formatPeriod(null, null)).toBe('no months loaded');
  });
});
