import { CartesianGrid, ErrorBar, Line, LineChart, XAxis, YAxis } from 'recharts';
import { isChartAnimationActive } from '../../../charts/chart-animation.js';
import { formatOddsRatio, formatPercent } from '../../committee/utils/format-committee-figures.js';
import type { SensitivitySeries } from '../utils/build-sensitivity-series.js';
import { formatIndicationGroup } from '../utils/format-indication-group.js';
import { describeLine } from '../utils/describe-line.js';

/** Okabe–Ito blue for a flat group, vermillion (and a triangle mark) for one that climbs. */
const COLOURS = { flat: '#0072B2', climbing: '#D55E00', axis: '#5b6472', grid: '#e3e6eb' };

export interface SensitivitySmallMultiplesProps {
  readonly series: readonly SensitivitySeries[];
  readonly axisMax: number;
  /** Height of each small chart in pixels (smaller in the committee pack). */
  readonly chartHeightPx?: number;
  readonly isAnimationActive?: boolean;
}

/**
 * One small line chart per indication group: the away-switch rate in the low, moderate and high
 * dose-history bands with 95 % intervals, all on the same axis so slopes compare at a glance.
 */
export const SensitivitySmallMultiples = ({
  series,
  axisMax,
  chartHeightPx = 150,
  isAnimationActive = isChartAnimationActive(),
}: SensitivitySmallMultiplesProps) => (
  <ul
    className="small-multiples"
    aria-label="Away-switch rate by dose-history band, per indication group"
  >
    {series.map((item) => {
      const name = formatIndicationGroup(item.indicationGroup);
      const colour = item.flat ? COLOURS.flat : COLOURS.climbing;
      const description = item.points
        .map(
          (point) =>
            `${point.bandLabel} ${point.rate === null ? 'no orders' : formatPercent(point.rate, 1)}`,
        )
        .join(', ');
      return (
        <li
          key={item.indicationGroup}
          className={item.flat ? 'multiple' : 'multiple multiple-climbing'}
        >
          <h3 className="multiple-title">
            {item.flat ? null : (
              <span className="climb-mark" aria-hidden="true">
                ▲{' '}
              </span>
            )}
            {name}
          </h3>
          <p className="multiple-note">
            {describeLine(item)} · OR {formatOddsRatio(item.oddsRatio)}
          </p>
          <div role="img" aria-label={`${name}: away-switch rate ${description}`}>
            <LineChart
              responsive
              style={{ width: '100%', height: chartHeightPx }}
              data={item.points.map((point) => ({
                ...point,
                errorBar: point.errorBar ? [...point.errorBar] : null,
              }))}
              margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
            >
              <CartesianGrid stroke={COLOURS.grid} vertical={false} />
              <XAxis
                dataKey="bandLabel"
                stroke={COLOURS.axis}
                tick={{ fontSize: 11 }}
                tickLine={false}
              />
              <YAxis
                domain={[0, axisMax]}
                ticks={[0, axisMax / 2, axisMax]}
                stroke={COLOURS.axis}
                tick={{ fontSize: 11 }}
                tickLine={false}
                axisLine={false}
                width={40}
                tickFormatter={(value: number) => `${Number((value * 100).toFixed(1))}%`}
              />
              <Line
                dataKey="rate"
                stroke={colour}
                strokeWidth={2}
                dot={{ r: 3.5, fill: colour, stroke: '#ffffff' }}
                connectNulls={false}
                isAnimationActive={isAnimationActive}
              >
                <ErrorBar
                  dataKey="errorBar"
                  direction="y"
                  width={4}
                  stroke={colour}
                  strokeWidth={1.2}
                />
              </Line>
            </LineChart>
          </div>
        </li>
      );
    })}
  </ul>
);
