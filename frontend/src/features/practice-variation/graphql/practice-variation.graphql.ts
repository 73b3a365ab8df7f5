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

/**
 * Departments, clinicians or indication groups against funnel limits around the site rate:
 * every unit, or (clinicians) the first rows by evidence; the counts are over every unit.
 */
export const PRACTICE_VARIATION_QUERY = graphql(`
  query PracticeVariation(
    $by: VariationDimension!
    $measure: FunnelMeasure
    $filter: AnalysisFilter
    $orderBy: VariationOrder
    $first: Int
  ) {
    practiceVariation(
      by: $by
      measure: $measure
      filter: $filter
      orderBy: $orderBy
      first: $first
    ) {
      by
      measure
      targetRate
      compared
      outside
      outsideAfterMultiplicity
      pageInfo {
        hasNextPage
      }
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

/**
 * Every unit of the funnel, compactly: units inside the 95 % limits counted per cell of the
 * plot's grid, every unit outside one as a point (the plot's population; the table pages).
 */
export const PRACTICE_VARIATION_DENSITY_QUERY = graphql(`
  query PracticeVariationDensity(
    $by: VariationDimension!
    $measure: FunnelMeasure
    $filter: AnalysisFilter
  ) {
    practiceVariationDensity(by: $by, measure: $measure, filter: $filter) {
      by
      measure
      targetRate
      compared
      grid {
        volumeScale
        volumeEdges
        rateEdges
      }
      cells {
        volumeBin
        rateBin
        units
      }
      outsidePoints {
        keys
        labels
        opportunities
        rates
        tones
        positions
        outsideAfterMultiplicity
      }
    }
  }
`);
