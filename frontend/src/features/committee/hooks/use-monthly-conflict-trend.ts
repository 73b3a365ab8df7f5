import { useQuery } from '@apollo/client/react';
import { MONTHLY_CONFLICT_TREND_QUERY } from '../graphql/committee.graphql.js';
import type { ConflictTrend } from '../utils/build-p-chart-data.js';

export type MonthlyConflictTrendState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: Error }
  | { readonly status: 'ready'; readonly trend: ConflictTrend; readonly refreshing: boolean };

/**
 * The conflict-rate p-chart of the site (department null) or one department. While another
 * department loads, the previous answer stays on screen (`refreshing`).
 */
export const useMonthlyConflictTrend = (department: string | null): MonthlyConflictTrendState => {
  const { data, previousData, error, loading } = useQuery(MONTHLY_CONFLICT_TREND_QUERY, {
    variables: { input: department === null ? null : { department } },
  });
  if (error) return { status: 'error', error };
  const shown = data ?? previousData;
  if (!shown) return { status: 'loading' };
  return { status: 'ready', trend: shown.monthlyConflictTrend, refreshing: loading };
};
