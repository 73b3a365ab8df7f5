import {
  CartesianGrid,
  ComposedChart,
  Line,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
  type TooltipValueType,
} from 'recharts';
import { isChartAnimationActive } from './chart-animation.js';

/** One period of a p-chart, as proportions; null where a period has no denominator. */
export interface PChartDatum {
  readonly category: string;
  readonly value: number | null;
  readonly centre: number | null;
  readonly upperLimit: number | null;
  readonly lowerLimit: number | null;
  /** Drawn as a larger vermillion diamond: a special-cause signal. */
  readonly highlighted: boolean;
  /** Extra tooltip line, e.g. the rules a highlighted point breaks. */
  readonly note?: string;
}

export interface PChartProps {
  readonly title: string;
  readonly description: string;
  readonly data: readonly PChartDatum[];
  readonly formatCategory?: (category: string) => string;
  readonly formatValue: (value: number) => string;
  readonly valueLabel: string;
  readonly highlightedLabel: string;
  readonly heightPx?: number;
  readonly isAnimationActive?: boolean;
  /** A line under the chart when every period's value is 0, e.g. "No conflicts in these months." */
  readonly zeroNote?: string;
}

/** Okabe–Ito: blue for the measured rate, vermillion for signals, orange for the limits. */
export const P_CHART_COLOURS = {
  value: '#0072B2',
  highlighted: '#D55E00',
  centre: '#1f2933',
  limit: '#E69F00',
} as const;

const AXIS_COLOUR = '#5b6472';
const GRID_COLOUR = '#e3e6eb';

/** The proportion axis of a p-chart: from 0 to `top`, with `ticks` at a round step. */
export interface PChartValueAxis {
  readonly top: number;
  readonly ticks: readonly number[];
}

/** A proportion never exceeds 1: the axis stops at 100 %. */
const MAX_PROPORTION = 1;
/** The axis top when every value, centre and limit is 0 (or missing): a readable 0 % line. */
export const EMPTY_P_CHART_TOP = 0.05;
/** Ticks at least 0.1 % apart: the charts label percentages to one decimal. */
const MIN_STEP = 0.001;

/** The smallest of 1, 2 or 5 × 10^k not below `rough`. */
const roundStep = (rough: number): number => {
  const power = 10 ** Math.floor(Math.log10(rough));
  return ([1, 2, 5, 10].find((multiple) => multiple * power >= rough - 1e-12) ?? 10) * power;
};

/**
 * The y axis of a p-chart, from the data rather than Recharts' nice ticks: the top is the
 * highest value, centre or upper limit rounded up to a step of 1, 2 or 5 × 10^k (at most five
 * steps, none under 0.1 %), at most 1 (100 %); 5 % when all are 0 or missing, where Recharts'
 * own ticks drew 0–400 %.
 */
export const pChartValueAxis = (data: readonly PChartDatum[]): PChartValueAxis => {
  const highest = Math.max(
    0,
    ...data.flatMap((datum) =>
      [datum.value, datum.centre, datum.upperLimit].filter(
        (value): value is number => value !== null && Number.isFinite(value),
      ),
    ),
  );
  const wanted = highest > 0 ? Math.min(highest, MAX_PROPORTION) : EMPTY_P_CHART_TOP;
  const step = Math.max(roundStep(wanted / 5), MIN_STEP);
  // 1 is a whole number of any step up to 1, so the cap keeps the top on a tick
  const top = Math.min(Math.ceil(wanted / step - 1e-9) * step, MAX_PROPORTION);
  const ticks: number[] = [];
  for (let index = 0; index * step <= top + 1e-9; index += 1) {
    ticks.push(Number((index * step).toPrecision(12)));
  }
  return { top: ticks[ticks.length - 1], ticks };
};

/** True when some period has a value and every value is 0: a flat line along the 0 % axis. */
export const isEveryValueZero = (data: readonly PChartDatum[]): boolean =>
  data.some((datum) => datum.value !== null) &&
  data.every((datum) => datum.value === null || datum.value === 0);

interface DotProps {
  readonly cx?: number;
  readonly cy?: number;
  readonly index?: number;
  readonly payload?: PChartDatum;
}

const renderDot = ({ cx, cy, index, payload }: DotProps) => {
  if (cx === undefined || cy === undefined || payload?.value === null || payload === undefined) {
    return <g key={`dot-${index}`} />;
  }
  if (payload.highlighted) {
    const size = 7;
    return (
      <path
        key={`dot-${index}`}
        className="p-chart-signal"
        d={`M${cx},${cy - size}L${cx + size},${cy}L${cx},${cy + size}L${cx - size},${cy}Z`}
        fill={P_CHART_COLOURS.highlighted}
        stroke="#ffffff"
        strokeWidth={1.5}
      />
    );
  }
  return (
    <circle
      key={`dot-${index}`}
      cx={cx}
      cy={cy}
      r={3.5}
      fill={P_CHART_COLOURS.value}
      stroke="#ffffff"
      strokeWidth={1}
    />
  );
};

