import { graphql } from '../../generated/gql.js';

/**
 * What the filter bar offers: the months loaded, and the clinicians and indication groups with
 * opportunities in the caller's scope (departments come from `me.visibleDepartments`).
 */
export const FILTER_OPTIONS_QUERY = graphql(`
  query FilterOptions {
    monthlyConflictTrend {
      months {
        month
      }
    }
    clinicians: practiceVariation(by: CLINICIAN) {
      rows {
        key
        label
      }
    }
    indicationGroups: practiceVariation(by: INDICATION_GROUP) {
      rows {
        key
        label
      }
    }
  }
`);
