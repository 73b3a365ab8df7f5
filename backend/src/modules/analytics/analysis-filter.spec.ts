import { addMonths, analysisScopeOf, assertMonth, monthsBetween } from './analysis-filter.js';
import type { Principal } from '../auth/principal.js';
import { AnalyticsError, analyticsInputError } from './analytics.exception.js';

describe('analysis-filter months', () => {
  it('adds and subtracts months across years', () => {
    expect(addMonths('2024-03', -1)).toBe('2024-02');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-01', -13)).toBe('2022-12');
    expect(addMonths('2023-11', 3)).toBe('2024-02');
  });

  it('counts months inclusively', () => {
    expect(monthsBetween('2024-03', '2024-03')).toBe(1);
    expect(monthsBetween('2023-11', '2024-02')).toBe(4);
  });

  it('refuses anything but YYYY-MM in one sentence', () => {
    expect(() => assertMonth('2024-13', 'from')).toThrow(
      analyticsInputError('from "2024-13" is not a month; use YYYY-MM.'),
    );
    expect(() => assertMonth('2024-3', 'to')).toThrow(AnalyticsError);
    expect(() => assertMonth(null, 'to')).not.toThrow();
  });
});

describe('analysisScopeOf', () => {
  const principal = (role: Principal['role'], departments: string[] | null): Principal => ({
    kind: 'user',
    userId: '1',
    tokenId: null,
    email: 'a@b.c',
    role,
    departments,
    sessionId: null,
  });

  it('limits only a department-scoped quality manager', () => {
    expect(analysisScopeOf(principal('QUALITY_MANAGER', ['Surgery']))).toEqual(['Surgery']);
    expect(analysisScopeOf(principal('QUALITY_MANAGER', null))).toBeNull();
    expect(analysisScopeOf(principal('COMMITTEE', ['Surgery']))).toBeNull();
    expect(analysisScopeOf(principal('AUDITOR', null))).toBeNull();
  });
});
