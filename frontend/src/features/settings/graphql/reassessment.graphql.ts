import { graphql } from '../../../generated/gql.js';

/** The newest reassessment run (kind analyse): what the Settings page says is going on. */
export const LATEST_REASSESSMENT_QUERY = graphql(`
  query LatestReassessment {
    ingestRuns(kind: "analyse", first: 1) {
      nodes {
        id
        source
        status
        target
        startedBy
        startedAt
        finishedAt
        rowsRead
        message
      }
    }
  }
`);
