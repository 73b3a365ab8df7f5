import { Link } from 'react-router';
import { PChart } from '../../../charts/p-chart.js';
import { ErrorState, LoadingState } from '../../../app/page-states.js';
import { useMonthlyConflictTrend } from '../../committee/hooks/use-monthly-conflict-trend.js';
import { buildPChartData, describeMonthRules } from '../../committee/utils/build-p-chart-data.js';
import { formatCount, formatPercent } from '../../committee/utils/format-committee-figures.js';
import { formatMonthLabel } from '../../order-volume/utils/month-keys.js';

const SHOWN_MONTHS = 12;

/**
 * The overview's small p-chart: the last twelve months of the conflict rate (of the site, or
 * of the one department filtered), with the numbers beside it. Loaded lazily with Recharts.
 */
export const OverviewTrend = ({
  department,
  upTo = null,
  heightPx = 260,
}: {
  readonly department: string | null;
  /** Last month shown (YYYY-MM); the latest loaded when null. */
  readonly upTo?: string | null;
  readonly heightPx?: number;
}) => {
  const state = useMonthlyConflictTrend(department);
  if (state.status === 'loading') return <LoadingState what="the monthly trend" />;
  if (state.status === 'error') return <ErrorState what="the monthly trend" error={state.error} />;
  const months = state.trend.months
    .filter((month) => upTo === null || month.month <= upTo)
    .slice(-SHOWN_MONTHS);
  if (months.length === 0) return <p className="outside-none">No months loaded yet.</p>;
  const scope = state.trend.department ?? 'whole site';
  const data = buildPChartData(months);
  return (
    <div className="chart-with-table">
      <PChart
        title={`Monthly conflict rate, ${scope}, last ${months.length} months`}
        description={`p-chart of conflicts per assessable opportunity with 3-sigma control limits, ${formatMonthLabel(months[0].month)} to ${formatMonthLabel(months[months.length - 1].month)}.`}
        data={data.map((datum) => ({
          category: datum.month,
          value: datum.rate,
          centre: datum.centre,
          upperLimit: datum.upperLimit,
          lowerLimit: datum.lowerLimit,
          highlighted: datum.isSpecialCause,
          note: datum.isSpecialCause ? `Signal: ${describeMonthRules(datum.rules)}` : undefined,
        }))}
        formatCategory={formatMonthLabel}
        formatValue={(value) => formatPercent(value, value > 0 && value < 0.1 ? 1 : 0)}
        valueLabel="Conflict rate"
        highlightedLabel="Special-cause signal"
        zeroNote="No conflicts in these months."
        heightPx={heightPx}
      />
      <div className="table-scroll table-side" tabIndex={0}>
        <table className="data-table data-table-compact">
          <caption>
            The chart&rsquo;s numbers ({scope}). <Link to="/trend">Full trend</Link>
          </caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Conflicts / opportunities</th>
              <th scope="col">Rate</th>
              <th scope="col" className="text-cell">
                Signal
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((month) => (
              <tr key={month.month} className={month.specialCauseRules.length ? 'signal-row' : ''}>
                <th scope="row">{formatMonthLabel(month.month)}</th>
                <td>
                  {formatCount(month.conflicts)} / {formatCount(month.opportunities)}
                </td>
                <td>{formatPercent(month.conflictRate)}</td>
                <td className="text-cell">{describeMonthRules(month.specialCauseRules) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
};
