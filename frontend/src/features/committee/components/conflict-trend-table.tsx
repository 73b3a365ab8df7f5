import { formatMonthLabel } from '../../order-volume/utils/month-keys.js';
import { describeMonthRules, type ConflictTrendMonth } from '../utils/build-p-chart-data.js';
import { formatCount, formatOddsRatio, formatPercent } from '../utils/format-committee-figures.js';

const formatLimits = (lower: number | null, upper: number | null): string =>
  lower === null || upper === null ? '—' : `${formatPercent(lower)} – ${formatPercent(upper)}`;

export interface ConflictTrendTableProps {
  readonly months: readonly ConflictTrendMonth[];
  readonly caption: string;
}

/** The p-chart's numbers, month by month, with the month's dose-history odds ratio. */
export const ConflictTrendTable = ({ months, caption }: ConflictTrendTableProps) => (
  <div className="table-scroll" tabIndex={0}>
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Opportunities</th>
          <th scope="col">Conflicts</th>
          <th scope="col">Conflict rate</th>
          <th scope="col">Control limits</th>
          <th scope="col" className="text-cell">
            Signal
          </th>
          <th scope="col">Away-switches</th>
          <th scope="col">OR HIGH vs LOW (95% CI)</th>
        </tr>
      </thead>
      <tbody>
        {months.map((month) => (
          <tr key={month.month} className={month.specialCauseRules.length > 0 ? 'signal-row' : ''}>
            <th scope="row">{formatMonthLabel(month.month)}</th>
            <td>{formatCount(month.opportunities)}</td>
            <td>{formatCount(month.conflicts)}</td>
            <td>{formatPercent(month.conflictRate)}</td>
            <td>{formatLimits(month.lowerControlLimit, month.upperControlLimit)}</td>
            <td className="text-cell">{describeMonthRules(month.specialCauseRules) || '—'}</td>
            <td>{formatCount(month.awaySwitches)}</td>
            <td>{formatOddsRatio(month.doseHistoryOddsRatio)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
