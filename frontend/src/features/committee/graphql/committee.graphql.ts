import { graphql } from '../../../generated/gql.js';

/** The monthly conflict-rate p-chart, for the site or one department. */
export const MONTHLY_CONFLICT_TREND_QUERY = graphql(`
  query MonthlyConflictTrend($input: MonthlyConflictTrendInput) {
    monthlyConflictTrend(input: $input) {
      department
      departments
      centre
      baselineMonthsSetting
      baselineMonths
      baselineFirstMonth
      baselineLastMonth
      baselineConflicts
      baselineOpportunities
      months {
        month
        opportunities
        conflicts
        awaySwitches
        conflictRate
        awaySwitchRate
        centre
        upperControlLimit
        lowerControlLimit
        specialCauseRules
        doseHistoryOddsRatio {
          ...DoseHistoryOddsRatioFields
        }
      }
    }
  }
`);

export const DOSE_HISTORY_ODDS_RATIO_FIELDS = graphql(`
  fragment DoseHistoryOddsRatioFields on DoseHistoryOddsRatio {
    oddsRatio
    lower95
    upper95
    status
    strataUsed
    opportunities
  }
`);

export const EXCESS_AWAY_SWITCHES_FIELDS = graphql(`
  fragment ExcessAwaySwitchesFields on ExcessAwaySwitches {
    excess
    observedHighAwaySwitches
    expectedHighAwaySwitches
    strataUsed
    strataWithoutLowOpportunities
  }
`);

export const CONFLICT_RATES_FIELDS = graphql(`
  fragment ConflictRatesFields on ConflictRates {
    opportunities
    conflicts
    awaySwitches
    conflictRate
    awaySwitchRate
    doseHistoryOddsRatio {
      ...DoseHistoryOddsRatioFields
    }
    excessAwaySwitches {
      ...ExcessAwaySwitchesFields
    }
  }
`);
