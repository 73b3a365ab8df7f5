import { graphql } from '../../../generated/gql.js';

/** Per indication group, the away-switch rate by dose-history band, and the pooled odds ratio. */
export const DOSE_HISTORY_SENSITIVITY_QUERY = graphql(`
  query DoseHistorySensitivity($filter: AnalysisFilter) {
    doseHistorySensitivity(filter: $filter) {
      pooled {
        ...DoseHistoryOddsRatioFields
      }
      groups {
        indicationGroup
        flat
        oddsRatio {
          ...DoseHistoryOddsRatioFields
        }
        bands {
          band
          opportunities
          awaySwitches
          rate
          lower95
          upper95
        }
      }
    }
  }
`);
