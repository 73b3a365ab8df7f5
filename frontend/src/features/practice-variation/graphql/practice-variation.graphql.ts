import { graphql } from '../../../generated/gql.js';

export const PRACTICE_VARIATION_ROW_FIELDS = graphql(`
  fragment PracticeVariationRowFields on PracticeVariationRow {
    key
    label
    opportunities
    awaySwitches
    conflicts
    rate
    position
    outsideAfterMultiplicity
    qValue
    limits {
      lower95
      upper95
      lower998
      upper998
    }
    doseHistoryOddsRatio {
      ...DoseHistoryOddsRatioFields
    }
    excessAwaySwitches {
      ...ExcessAwaySwitchesFields
    }
  }
`);

/** Departments, clinicians or indication groups against funnel limits around the site rate. */
export const PRACTICE_VARIATION_QUERY = graphql(`
  query PracticeVariation(
    $by: VariationDimension!
    $measure: FunnelMeasure
    $filter: AnalysisFilter
  ) {
    practiceVariation(by: $by, measure: $measure, filter: $filter) {
      by
      measure
      targetRate
      compared
      rows {
        ...PracticeVariationRowFields
      }
      funnelCurve {
        opportunities
        lower95
        upper95
        lower998
        upper998
      }
    }
  }
`);
