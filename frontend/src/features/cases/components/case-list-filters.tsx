import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { CASE_LEVELS } from '../../../app/analysis-filter.js';
import {
  readAnalysisFilter,
  useAnalysisFilter,
  writeAnalysisFilter,
} from '../../../app/use-analysis-filter.js';
import {
  LEVEL_LABELS,
  REVIEW_STATUS_LABELS,
  SIGNAL_LABELS,
  type ReviewStatusCode,
  type SignalCodeValue,
} from '../utils/case-labels.js';
import {
  PAGE_SIZES,
  changeCaseListParams,
  writeCaseListParams,
  type CaseListParams,
  type CaseSortDirection,
  type CaseSortField,
} from '../utils/case-list-params.js';

const SORTS: readonly {
  value: string;
  label: string;
  sort: CaseSortField;
  direction: CaseSortDirection;
}[] = [
  { value: 'SCORE-DESC', label: 'Highest score first', sort: 'SCORE', direction: 'DESC' },
  { value: 'DATE-DESC', label: 'Newest first', sort: 'DATE', direction: 'DESC' },
  { value: 'DATE-ASC', label: 'Oldest first', sort: 'DATE', direction: 'ASC' },
  { value: 'LEVEL-DESC', label: 'Level (documented first)', sort: 'LEVEL', direction: 'DESC' },
];

const ANY = '';

/** The list's own filters (level, review status, signal, mine) and its order, in the URL. */
export const CaseListFilters = ({
  params,
  canBeAssigned,
}: {
  readonly params: CaseListParams;
  readonly canBeAssigned: boolean;
}) => {
  const [, setSearch] = useSearchParams();
  const { filter } = useAnalysisFilter();
  const ids = {
    level: useId(),
    status: useId(),
    signal: useId(),
    sort: useId(),
    size: useId(),
    mine: useId(),
  };
  const change = (next: Partial<Omit<CaseListParams, 'after'>>) =>
    setSearch((current) => writeCaseListParams(changeCaseListParams(params, next), current));
  const sortValue = `${params.sort}-${params.direction}`;
  return (
    <div className="case-filters" role="group" aria-label="Case filters">
      <div className="filter-field">
        <label htmlFor={ids.level}>Level</label>
        <select
          id={ids.level}
          value={filter.levels.length === 1 ? filter.levels[0] : ANY}
          onChange={(event) =>
            // the level is a global filter; a new filter starts again at the first page
            setSearch((current) =>
              writeCaseListParams(
                { ...params, after: null },
                writeAnalysisFilter(current, {
                  ...readAnalysisFilter(current),
                  levels: event.target.value
                    ? [event.target.value as (typeof CASE_LEVELS)[number]]
                    : [],
                }),
              ),
            )
          }
        >
          <option value={ANY}>Any level</option>
          {CASE_LEVELS.map((level) => (
            <option key={level} value={level}>
              {LEVEL_LABELS[level]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={ids.status}>Review status</label>
        <select
          id={ids.status}
          value={params.reviewStatuses.length === 1 ? params.reviewStatuses[0] : ANY}
          onChange={(event) =>
            change({
              reviewStatuses: event.target.value ? [event.target.value as ReviewStatusCode] : [],
            })
          }
        >
          <option value={ANY}>Any status</option>
          {(Object.keys(REVIEW_STATUS_LABELS) as ReviewStatusCode[]).map((status) => (
            <option key={status} value={status}>
              {REVIEW_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={ids.signal}>Evidence</label>
        <select
          id={ids.signal}
          value={params.signals.length === 1 ? params.signals[0] : ANY}
          onChange={(event) =>
            change({ signals: event.target.value ? [event.target.value as SignalCodeValue] : [] })
          }
        >
          <option value={ANY}>Any evidence</option>
          {(Object.keys(SIGNAL_LABELS) as SignalCodeValue[]).map((signal) => (
            <option key={signal} value={signal}>
              {signal}: {SIGNAL_LABELS[signal]}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={ids.sort}>Order</label>
        <select
          id={ids.sort}
          value={sortValue}
          onChange={(event) => {
            const chosen = SORTS.find((option) => option.value === event.target.value);
            if (chosen) change({ sort: chosen.sort, direction: chosen.direction });
          }}
        >
          {SORTS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={ids.size}>Per page</label>
        <select
          id={ids.size}
          value={params.pageSize}
          onChange={(event) => change({ pageSize: Number(event.target.value) })}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size} cases
            </option>
          ))}
        </select>
      </div>
      {canBeAssigned ? (
        <div className="filter-check">
          <input
            id={ids.mine}
            type="checkbox"
            checked={params.assignedToMe}
            onChange={(event) => change({ assignedToMe: event.target.checked })}
          />
          <label htmlFor={ids.mine}>Only cases assigned to me</label>
        </div>
      ) : null}
    </div>
  );
};
