import {
  DEFAULT_CASE_LIST_PARAMS,
  changeCaseListParams,
  parseCaseListParams,
  writeCaseListParams,
} from './case-list-params.js';

describe('case list URL parameters', () => {
  it('reads filters, sort and page, ignoring unknown values', () => {
    const params = parseCaseListParams(
      new URLSearchParams(
        'level=probable,DOCUMENTED,bogus&status=OPEN&signal=E3&sort=date-asc&mine=1&after=abc',
      ),
    );
    expect(params).toEqual({
      levels: ['DOCUMENTED', 'PROBABLE'],
      reviewStatuses: ['OPEN'],
      signals: ['E3'],
      sort: 'DATE',
      direction: 'ASC',
      assignedToMe: true,
      after: 'abc',
    });
  });

  it('gives the defaults for an empty URL: highest score first', () => {
    expect(parseCaseListParams(new URLSearchParams(''))).toEqual(DEFAULT_CASE_LIST_PARAMS);
  });

  it('writes only what differs from the defaults and keeps the global filters', () => {
    const written = writeCaseListParams(
      { ...DEFAULT_CASE_LIST_PARAMS, levels: ['PROBABLE'], reviewStatuses: ['OPEN', 'ASSIGNED'] },
      new URLSearchParams('from=2025-01&department=ED&level=POSSIBLE&after=xyz'),
    );
    expect(written.toString()).toBe(
      'from=2025-01&department=ED&level=PROBABLE&status=OPEN%2CASSIGNED',
    );
    expect(parseCaseListParams(written).reviewStatuses).toEqual(['OPEN', 'ASSIGNED']);
  });

  it('returns to the first page when a filter changes', () => {
    const onPageTwo = { ...DEFAULT_CASE_LIST_PARAMS, after: 'cursor-2' };
    expect(changeCaseListParams(onPageTwo, { signals: ['E1'] })).toEqual({
      ...DEFAULT_CASE_LIST_PARAMS,
      signals: ['E1'],
      after: null,
    });
  });
});
