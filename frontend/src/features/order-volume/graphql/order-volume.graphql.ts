import { graphql } from '../../../generated/gql.js';

/** Orders per month and outcome, read from the monthly rollup. */
export const MONTHLY_ORDER_VOLUME_QUERY = graphql(`
  query MonthlyOrderVolume($input: MonthlyOrderVolumeInput) {
    monthlyOrderVolume(input: $input) {
      month
      outcome
      orders
    }
  }
`);
