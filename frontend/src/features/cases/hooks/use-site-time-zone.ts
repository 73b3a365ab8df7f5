import { useQuery } from '@apollo/client/react';
import { SITE_TIME_ZONE_QUERY } from '../graphql/site-time-zone.graphql.js';

/** The site's IANA time zone for every date shown; UTC until the server has answered. */
export const useSiteTimeZone = (): string => {
  const { data } = useQuery(SITE_TIME_ZONE_QUERY, { fetchPolicy: 'cache-first' });
  return data?.siteTimeZone ?? 'UTC';
};
