import { EMPTY_ANALYSIS_FILTER } from '../../../app/analysis-filter.js';
import { describeScope } from './describe-scope.js';

describe('describeScope', () => {
  it('names the whole site when nothing is filtered', () => {
    expect(describeScope({ ...EMPTY_ANALYSIS_FILTER, from: '2025-01' })).toBe(
      'Whole site, every order',
    );
  });

  it('names each restriction', () => {
    expect(
      describeScope({
        ...EMPTY_ANALYSIS_FILTER,
        departments: ['Emergency Medicine'],
        clinicians: ['C-3F9A2B'],
        settings: ['ED', 'IP'],
        populations: ['ADULT'],
      }),
    ).toBe('Emergency Medicine; clinician C-3F9A2B; emergency and inpatient orders; adults');
  });
});
