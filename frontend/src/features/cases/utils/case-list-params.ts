import {
  REVIEW_STATUS_LABELS,
  SIGNAL_LABELS,
  type ReviewStatusCode,
  type SignalCodeValue,
} from './case-labels.js';

export type CaseSortField = 'SCORE' | 'DATE' | 'LEVEL';
export type CaseSortDirection = 'ASC' | 'DESC';

/**
 * The case list's own filters, sort and page, as the URL carries them. The levels, months,
 * departments and the other global filters are the analysis filter's (app/use-analysis-filter).
 */
export interface CaseListParams {
  readonly reviewStatuses: readonly ReviewStatusCode[];
  readonly signals: readonly SignalCodeValue[];
  readonly sort: CaseSortField;
  readonly direction: CaseSortDirection;
  readonly assignedToMe: boolean;
  /** Cases per page: one of PAGE_SIZES. */
  readonly pageSize: number;
  /** Cursor of the page shown; null: the first page. */
  readonly after: string | null;
}

export const DEFAULT_CASE_LIST_PARAMS: CaseListParams = {
  reviewStatuses: [],
  signals: [],
  sort: 'SCORE',
  direction: 'DESC',
  assignedToMe: false,
  pageSize: 50,
  after: null,
};

export const PAGE_SIZES: readonly number[] = [10, 25, 50, 100];

/** The URL keys this list owns; every other key (the global filters) is left as it is. */
export const CASE_LIST_KEYS = ['status', 'signal', 'sort', 'mine', 'size', 'after'] as const;

const SORTS: readonly CaseSortField[] = ['SCORE', 'DATE', 'LEVEL'];

/** A list is the key repeated once per value (`status=OPEN&status=ASSIGNED`), as the global filters. */
const listOf = <T extends string>(raw: readonly string[], allowed: readonly T[]): T[] => {
  const wanted = new Set(raw.map((value) => value.trim().toUpperCase()));
  // in the allowed order, so two URLs that differ only in order give the same list
  return allowed.filter((value) => wanted.has(value));
};

/** Reads the list's state from the URL; unknown values are ignored, not errors. */
export const parseCaseListParams = (search: URLSearchParams): CaseListParams => {
  const [field, direction] = (search.get('sort') ?? '').toUpperCase().split('-');
  const sort = SORTS.find((candidate) => candidate === field) ?? DEFAULT_CASE_LIST_PARAMS.sort;
  return {
    reviewStatuses: listOf(
      search.getAll('status'),
      Object.keys(REVIEW_STATUS_LABELS) as ReviewStatusCode[],
    ),
    signals: listOf(search.getAll('signal'), Object.keys(SIGNAL_LABELS) as SignalCodeValue[]),
    sort,
    direction:
      direction === 'ASC' || direction === 'DESC'
        ? direction
        : sort === 'SCORE'
          ? 'DESC'
          : DEFAULT_CASE_LIST_PARAMS.direction,
    assignedToMe: search.get('mine') === '1',
    pageSize:
      PAGE_SIZES.find((size) => String(size) === search.get('size')) ??
      DEFAULT_CASE_LIST_PARAMS.pageSize,
    after: search.get('after') || null,
  };
};

/**
 * The URL for the given state: the list's keys rewritten (defaults left out, so the plain list
 * has a plain URL), every other key kept.
 */
export const writeCaseListParams = (
  params: CaseListParams,
  current: URLSearchParams,
): URLSearchParams => {
  const next = new URLSearchParams(current);
  for (const key of CASE_LIST_KEYS) next.delete(key);
  for (const status of params.reviewStatuses) next.append('status', status);
  for (const signal of params.signals) next.append('signal', signal);
  if (
    params.sort !== DEFAULT_CASE_LIST_PARAMS.sort ||
    params.direction !== DEFAULT_CASE_LIST_PARAMS.direction
  ) {
    next.set('sort', `${params.sort.toLowerCase()}-${params.direction.toLowerCase()}`);
  }
  if (params.assignedToMe) next.set('mine', '1');
  if (params.pageSize !== DEFAULT_CASE_LIST_PARAMS.pageSize)
    next.set('size', String(params.pageSize));
  if (params.after) next.set('after', params.after);
  return next;
};

/** A change of filter or sort starts again at the first page. */
export const changeCaseListParams = (
  params: CaseListParams,
  change: Partial<Omit<CaseListParams, 'after'>>,
): CaseListParams => ({ ...params, ...change, after: null });
