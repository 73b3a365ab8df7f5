import { formatMonthLabel, listMonthsBetween } from './month-keys.js';

describe('listMonthsBetween', () => {
  it('lists every month inclusive across a year end', () => {
    expect(listMonthsBetween('2024-11', '2025-02')).toEqual([
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
    ]);
  });

  it('lists one month when first and last are equal, none when reversed', () => {
    expect(listMonthsBetween('2025-06', '2025-06')).toEqual(['2025-06']);
    expect(listMonthsBetween('2025-06', '2025-05')).toEqual([]);
  });

  it('rejects a month that is not YYYY-MM', () => {
    expect(() => listMonthsBetween('2025-13', '2025-12')).toThrow('Expected a month as YYYY-MM');
  });
});

describe('formatMonthLabel', () => {
  it('writes the short English month and the year', () => {
    expect(formatMonthLabel('2024-03')).toBe('Mar 2024');
    expect(formatMonthLabel('2025-12')).toBe('Dec 2025');
  });
});
