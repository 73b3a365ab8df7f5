import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  analysisFilterSearch,
  readAnalysisFilter,
  toAnalysisFilterInput,
  writeAnalysisFilter,
  type AnalysisFilterInput,
  type AnalysisFilterValue,
} from './analysis-filter.js';

export type {
  AnalysisFilterInput,
  AnalysisFilterValue,
  CareSettingValue,
  CaseLevelValue,
  PopulationValue,
} from './analysis-filter.js';
export {
  analysisFilterSearch,
  EMPTY_ANALYSIS_FILTER,
  FILTER_PARAMS,
  readAnalysisFilter,
  toAnalysisFilterInput,
  writeAnalysisFilter,
} from './analysis-filter.js';

export interface AnalysisFilterHandle {
  /** The filter in the page address (lists empty when unrestricted). */
  readonly filter: AnalysisFilterValue;
  /** The GraphQL `AnalysisFilter` variable: null when nothing restricts. */
  readonly input: AnalysisFilterInput | null;
  /** `?from=…&department=…` (or ''), to append to a link that keeps the filter. */
  readonly search: string;
  /**
   * Changes the filter in the address (other parameters stay). A partial value replaces only the
   * fields it names; `replace` swaps the history entry instead of adding one.
   */
  readonly setFilter: (
    change:
      | Partial<AnalysisFilterValue>
      | ((current: AnalysisFilterValue) => Partial<AnalysisFilterValue>),
    options?: { readonly replace?: boolean },
  ) => void;
  /** Removes every filter parameter. */
  readonly clearFilter: () => void;
}

/**
 * The global analysis filter, read from and written to the URL search parameters (after the
 * hash: `/#/overview?from=2025-01&department=ED`). Every page that shows aggregates or cases
 * reads it here, so the filter bar, links and a shared address all agree.
 */
export const useAnalysisFilter = (): AnalysisFilterHandle => {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filter = useMemo(() => readAnalysisFilter(params), [key]);
  const input = useMemo(() => toAnalysisFilterInput(filter), [filter]);
  const search = useMemo(() => analysisFilterSearch(filter), [filter]);
  const setFilter = useCallback<AnalysisFilterHandle['setFilter']>(
    (change, options) =>
      setParams(
        (current) => {
          const now = readAnalysisFilter(current);
          const partial = typeof change === 'function' ? change(now) : change;
          return writeAnalysisFilter(current, { ...now, ...partial });
        },
        { replace: options?.replace ?? false },
      ),
    [setParams],
  );
  const clearFilter = useCallback(
    () => setParams((current) => writeAnalysisFilter(current, {})),
    [setParams],
  );
  return { filter, input, search, setFilter, clearFilter };
};
