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

/**
 * Departments against funnel limits around the site rate, with dose-history sensitivity. No page
 * reads it since the practice-variation page (practiceVariation) replaced the department page;
 * the committee e2e spec checks the query through this typed document.
 */
export const DEPARTMENT_VARIATION_QUERY = graphql(`
  query DepartmentVariation($input: DepartmentVariationInput) {
    departmentVariation(input: $input) {
      measure
      firstMonth
      lastMonth
      targetRate
      site {
        ...ConflictRatesFields
      }
      departments {
        department
        rate
        position
        limits {
          lower95
          upper95
          lower998
          upper998
        }
        ...ConflictRatesFieldsOfRow
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

export const CONFLICT_RATES_FIELDS_OF_ROW = graphql(`
  fragment ConflictRatesFieldsOfRow on DepartmentVariationRow {
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
