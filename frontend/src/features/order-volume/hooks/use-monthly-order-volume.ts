import { useQuery } from '@apollo/client/react';
import type { MonthlyOrderVolumeInput } from '../../../generated/graphql.js';
import { MONTHLY_ORDER_VOLUME_QUERY } from '../graphql/order-volume.graphql.js';
import type { MonthlyOrderVolumeRow } from '../utils/pivot-monthly-volume.js';

export type MonthlyOrderVolumeState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: Error }
  | { readonly status: 'ready'; readonly rows: readonly MonthlyOrderVolumeRow[] };

/** Orders per month and outcome, optionally limited to a month range (YYYY-MM, inclusive). */
export const useMonthlyOrderVolume = (input?: MonthlyOrderVolumeInput): MonthlyOrderVolumeState => {
  const { data, error, loading } = useQuery(MONTHLY_ORDER_VOLUME_QUERY, {
    variables: { input: input ?? null },
  });
  if (error) return { status: 'error', error };
  if (loading || !data) return { status: 'loading' };
  return { status: 'ready', rows: data.monthlyOrderVolume };
};
