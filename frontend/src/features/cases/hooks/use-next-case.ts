import { useQuery } from '@apollo/client/react';
import { CASES_QUERY } from '../graphql/cases.graphql.js';
import { useCaseListVariables } from './use-case-list.js';

/**
 * The case after `caseId` in the list the user came from (same filters, order and page, read
 * from the URL), or the first of the next page; null when it is the last.
 */
export const useNextCase = (
  caseId: string,
): { readonly nextId: string | null; readonly after: string | null; readonly loading: boolean } => {
  const { params, filter, orderBy } = useCaseListVariables();
  const page = useQuery(CASES_QUERY, {
    variables: { filter, orderBy, first: params.pageSize, after: params.after },
  });
  const edges = page.data?.cases.edges ?? [];
  const index = edges.findIndex((edge) => edge.node.id === caseId);
  const atEnd = index >= 0 && index === edges.length - 1;
  const endCursor = page.data?.cases.pageInfo.endCursor ?? null;
  const following = useQuery(CASES_QUERY, {
    variables: { filter, orderBy, first: 1, after: endCursor },
    skip: !atEnd || !page.data?.cases.pageInfo.hasNextPage || endCursor === null,
  });
  if (index >= 0 && !atEnd) {
    return { nextId: edges[index + 1]?.node.id ?? null, after: params.after, loading: false };
  }
  if (atEnd) {
    const next = following.data?.cases.edges[0]?.node.id ?? null;
    return { nextId: next, after: endCursor, loading: following.loading };
  }
  // not on this page (opened from a link): the list's first case other than this one
  const first = edges.find((edge) => edge.node.id !== caseId)?.node.id ?? null;
  return { nextId: first, after: params.after, loading: page.loading };
};
