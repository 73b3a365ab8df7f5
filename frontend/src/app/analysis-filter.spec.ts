import {
  analysisFilterSearch,
  EMPTY_ANALYSIS_FILTER,
  readAnalysisFilter,
  toAnalysisFilterInput,
  writeAnalysisFilter,
} from './analysis-filter.js';

describe('readAnalysisFilter', () => {
  it('reads months and repeated list parameters', () => {
    const filter = readAnalysisFilter(
      new URLSearchParams(
        'from=2025-01&to=2025-06&department=Emergency&department=Surgery&clinician=P-17&indicationGroup=PE&setting=ed&population=ADULT&level=PROBABLE&sort=score',
      ),
    );
    expect(filter).toEqual({
      from: '2025-01',
      to: '2025-06',
      departments: ['Emergency', 'Surgery'],
      clinicians: ['P-17'],
      indicationGroups: ['PE'],
      settings: ['ED'],
      populations: ['ADULT'],
      levels: ['PROBABLE'],
    });
  });

  it('drops bad months and unknown enum values, and turns a backwards range round', () => {
    const filter = readAnalysisFilter(
      new URLSearchParams('from=2025-09&to=2025-02&setting=XX&setting=OP&population=child'),
    );
    expect(filter.from).toBe('2025-02');
    expect(filter.to).toBe('2025-09');
    expect(filter.settings).toEqual(['OP']);
    expect(filter.populations).toEqual([]);
    expect(readAnalysisFilter(new URLSearchParams('from=2025-13&to=25-01')).from).toBeNull();
  });

  it('ignores blank and repeated values', () => {
    const filter = readAnalysisFilter(
      new URLSearchParams('department=&department=ED&department=ED'),
    );
    expect(filter.departments).toEqual(['ED']);
  });
});

describe('writeAnalysisFilter', () => {
  it('replaces the filter parameters and keeps the others', () => {
    const next = writeAnalysisFilter(
      new URLSearchParams('department=Old&sort=score&from=2024-01'),
      {
        ...EMPTY_ANALYSIS_FILTER,
        departments: ['Emergency', 'Surgery'],
        to: '2025-03',
      },
    );
    expect(next.toString()).toBe('to=2025-03&department=Emergency&department=Surgery&sort=score');
  });

  it('round-trips through readAnalysisFilter', () => {
    const filter = {
      ...EMPTY_ANALYSIS_FILTER,
      from: '2024-11',
      clinicians: ['C-3F9A2B'],
      levels: ['DOCUMENTED' as const, 'PROBABLE' as const],
    };
    expect(readAnalysisFilter(writeAnalysisFilter(new URLSearchParams(), filter))).toEqual(filter);
  });
});

describe('analysisFilterSearch and toAnalysisFilterInput', () => {
  it('give an empty search and a null input for no filter', () => {
    expect(analysisFilterSearch(EMPTY_ANALYSIS_FILTER)).toBe('');
    expect(toAnalysisFilterInput(EMPTY_ANALYSIS_FILTER)).toBeNull();
  });

  it('encode names with spaces and ampersands', () => {
    expect(analysisFilterSearch({ departments: ['Obstetrics & Gynaecology'] })).toBe(
      '?department=Obstetrics+%26+Gynaecology',
    );
  });

  it('send only the restricting fields', () => {
    expect(
      toAnalysisFilterInput({ ...EMPTY_ANALYSIS_FILTER, from: '2025-01', settings: ['IP'] }),
    ).toEqual({ from: '2025-01', settings: ['IP'] });
  });
});
