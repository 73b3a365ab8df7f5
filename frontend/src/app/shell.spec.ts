import { readCsrfToken } from './apollo-client.js';
import { navigationFor, showsAnalysisFilter } from './navigation.js';
import { safeNextPath } from './safe-next-path.js';

describe('safeNextPath', () => {
  it('returns to a page of the dashboard only', () => {
    expect(safeNextPath('/variation?by=CLINICIAN')).toBe('/variation?by=CLINICIAN');
    expect(safeNextPath(null)).toBe('/');
    expect(safeNextPath('https://elsewhere.example/')).toBe('/');
    expect(safeNextPath('//elsewhere.example/')).toBe('/');
  });
});

describe('navigationFor', () => {
  it('shows Data and Settings to administrators only', () => {
    const labels = (role: Parameters<typeof navigationFor>[0]) =>
      navigationFor(role).map((item) => item.label);
    expect(labels('ADMIN')).toEqual([
      'Overview',
      'Cases',
      'Trend',
      'Dose history',
      'Practice variation',
      'Committee pack',
      'Data',
      'Settings',
    ]);
    for (const role of ['QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR'] as const) {
      expect(labels(role)).not.toContain('Data');
      expect(labels(role)).not.toContain('Settings');
    }
  });

  it('shows the filter bar on the analysis pages and the cases list', () => {
    expect(['/', '/cases', '/sensitivity', '/variation', '/pack'].map(showsAnalysisFilter)).toEqual(
      [true, true, true, true, true],
    );
    expect(['/data', '/settings', '/cases/abc', '/trend'].map(showsAnalysisFilter)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('readCsrfToken', () => {
  it('reads the cg_csrf cookie among others', () => {
    expect(readCsrfToken('theme=dark; cg_csrf=abc%3D123; other=1')).toBe('abc=123');
    expect(readCsrfToken('theme=dark')).toBeNull();
  });
});
