import type { ConflictRatesFieldsFragment } from '../../../generated/graphql.js';
import type { DepartmentVariationRow } from '../utils/build-funnel-plot-data.js';
import {
  FUNNEL_POSITION_LABELS,
  ODDS_RATIO_READING_LABELS,
  formatCount,
  formatDepartment,
  formatExcess,
  formatOddsRatio,
  formatPercent,
  readOddsRatio,
} from '../utils/format-committee-figures.js';

/** The rate fields shared by a department row and the site. */
type Rates = Omit<ConflictRatesFieldsFragment, '__typename'>;

export interface DepartmentVariationTableProps {
  readonly departments: readonly DepartmentVariationRow[];
  readonly site: Rates;
  readonly caption: string;
}

const RatesCells = ({ rates }: { rates: Rates }) => (
  <>
    <td>{formatCount(rates.opportunities)}</td>
    <td>
      {formatCount(rates.conflicts)}{' '}
      <span className="muted">({formatPercent(rates.conflictRate)})</span>
    </td>
    <td>
      {formatCount(rates.awaySwitches)}{' '}
      <span className="muted">({formatPercent(rates.awaySwitchRate, 1)})</span>
    </td>
  </>
);

const DoseHistoryCells = ({ rates }: { rates: Rates }) => {
  const reading = readOddsRatio(rates.doseHistoryOddsRatio);
  return (
    <>
      <td className="text-cell">
        {formatOddsRatio(rates.doseHistoryOddsRatio)}
        <span className={`reading reading-${reading.toLowerCase().replaceAll('_', '-')}`}>
          {ODDS_RATIO_READING_LABELS[reading]}
        </span>
      </td>
      <td>{formatExcess(rates.excessAwaySwitches.excess)}</td>
    </>
  );
};

/** Per department: volumes, rates, funnel position and dose-history sensitivity; site last. */
export const DepartmentVariationTable = ({
  departments,
  site,
  caption,
}: DepartmentVariationTableProps) => (
  <div className="table-scroll" tabIndex={0}>
    <table className="data-table data-table-compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Department</th>
          <th scope="col">Opportunities</th>
          <th scope="col">Conflicts (rate)</th>
          <th scope="col">Away-switches (rate)</th>
          <th scope="col">Funnel position</th>
          <th scope="col" className="text-cell">
            OR HIGH vs LOW (95% CI)
          </th>
          <th scope="col">Excess</th>
        </tr>
      </thead>
      <tbody>
        {departments.map((row) => (
          <tr
            key={row.department ?? '(none)'}
            className={
              row.position === 'ABOVE_95' || row.position === 'ABOVE_998' ? 'signal-row' : ''
            }
          >
            <th scope="row">{formatDepartment(row.department)}</th>
            <RatesCells rates={row} />
            <td className="text-cell">
              {row.position ? FUNNEL_POSITION_LABELS[row.position] : 'No opportunities'}
            </td>
            <DoseHistoryCells rates={row} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Site</th>
          <RatesCells rates={site} />
          <td className="text-cell">Centre line</td>
          <DoseHistoryCells rates={site} />
        </tr>
      </tfoot>
    </table>
  </div>
);
