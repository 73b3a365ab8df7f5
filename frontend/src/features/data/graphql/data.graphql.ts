import { graphql } from '../../../generated/gql.js';

/** Import runs, newest first, with their counts. */
export const INGEST_RUNS_QUERY = graphql(`
  query IngestRuns($first: Int, $after: String) {
    ingestRuns(first: $first, after: $after) {
      nodes {
        id
        source
        kind
        status
        target
        files
        startedBy
        message
        startedAt
        finishedAt
        rowsRead
        rowsLoaded
        rowsRejected
        warnings
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** A run's rejected records with their reasons. */
export const REJECTIONS_QUERY = graphql(`
  query Rejections($runId: ID, $first: Int, $after: String) {
    rejections(runId: $runId, first: $first, after: $after) {
      totalCount
      nodes {
        runId
        file
        line
        field
        reason
        raw
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
