import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { useAnalysisFilter } from '../../../app/use-analysis-filter.js';
import type { CaseFilter, CaseOrder, CasesQuery } from '../../../generated/graphql.js';
import { CASES_QUERY } from '../graphql/cases.graphql.js';
import { parseCaseListParams, type CaseListParams } from '../utils/case-list-params.js';

export type CaseRow = CasesQuery['cases']['edges'][number]['node'];

/** The variables of the case list for the URL's filters; the case page asks the same. */
export const useCaseListVariables = (): {
  readonly params: CaseListParams;
  readonly filter: CaseFilter | null;
  readonly orderBy: CaseOrder;
} => {
  const [search] = useSearchParams();
  const { input } = useAnalysisFilter();
  const key = search.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const params = useMemo(() => parseCaseListParams(search), [key]);
  const filter = useMemo((): CaseFilter | null => {
    const caseFilter: CaseFilter = {};
    if (input) caseFilter.analysis = input;
    if (params.reviewStatuses.length > 0) caseFilter.reviewStatuses = [...params.reviewStatuses];
    if (params.signals.length > 0) caseFilter.signals = [...params.signals];
    if (params.assignedToMe) caseFilter.assignedToMe = true;
    return Object.keys(caseFilter).length > 0 ? caseFilter : null;
  }, [input, params]);
  const orderBy = useMemo(
    (): CaseOrder => ({ field: params.sort, direction: params.direction }),
    [params.sort, params.direction],
  );
  return { params, filter, orderBy };
};

export type CaseListState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: unknown }
  | {
      readonly status: 'ready';
      readonly rows: readonly CaseRow[];
      readonly totalCount: number;
      readonly endCursor: string | null;
      readonly hasNextPage: boolean;
      readonly refreshing: boolean;
      /** The rows are the previous page's, shown while the asked page loads. */
      readonly stale: boolean;
    };

/** One page of the case list; the previous page stays shown while the next loads. */
export const useCaseList = (): CaseListState & { readonly params: CaseListParams } => {
  const { params, filter, orderBy } = useCaseListVariables();
  const { data, previousData, error, loading } = useQuery(CASES_QUERY, {
    variables: { filter, orderBy, first: params.pageSize, after: params.after },
    fetchPolicy: 'cache-and-network',
  });
  if (error) return { status: 'error', error, params };
  const shown = data ?? previousData;
  if (!shown) return { status: 'loading', params };
  return {
    status: 'ready',
    rows: shown.cases.edges.map((edge) => edge.node),
    totalCount: shown.cases.totalCount,
    endCursor: shown.cases.pageInfo.endCursor,
    hasNextPage: shown.cases.pageInfo.hasNextPage,
    refreshing: loading,
    stale: data === undefined,
    params,
  };
};
