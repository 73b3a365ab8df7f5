import { graphql } from '../../../generated/gql.js';

/** The current appropriateness table, to edit. */
export const APPROPRIATENESS_TABLE_QUERY = graphql(`
  query AppropriatenessTable {
    appropriatenessTable {
      referenceVersion
      groups {
        indicationGroup
        needsIodinatedContrast
        description
      }
      rows {
        indicationGroup
        icd10Prefixes
        population
        modality
        rating
        basis
      }
    }
  }
`);

export const REFERENCE_VERSIONS_QUERY = graphql(`
  query ReferenceVersions {
    referenceVersions {
      version
      createdAt
      note
      current
    }
  }
`);

/** The edited table as a new reference version; the orders are reassessed under it. */
export const CREATE_REFERENCE_VERSION_MUTATION = graphql(`
  mutation CreateReferenceVersion($input: CreateReferenceVersionInput!) {
    createReferenceVersion(input: $input) {
      created
      reassessmentRunId
      version {
        version
        createdAt
        note
        current
      }
    }
  }
`);
