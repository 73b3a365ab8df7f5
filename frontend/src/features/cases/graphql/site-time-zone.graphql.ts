import { graphql } from '../../../generated/gql.js';

/** The zone every date on the dashboard is shown in. */
export const SITE_TIME_ZONE_QUERY = graphql(`
  query SiteTimeZone {
    siteTimeZone
  }
`);