/**
 * A p-chart: the proportion per period as a line with points, the centre line, and the upper
 * and lower control limits as steps (they move with each period's denominator). Highlighted
 * points are diamonds in another colour, so the signal does not rest on colour alone.
 */
export const PChart = ({
  title,
  description,
  data,
  formatCategory = (category) => category,
  formatValue,
  valueLabel,
  highlightedLabel,
  heightPx = 360,
  isAnimationActive = isChartAnimationActive(),
  zeroNote,
}: PChartProps) => {
  const valueAxis = pChartValueAxis(data);
  const renderTooltip = ({
    active,
    payload,
  }: TooltipContentProps<TooltipValueType, string | number>) => {
    const datum = payload?.[0]?.payload as PChartDatum | undefined;
    if (!active || !datum) return null;
    const show = (value: number | null) => (value === null ? '—' : formatValue(value));
    return (
      <div className="chart-tooltip">
        <strong>{formatCategory(datum.category)}</strong>
        <div>
          {valueLabel}: {show(datum.value)}
        </div>
        <div>
          Limits: {show(datum.lowerLimit)} – {show(datum.upperLimit)}
        </div>
        {datum.note ? <div className="chart-tooltip-note">{datum.note}</div> : null}
      </div>
    );
  };
  return (
    <div className="p-chart" aria-label={title} role="figure">
      <ComposedChart
        responsive
        style={{ width: '100%', height: heightPx }}
        data={[...data]}
        title={title}
        desc={description}
        margin={{ top: 12, right: 20, bottom: 8, left: 8 }}
      >
        <CartesianGrid stroke={GRID_COLOUR} vertical={false} />
        <XAxis
          dataKey="category"
          tickFormatter={(category: string) => formatCategory(category)}
          stroke={AXIS_COLOUR}
          tick={{ fontSize: 12 }}
          tickLine={false}
          minTickGap={12}
        />
        <YAxis
          stroke={AXIS_COLOUR}
          tick={{ fontSize: 12 }}
          tickLine={false}
          axisLine={false}
          width={64}
          domain={[0, valueAxis.top]}
          ticks={[...valueAxis.ticks]}
          allowDataOverflow
          tickFormatter={(value: number) => formatValue(value)}
        />
        <Tooltip content={renderTooltip} isAnimationActive={isAnimationActive} />
        <Line
          dataKey="upperLimit"
          name="Upper control limit"
          type="step"
          stroke={P_CHART_COLOURS.limit}
          strokeWidth={1.5}
          strokeDasharray="6 3"
          dot={false}
          activeDot={false}
          connectNulls={false}
          isAnimationActive={isAnimationActive}
        />
        <Line
          dataKey="lowerLimit"
          name="Lower control limit"
          type="step"
          stroke={P_CHART_COLOURS.limit}
          strokeWidth={1.5}
          strokeDasharray="6 3"
          dot={false}
          activeDot={false}
          connectNulls={false}
          isAnimationActive={isAnimationActive}
        />
        <Line
          dataKey="centre"
          name="Centre line"
          type="linear"
          stroke={P_CHART_COLOURS.centre}
          strokeWidth={1}
          dot={false}
          activeDot={false}
          isAnimationActive={isAnimationActive}
        />
        <Line
          dataKey="value"
          name={valueLabel}
          type="linear"
          stroke={P_CHART_COLOURS.value}
          strokeWidth={2}
          dot={renderDot}
          activeDot={{ r: 5 }}
          connectNulls={false}
          isAnimationActive={isAnimationActive}
        />
      </ComposedChart>
      {zeroNote && isEveryValueZero(data) ? <p className="chart-note">{zeroNote}</p> : null}
      <ul className="chart-legend" aria-label="Legend">
        <li>
          <svg width="26" height="12" aria-hidden="true">
            <line x1="0" y1="6" x2="26" y2="6" stroke={P_CHART_COLOURS.value} strokeWidth="2" />
            <circle cx="13" cy="6" r="3.5" fill={P_CHART_COLOURS.value} />
          </svg>
          {valueLabel}
        </li>
        <li>
          <svg width="26" height="12" aria-hidden="true">
            <line x1="0" y1="6" x2="26" y2="6" stroke={P_CHART_COLOURS.centre} strokeWidth="1" />
          </svg>
          Centre line (p̄)
        </li>
        <li>
          <svg width="26" height="12" aria-hidden="true">
            <line
              x1="0"
              y1="6"
              x2="26"
              y2="6"
              stroke={P_CHART_COLOURS.limit}
              strokeWidth="1.5"
              strokeDasharray="6 3"
            />
          </svg>
          Control limits (3 sigma)
        </li>
        <li>
          <svg width="26" height="14" aria-hidden="true">
            <path d="M13,0L20,7L13,14L6,7Z" fill={P_CHART_COLOURS.highlighted} />
          </svg>
          {highlightedLabel}
        </li>
      </ul>
    </div>
  );
};
