import { graphql } from '../../../generated/gql.js';

/** The reviewed cases of a month, for the pack's tally of dispositions (de-identified fields only). */
export const PACK_REVIEWED_CASES_QUERY = graphql(`
  query PackReviewedCases($filter: CaseFilter, $first: Int) {
    cases(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          level
          latestDisposition
        }
      }
    }
  }
`);
