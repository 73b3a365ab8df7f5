import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import type { CaseQuery } from '../../../generated/graphql.js';
import { CASE_QUERY, CASES_QUERY } from '../graphql/cases.graphql.js';

/**
 * A mutation whose answer is the whole case (a review, an assignment): the case page shows the
 * answer at once from the cache, and the list, which shows each case's assignee and review
 * status, is asked again.
 */
export function useCaseMutation<TData, TVariables extends OperationVariables>(
  mutation: TypedDocumentNode<TData, TVariables>,
  caseId: string,
  answer: (data: TData) => CaseQuery['case'],
) {
  return useMutation(mutation, {
    update(cache, { data }) {
      if (data) {
        cache.writeQuery({
          query: CASE_QUERY,
          variables: { id: caseId },
          data: { __typename: 'Query', case: answer(data) },
        });
      }
    },
    refetchQueries: [CASES_QUERY],
  });
}
