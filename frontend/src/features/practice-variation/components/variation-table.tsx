import { useState } from 'react';
import { Link } from 'react-router';
import type { FunnelMeasure, VariationDimension } from '../../../generated/graphql.js';
import type { AnalysisFilterValue } from '../../../app/analysis-filter.js';
import {
  FUNNEL_POSITION_LABELS,
  formatCount,
  formatExcess,
  formatOddsRatio,
  formatPercent,
} from '../../committee/utils/format-committee-figures.js';
import {
  casesLinkFor,
  sortVariationRows,
  type PracticeVariationRow,
  type SortDirectionValue,
  type VariationSortColumn,
} from '../utils/build-variation-funnel.js';

interface Column {
  readonly column: VariationSortColumn;
  readonly label: string;
  readonly text?: boolean;
  /** The direction a first click sorts in. */
  readonly first: SortDirectionValue;
}

export interface VariationTableProps {
  readonly by: VariationDimension;
  readonly measure: FunnelMeasure;
  readonly rows: readonly PracticeVariationRow[];
  readonly filter: AnalysisFilterValue;
  readonly unitLabel: string;
  readonly caption: string;
  readonly formatLabel: (label: string) => string;
}

const formatQ = (q: number | null): string =>
  q === null ? '—' : q < 0.001 ? '< 0.001' : q.toFixed(3);

/** Every unit with its numbers; click a column heading to sort; a unit's name opens its cases. */
export const VariationTable = ({
  by,
  measure,
  rows,
  filter,
  unitLabel,
  caption,
  formatLabel,
}: VariationTableProps) => {
  const [sort, setSort] = useState<{ column: VariationSortColumn; direction: SortDirectionValue }>({
    column: 'position',
    direction: 'descending',
  });
  const measureName = measure === 'CONFLICT_RATE' ? 'Conflict rate' : 'Away-switch rate';
  const columns: Column[] = [
    { column: 'label', label: unitLabel, text: true, first: 'ascending' },
    { column: 'opportunities', label: 'Opportunities', first: 'descending' },
    { column: 'rate', label: measureName, first: 'descending' },
    { column: 'position', label: 'Funnel position', text: true, first: 'descending' },
    { column: 'qValue', label: 'q (multiplicity)', first: 'ascending' },
    { column: 'oddsRatio', label: 'OR high vs low (95% CI)', text: true, first: 'descending' },
    { column: 'excess', label: 'Excess', first: 'descending' },
  ];
  const sorted = sortVariationRows(rows, sort.column, sort.direction);
  const toggle = (column: Column) =>
    setSort((current) =>
      current.column === column.column
        ? {
            column: column.column,
            direction: current.direction === 'ascending' ? 'descending' : 'ascending',
          }
        : { column: column.column, direction: column.first },
    );
  return (
    <div className="table-scroll variation-table" tabIndex={0}>
      <table className="data-table data-table-compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.column}
                scope="col"
                className={column.text ? 'text-cell' : undefined}
                aria-sort={sort.column === column.column ? sort.direction : 'none'}
              >
                <button type="button" className="sort-button" onClick={() => toggle(column)}>
                  {column.label}
                  <span aria-hidden="true" className="sort-mark">
                    {sort.column === column.column
                      ? sort.direction === 'ascending'
                        ? ' ▲'
                        : ' ▼'
                      : ' ↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const above = row.position === 'ABOVE_95' || row.position === 'ABOVE_998';
            return (
              <tr key={row.key} className={above ? 'signal-row' : ''}>
                <th scope="row" className="text-cell">
                  <Link to={casesLinkFor(by, row.key, filter)}>{formatLabel(row.label)}</Link>
                </th>
                <td>{formatCount(row.opportunities)}</td>
                <td>
                  {formatPercent(row.rate, measure === 'CONFLICT_RATE' ? 2 : 1)}{' '}
                  <span className="muted">
                    ({formatCount(measure === 'CONFLICT_RATE' ? row.conflicts : row.awaySwitches)})
                  </span>
                </td>
                <td className="text-cell">
                  {row.position ? FUNNEL_POSITION_LABELS[row.position] : 'No opportunities'}
                  {row.outsideAfterMultiplicity ? (
                    <span className="badge">holds after multiplicity</span>
                  ) : null}
                </td>
                <td>{formatQ(row.qValue)}</td>
                <td className="text-cell">{formatOddsRatio(row.doseHistoryOddsRatio)}</td>
                <td>{formatExcess(row.excessAwaySwitches.excess)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
