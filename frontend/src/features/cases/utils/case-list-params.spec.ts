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
        'status=open&status=bogus&signal=E5&signal=E3&sort=date-asc&mine=1&size=10&after=abc&level=PROBABLE',
      ),
    );
    expect(params).toEqual({
      reviewStatuses: ['OPEN'],
      signals: ['E3', 'E5'],
      sort: 'DATE',
      direction: 'ASC',
      assignedToMe: true,
      pageSize: 10,
      after: 'abc',
    });
  });

  it('gives the defaults for an empty URL: highest score first, 50 a page', () => {
    expect(parseCaseListParams(new URLSearchParams(''))).toEqual(DEFAULT_CASE_LIST_PARAMS);
    expect(parseCaseListParams(new URLSearchParams('size=7')).pageSize).toBe(50);
  });

  it('writes only what differs from the defaults and keeps the global filters', () => {
    const written = writeCaseListParams(
      { ...DEFAULT_CASE_LIST_PARAMS, reviewStatuses: ['OPEN', 'ASSIGNED'], sort: 'DATE' },
      new URLSearchParams('from=2025-01&department=ED&level=POSSIBLE&status=REVIEWED&after=xyz'),
    );
    expect(written.toString()).toBe(
      'from=2025-01&department=ED&level=POSSIBLE&status=OPEN&status=ASSIGNED&sort=date-desc',
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
