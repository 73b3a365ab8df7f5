import { graphql } from '../../../generated/gql.js';

/** One row of the case list (and the head of the case page). */
export const CASE_SUMMARY_FIELDS = graphql(`
  fragment CaseSummaryFields on CaseSummary {
    id
    orderId
    orderedAt
    month
    department
    clinician {
      key
      label
    }
    indicationGroup
    setting
    population
    requestedModality
    outcomeModality
    outcome
    level
    score
    band
    ced5yMsv
    signals
    exclusion
    reviewStatus
    latestDisposition
    assignee
  }
`);

/** A page of cases in the caller's scope. */
export const CASES_QUERY = graphql(`
  query Cases($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {
    cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...CaseSummaryFields
        }
      }
    }
  }
`);

/** Everything the case page shows; the review mutation answers with the same. */
export const CASE_DETAIL_FIELDS = graphql(`
  fragment CaseDetailFields on CaseDetail {
    summary {
      ...CaseSummaryFields
    }
    indicationCode
    indicationText
    comment
    doseAlertShown
    ced12mMsv
    cedAllMsv
    priorCts12m
    signals {
      code
      summary
      explanation
    }
    exclusionsConsidered {
      code
      applied
      detail
    }
    clinicianPattern {
      sentence
      oddsRatio
      lower95
      upper95
      compared
      qValue
    }
    changes {
      changedAt
      action
      newModality
      reason
    }
    patient {
      patientId
      birthDate
      sex
      ageAtOrder
    }
    timeline {
      orderedAt
      changedAt
      highThresholdMsv
      moderateThresholdMsv
      exams {
        accession
        performedAt
        modality
        bodyRegion
        effectiveDoseMsv
        doseSource
        cumulativeMsv
        ced5yMsv
        isCaseOrder
      }
    }
    reviews {
      id
      disposition
      note
      reviewer
      reviewedAt
    }
    versions {
      settingsVersion
      referenceVersion
      lexiconVersion
    }
  }
`);

export const CASE_QUERY = graphql(`
  query Case($id: ID!) {
    case(id: $id) {
      ...CaseDetailFields
    }
  }
`);

export const REVIEW_CASE_MUTATION = graphql(`
  mutation ReviewCase($input: ReviewCaseInput!) {
    reviewCase(input: $input) {
      ...CaseDetailFields
    }
  }
`);

/** Who the case can be assigned to (quality managers and administrators only). */
export const CASE_ASSIGNEES_QUERY = graphql(`
  query CaseAssignees($caseId: ID!) {
    caseAssignees(caseId: $caseId) {
      email
      role
    }
  }
`);

export const ASSIGN_CASE_MUTATION = graphql(`
  mutation AssignCase($input: AssignCaseInput!) {
    assignCase(input: $input) {
      ...CaseDetailFields
    }
  }
`);
