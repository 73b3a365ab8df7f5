import { useQuery } from '@apollo/client/react';
import type { FunnelMeasure } from '../../../generated/graphql.js';
import { DEPARTMENT_VARIATION_QUERY } from '../graphql/committee.graphql.js';
import type { DepartmentVariation } from '../utils/build-funnel-plot-data.js';

export type DepartmentVariationState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: Error }
  | {
      readonly status: 'ready';
      readonly variation: DepartmentVariation;
      readonly refreshing: boolean;
    };

/** Departments on a funnel plot of the given measure; the previous answer stays while loading. */
export const useDepartmentVariation = (measure: FunnelMeasure): DepartmentVariationState => {
  const { data, previousData, error, loading } = useQuery(DEPARTMENT_VARIATION_QUERY, {
    variables: { input: { measure } },
  });
  if (error) return { status: 'error', error };
  const shown = data ?? previousData;
  if (!shown) return { status: 'loading' };
  return { status: 'ready', variation: shown.departmentVariation, refreshing: loading };
};
