import { graphql } from '../../../generated/gql.js';

export const PERIOD_FIGURES_FIELDS = graphql(`
  fragment PeriodFiguresFields on PeriodFigures {
    from
    to
    opportunities
    awaySwitches
    awaySwitchRate
    conflicts
    conflictRate
    documented
    probable
    possible
    openCases
    reviewedCases
    excessAwaySwitches {
      ...ExcessAwaySwitchesFields
    }
    siteOddsRatio {
      ...DoseHistoryOddsRatioFields
    }
  }
`);

/** The landing page's headline figures for the filter's months and the months before. */
export const OVERVIEW_QUERY = graphql(`
  query Overview($filter: AnalysisFilter) {
    overview(filter: $filter) {
      current {
        ...PeriodFiguresFields
      }
      previous {
        ...PeriodFiguresFields
      }
    }
  }
`);
