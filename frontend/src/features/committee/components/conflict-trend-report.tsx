import { useId, useState, lazy, Suspense } from 'react';
import { IMPORT_COMMAND } from '../../order-volume/components/order-volume-report.js';
import { formatMonthLabel } from '../../order-volume/utils/month-keys.js';
import { ConflictTrendTable } from './conflict-trend-table.js';
import { useMonthlyConflictTrend } from '../hooks/use-monthly-conflict-trend.js';
import {
  buildPChartData,
  describeBaseline,
  describeMonthRules,
  summariseSpecialCauses,
} from '../utils/build-p-chart-data.js';
import { formatCount, formatPercent } from '../utils/format-committee-figures.js';

// Recharts loads after the page's table, so the route's first JavaScript stays small.
const PChart = lazy(() =>
  import('../../../charts/p-chart.js').then((module) => ({ default: module.PChart })),
);

const WHOLE_SITE = '';

/** The conflict-rate p-chart with its department filter, rules legend and table. */
export const ConflictTrendReport = () => {
  const [department, setDepartment] = useState<string>(WHOLE_SITE);
  const state = useMonthlyConflictTrend(department === WHOLE_SITE ? null : department);
  const filterId = useId();

  if (state.status === 'loading') {
    return (
      <p className="state state-loading" role="status">
        Loading the conflict trend…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="state state-error" role="alert">
        The conflict trend could not be loaded; check that the Clinical Grounds server is running,
        then reload this page.
      </p>
    );
  }

  const { trend, refreshing } = state;
  if (trend.months.length === 0) {
    return (
      <p className="state state-empty" role="status">
        No orders loaded yet — import data with <code>{IMPORT_COMMAND}</code>
      </p>
    );
  }

  const scope = trend.department ?? 'the whole site';
  const totalOpportunities = trend.months.reduce((sum, month) => sum + month.opportunities, 0);
  const totalConflicts = trend.months.reduce((sum, month) => sum + month.conflicts, 0);
  const first = formatMonthLabel(trend.months[0].month);
  const last = formatMonthLabel(trend.months[trend.months.length - 1].month);
  const summary = `${formatCount(totalConflicts)} conflicts in ${formatCount(totalOpportunities)} opportunities, ${first} – ${last}`;
  const baseline = describeBaseline(trend);
  const specialCauses = summariseSpecialCauses(trend.months);
  const signals = specialCauses.filter((rule) => rule.months.length > 0);

  return (
    <>
      <div className="filters">
        <label htmlFor={filterId}>Department</label>
        <select
          id={filterId}
          value={department}
          onChange={(event) => setDepartment(event.target.value)}
        >
          <option value={WHOLE_SITE}>Whole site</option>
          {trend.departments.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        {refreshing ? (
          <span className="filters-status" role="status">
            Updating…
          </span>
        ) : null}
      </div>
      <section className="card" aria-labelledby="conflict-trend-heading" aria-busy={refreshing}>
        <h2 id="conflict-trend-heading">Monthly conflict rate, {scope}</h2>
        <p className="caption">
          {summary}. {baseline}
        </p>
        {totalOpportunities === 0 ? (
          <p className="state state-empty" role="status">
            {scope} has no assessable opportunities in these months: nothing to chart.
          </p>
        ) : (
          <Suspense
            fallback={
              <p className="state state-loading" role="status">
                Loading the chart…
              </p>
            }
          >
            <PChart
              title={`Monthly conflict rate, ${scope}`}
              description={`p-chart of conflicts (documented and probable cases) per assessable opportunity, month by month, with the centre line and 3-sigma control limits. ${summary}. ${baseline}`}
              data={buildPChartData(trend.months).map((datum) => ({
                category: datum.month,
                value: datum.rate,
                centre: datum.centre,
                upperLimit: datum.upperLimit,
                lowerLimit: datum.lowerLimit,
                highlighted: datum.isSpecialCause,
                note: datum.isSpecialCause
                  ? `Signal: ${describeMonthRules(datum.rules)}`
                  : undefined,
              }))}
              formatCategory={formatMonthLabel}
              formatValue={(value) => formatPercent(value, value > 0 && value < 0.1 ? 1 : 0)}
              valueLabel="Conflict rate"
              highlightedLabel="Special-cause signal"
              zeroNote="No conflicts in these months."
            />
          </Suspense>
        )}
        <div className="rules-legend">
          <h3>Special-cause rules</h3>
          <p className="rules-summary">
            {signals.length === 0
              ? 'No month breaks a rule: the variation is what chance alone produces around p̄.'
              : `${signals.length === 1 ? 'One rule signals' : `${signals.length} rules signal`} a change that chance alone is unlikely to produce.`}
          </p>
          <dl>
            {specialCauses.map((rule) => (
              <div key={rule.rule} className={rule.months.length > 0 ? 'rule rule-active' : 'rule'}>
                <dt>{rule.label}</dt>
                <dd>
                  {rule.description}.{' '}
                  <span className="rule-months">
                    {rule.months.length === 0
                      ? 'No month.'
                      : `${rule.months.map(formatMonthLabel).join(', ')}.`}
                  </span>
                </dd>
              </div>
            ))}
          </dl>
        </div>
        <ConflictTrendTable
          months={trend.months}
          caption={`The chart's numbers for ${scope}. Conflicts are documented and probable cases; the odds ratio compares away-switches of HIGH and LOW dose-history patients within the same indication, population and setting.`}
        />
      </section>
    </>
  );
};
