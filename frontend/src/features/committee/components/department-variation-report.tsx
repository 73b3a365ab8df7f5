import { useId, useState } from 'react';
import { FunnelPlot } from '../../../charts/funnel-plot.js';
import type { FunnelMeasure } from '../../../generated/graphql.js';
import { IMPORT_COMMAND } from '../../order-volume/components/order-volume-report.js';
import { formatMonthLabel } from '../../order-volume/utils/month-keys.js';
import { useDepartmentVariation } from '../hooks/use-department-variation.js';
import { buildFunnelPlotData } from '../utils/build-funnel-plot-data.js';
import {
  FUNNEL_POSITION_LABELS,
  formatCount,
  formatExcess,
  formatOddsRatio,
  formatPercent,
} from '../utils/format-committee-figures.js';
import { DepartmentVariationTable } from './department-variation-table.js';

const MEASURE_LABELS: Readonly<Record<FunnelMeasure, string>> = {
  CONFLICT_RATE: 'Conflict rate',
  AWAY_SWITCH_RATE: 'Away-switch rate',
};

/** Departments on a funnel plot, with the table of rates and dose-history sensitivity. */
export const DepartmentVariationReport = () => {
  const [measure, setMeasure] = useState<FunnelMeasure>('CONFLICT_RATE');
  const state = useDepartmentVariation(measure);
  const measureId = useId();

  if (state.status === 'loading') {
    return (
      <p className="state state-loading" role="status">
        Loading the departments…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="state state-error" role="alert">
        The departments could not be loaded; check that the Clinical Grounds server is running, then
        reload this page.
      </p>
    );
  }

  const { variation, refreshing } = state;
  if (variation.departments.length === 0 || !variation.firstMonth || !variation.lastMonth) {
    return (
      <p className="state state-empty" role="status">
        No orders loaded yet — import data with <code>{IMPORT_COMMAND}</code>
      </p>
    );
  }

  const measureLabel = MEASURE_LABELS[variation.measure];
  const months =
    variation.firstMonth === variation.lastMonth
      ? formatMonthLabel(variation.firstMonth)
      : `${formatMonthLabel(variation.firstMonth)} – ${formatMonthLabel(variation.lastMonth)}`;
  const site = variation.site;
  const decimals = variation.measure === 'CONFLICT_RATE' ? 2 : 1;
  const plot = buildFunnelPlotData(variation);
  const caption =
    `${formatCount(site.opportunities)} assessable opportunities in ${variation.departments.length} ` +
    `departments, ${months}. Site ${measureLabel.toLowerCase()} ${formatPercent(variation.targetRate, decimals)}; ` +
    `site odds ratio HIGH vs LOW ${formatOddsRatio(site.doseHistoryOddsRatio)}; ` +
    `${formatExcess(site.excessAwaySwitches.excess)} away-switches beyond what the LOW band's rate predicts.`;

  return (
    <>
      <div className="filters">
        <label htmlFor={measureId}>Compare</label>
        <select
          id={measureId}
          value={measure}
          onChange={(event) => setMeasure(event.target.value as FunnelMeasure)}
        >
          <option value="CONFLICT_RATE">{MEASURE_LABELS.CONFLICT_RATE}</option>
          <option value="AWAY_SWITCH_RATE">{MEASURE_LABELS.AWAY_SWITCH_RATE}</option>
        </select>
        {refreshing ? (
          <span className="filters-status" role="status">
            Updating…
          </span>
        ) : null}
      </div>
      <section
        className="card"
        aria-labelledby="department-variation-heading"
        aria-busy={refreshing}
      >
        <h2 id="department-variation-heading">{measureLabel} by department against volume</h2>
        <p className="caption">{caption}</p>
        <p className="reading-guide">
          How to read it: each point is a department, placed by its number of assessable
          opportunities (across) and its {measureLabel.toLowerCase()} (up). The funnel is where
          chance alone would put a department whose true rate equals the site&rsquo;s: it narrows as
          volume grows, because big numbers vary less. A point inside the funnel is not different
          from the site; outside the dashed 95% lines, 1 department in 20 lands by chance; outside
          the solid 99.8% lines, 1 in 500 — worth a closer look. A small department far from the
          centre line can still be within its limits.
        </p>
        {plot === null ? (
          <p className="state state-empty" role="status">
            No department has assessable opportunities in these months: nothing to plot.
          </p>
        ) : (
          <FunnelPlot
            title={`${measureLabel} by department against volume`}
            description={`Funnel plot: one point per department, ${measureLabel.toLowerCase()} against assessable opportunities, with the site rate and its 95% and 99.8% limits. ${caption}`}
            points={plot.points.map((point) => ({
              label: point.label,
              volume: point.opportunities,
              value: point.rate,
              tone: point.tone,
              note: FUNNEL_POSITION_LABELS[point.position],
            }))}
            limits={plot.curve.map((point) => ({ ...point, volume: point.opportunities }))}
            valueMax={plot.rateMax}
            volumeMin={plot.volumeMin}
            volumeMax={plot.volumeMax}
            volumeScale={plot.volumeScale}
            formatValue={(value) => formatPercent(value, decimals === 2 && value >= 0.1 ? 0 : 1)}
            valueLabel={measureLabel}
            volumeLabel="Assessable opportunities"
            targetLabel={`Site rate ${formatPercent(plot.target, decimals)}`}
          />
        )}
        <DepartmentVariationTable
          departments={variation.departments}
          site={site}
          caption={`Departments, ${months}. Funnel position is for the ${measureLabel.toLowerCase()}. The odds ratio compares away-switches of HIGH and LOW dose-history patients within the same indication, population and setting (about 1: no difference; a 95% CI above 1: switches follow dose history). Excess away-switches: HIGH-band switches beyond what the LOW band's rate predicts.`}
        />
      </section>
    </>
  );
};
