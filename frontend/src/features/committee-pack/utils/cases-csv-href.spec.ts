import { EMPTY_ANALYSIS_FILTER } from '../../../app/analysis-filter.js';
import { casesCsvHref } from './cases-csv-href.js';

describe('casesCsvHref', () => {
  it('names the filter the way GET /exports/cases.csv reads it', () => {
    expect(
      casesCsvHref({
        ...EMPTY_ANALYSIS_FILTER,
        from: '2025-01',
        to: '2025-03',
        departments: ['Emergency', 'Obstetrics & Gynaecology'],
        settings: ['ED'],
      }),
    ).toBe(
      '/exports/cases.csv?from=2025-01&to=2025-03&departments=Emergency&departments=Obstetrics+%26+Gynaecology&settings=ED',
    );
    expect(casesCsvHref(EMPTY_ANALYSIS_FILTER)).toBe('/exports/cases.csv');
  });
});
