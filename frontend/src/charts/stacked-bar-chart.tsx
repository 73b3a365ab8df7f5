import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { isChartAnimationActive } from './chart-animation.js';

/** One stacked series: the key of its value in each datum, its legend label and colour. */
export interface StackedBarSeries {
  readonly key: string;
  readonly label: string;
  readonly colour: string;
}

export type StackedBarDatum = Readonly<Record<string, string | number>>;

export interface StackedBarChartProps {
  /** Read by screen readers as the chart's name (SVG `<title>`). */
  readonly title: string;
  /** Read by screen readers after the title (SVG `<desc>`): what the bars show. */
  readonly description: string;
  readonly data: readonly StackedBarDatum[];
  /** Key of the category (x axis) in each datum. */
  readonly categoryKey: string;
  readonly series: readonly StackedBarSeries[];
  readonly formatCategory?: (category: string) => string;
  readonly valueAxisLabel?: string;
  readonly heightPx?: number;
  /** Defaults to off in tests and with `?noanimation`, on otherwise. */
  readonly isAnimationActive?: boolean;
}

const AXIS_COLOUR = '#5b6472';
const TEXT_COLOUR = '#1f2933';
const GRID_COLOUR = '#e3e6eb';

/** A generic stacked bar chart: props in, SVG out. */
export const StackedBarChart = ({
  title,
  description,
  data,
  categoryKey,
  series,
  formatCategory = (category) => category,
  valueAxisLabel,
  heightPx = 360,
  isAnimationActive = isChartAnimationActive(),
}: StackedBarChartProps) => {
  // Tooltip and legend list the series in the given order, as the table beside the chart does.
  const seriesRank = (dataKey: unknown): number => series.findIndex((item) => item.key === dataKey);
  return (
    <div className="stacked-bar-chart" aria-label={title} role="figure">
      <BarChart
        responsive
        style={{ width: '100%', height: heightPx }}
        data={[...data]}
        title={title}
        desc={description}
        margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        barCategoryGap="18%"
      >
        <CartesianGrid stroke={GRID_COLOUR} vertical={false} />
        <XAxis
          dataKey={categoryKey}
          tickFormatter={(category: string) => formatCategory(category)}
          stroke={AXIS_COLOUR}
          tick={{ fontSize: 12 }}
          tickLine={false}
          minTickGap={12}
        />
        <YAxis
          allowDecimals={false}
          stroke={AXIS_COLOUR}
          tick={{ fontSize: 12 }}
          tickLine={false}
          axisLine={false}
          width={56}
          label={
            valueAxisLabel
              ? {
                  value: valueAxisLabel,
                  angle: -90,
                  position: 'insideLeft',
                  style: { fill: AXIS_COLOUR, fontSize: 12, textAnchor: 'middle' },
                }
              : undefined
          }
        />
        <Tooltip
          labelFormatter={(category) => formatCategory(String(category))}
          itemSorter={(item) => seriesRank(item.dataKey)}
          cursor={{ fill: 'rgba(91, 100, 114, 0.08)' }}
          isAnimationActive={isAnimationActive}
        />
        <Legend
          iconType="square"
          itemSorter={null}
          formatter={(label: string) => <span style={{ color: TEXT_COLOUR }}>{label}</span>}
          wrapperStyle={{ fontSize: 13, paddingTop: 8 }}
        />
        {series.map((item) => (
          <Bar
            key={item.key}
            dataKey={item.key}
            name={item.label}
            stackId="stack"
            fill={item.colour}
            isAnimationActive={isAnimationActive}
          />
        ))}
      </BarChart>
    </div>
  );
};
