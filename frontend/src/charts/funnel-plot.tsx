import {
  CartesianGrid,
  DefaultZIndexes,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZIndexLayer,
  useXAxisScale,
  useYAxisScale,
  type TooltipContentProps,
  type TooltipValueType,
} from 'recharts';
import { isChartAnimationActive } from './chart-animation.js';

export type FunnelPlotTone = 'ABOVE' | 'WITHIN' | 'BELOW';

export interface FunnelPlotPoint {
  readonly label: string;
  readonly volume: number;
  readonly value: number;
  readonly tone: FunnelPlotTone;
  /** Shown in the tooltip under the value, e.g. "Above 95% limit". */
  readonly note?: string;
  /** Identifies the point to `onPointClick`. */
  readonly id?: string;
  /** false: no label on the plot even if its tone is labelled (crowded plots). */
  readonly labelled?: boolean;
}

export interface FunnelPlotLimitPoint {
  readonly volume: number;
  readonly target: number;
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
}

/** Units within the limits in one cell of a grid, in data coordinates. */
export interface FunnelPlotDensityCell {
  readonly volumeFrom: number;
  readonly volumeTo: number;
  readonly valueFrom: number;
  readonly valueTo: number;
  readonly count: number;
}

/** A background layer of counts per cell: the units a plot of everyone does not draw one by one. */
export interface FunnelPlotDensity {
  readonly cells: readonly FunnelPlotDensityCell[];
  /** The count of the darkest cell. */
  readonly maxCount: number;
  /** What a cell counts, plural ("clinicians within the limits"). */
  readonly countLabel: string;
}

export interface FunnelPlotProps {
  readonly title: string;
  readonly description: string;
  readonly points: readonly FunnelPlotPoint[];
  readonly limits: readonly FunnelPlotLimitPoint[];
  readonly valueMax: number;
  readonly volumeMin: number;
  readonly volumeMax: number;
  readonly volumeScale: 'log' | 'linear';
  readonly formatValue: (value: number) => string;
  readonly valueLabel: string;
  readonly volumeLabel: string;
  readonly targetLabel: string;
  readonly heightPx?: number;
  readonly isAnimationActive?: boolean;
  /** Makes the points clickable (e.g. to open the cases behind one); the table offers the same by keyboard. */
  readonly onPointClick?: (point: FunnelPlotPoint) => void;
  /** Which points carry their label on the plot (default: every point outside the limits). */
  readonly labelledTones?: readonly FunnelPlotTone[];
  /** Shaded cells under the points (units not drawn one by one), with their legend. */
  readonly density?: FunnelPlotDensity;
  /** The volume axis's ends, when given (a density's grid); else from volumeMin and volumeMax. */
  readonly volumeDomain?: readonly [number, number];
}

/** Okabe–Ito colours; each tone also has its own marker shape. */
export const FUNNEL_COLOURS = {
  ABOVE: '#D55E00',
  WITHIN: '#0072B2',
  BELOW: '#009E73',
  target: '#1f2933',
  limit95: '#E69F00',
  limit998: '#CC79A7',
} as const;

const TONE_LABELS: Readonly<Record<FunnelPlotTone, string>> = {
  ABOVE: 'Above a limit',
  WITHIN: 'Within the limits',
  BELOW: 'Below a limit',
};

const AXIS_COLOUR = '#5b6472';
const GRID_COLOUR = '#e3e6eb';
const volumeFormat = new Intl.NumberFormat('en-US');

const markerPath = (tone: FunnelPlotTone, cx: number, cy: number, size: number): string => {
  if (tone === 'ABOVE')
    return `M${cx},${cy - size}L${cx + size},${cy + size * 0.8}L${cx - size},${cy + size * 0.8}Z`;
  if (tone === 'BELOW')
    return `M${cx},${cy + size}L${cx + size},${cy - size * 0.8}L${cx - size},${cy - size * 0.8}Z`;
  return '';
};

const Marker = ({ tone, cx, cy }: { tone: FunnelPlotTone; cx: number; cy: number }) =>
  tone === 'WITHIN' ? (
    <circle cx={cx} cy={cy} r={6} fill={FUNNEL_COLOURS.WITHIN} stroke="#ffffff" strokeWidth={1.5} />
  ) : (
    <path
      d={markerPath(tone, cx, cy, 7.5)}
      fill={FUNNEL_COLOURS[tone]}
      stroke="#ffffff"
      strokeWidth={1.5}
    />
  );

/** Ticks 1, 2, 5 × 10^k inside the domain, for a logarithmic volume axis. */
const logTicks = (low: number, high: number): number[] => {
  const ticks: number[] = [];
  for (let power = Math.floor(Math.log10(low)); power <= Math.ceil(Math.log10(high)); power += 1) {
    for (const multiple of [1, 2, 5]) {
      const tick = multiple * 10 ** power;
      if (tick >= low && tick <= high) ticks.push(tick);
    }
  }
  return ticks;
};

const TICK_STEPS = [1, 2, 5, 10];

/**
 * Ticks from 0 to `high` at a round step (1, 2 or 5 × 10^k), at most six steps: no 2.5, whose
 * ticks (12.5 %) a whole-percent label would round.
 */
export const valueTicks = (high: number): number[] => {
  if (!(high > 0)) return [0];
  const rough = high / 6;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = (TICK_STEPS.find((multiple) => multiple * power >= rough - 1e-12) ?? 10) * power;
  const ticks: number[] = [];
  for (let index = 0; index * step <= high + 1e-9; index += 1) ticks.push(index * step);
  return ticks;
};

/**
 * Where the label of a flagged point goes: left of points in the right quarter of the plot;
 * above the marker for points below the funnel (they often sit on the axis).
 */
const placeLabel = (fraction: number): 'left' | 'right' => (fraction > 0.75 ? 'left' : 'right');

interface ShapeProps {
  readonly cx?: number;
  readonly cy?: number;
  readonly payload?: FunnelPlotPoint & { readonly labelSide?: 'left' | 'right' | null };
}

const makeRenderPoint =
  (onPointClick?: (point: FunnelPlotPoint) => void) =>
  ({ cx, cy, payload }: ShapeProps) => {
    if (cx === undefined || cy === undefined || !payload) return <g />;
    const side = payload.labelSide;
    return (
      <g
        className={`funnel-point funnel-point-${payload.tone.toLowerCase()}`}
        data-id={payload.id}
        style={onPointClick ? { cursor: 'pointer' } : undefined}
        onClick={onPointClick ? () => onPointClick(payload) : undefined}
      >
        <Marker tone={payload.tone} cx={cx} cy={cy} />
        {side ? (
          <text
            x={side === 'right' ? cx + 11 : cx - 11}
            y={payload.tone === 'BELOW' ? cy - 12 : cy}
            dy="0.35em"
            textAnchor={side === 'right' ? 'start' : 'end'}
            fontSize={12}
            fontWeight={600}
            fill="#1f2933"
            stroke="#ffffff"
            strokeWidth={3}
            paintOrder="stroke"
          >
            {payload.label}
          </text>
        ) : null}
      </g>
    );
  };

const noShape = () => <g />;

/** A label's box as a share of the plot: about 110 px of a 1,000 px wide plot, one line high. */
const LABEL_WIDTH_SHARE = 0.11;
const LABEL_HEIGHT_PX = 16;

/**
 * Drops the labels that would overlap an earlier one (points come most important first): a
 * cluster of names is unreadable, and the table and the sentence above the plot name them all.
 * Positions are shares of the plot's width and height (`at`), so the check needs no layout.
 */
export const withoutCollidingLabels = <
  Point extends { readonly labelSide: 'left' | 'right' | null },
>(
  points: readonly Point[],
  at: (point: Point) => readonly [x: number, y: number],
  heightPx: number,
): Point[] => {
  const placed: { left: number; y: number }[] = [];
  const heightShare = LABEL_HEIGHT_PX / heightPx;
  return points.map((point) => {
    if (point.labelSide === null) return point;
    const [x, y] = at(point);
    const left = point.labelSide === 'right' ? x : x - LABEL_WIDTH_SHARE;
    const collides = placed.some(
      (box) => Math.abs(box.left - left) < LABEL_WIDTH_SHARE && Math.abs(box.y - y) < heightShare,
    );
    if (collides) return { ...point, labelSide: null };
    placed.push({ left, y });
    return point;
  });
};

/** A cell's opacity: by the logarithm of its count, so one unit shows and a crowd does not hide it. */
export const densityOpacity = (count: number, maxCount: number): number =>
  maxCount <= 1 ? 0.4 : 0.15 + 0.5 * (Math.log(count) / Math.log(maxCount));

const cellCountFormat = new Intl.NumberFormat('en-US');

/**
 * The density's cells as rectangles on the chart's own scales (Recharts 3.8 axis-scale hooks),
 * above the grid and below the limit lines and points. Hovering a cell names its count.
 */
const DensityLayer = ({
  density,
  formatValue,
}: {
  density: FunnelPlotDensity;
  formatValue: (value: number) => string;
}) => {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (!xScale || !yScale) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.area}>
      <g className="funnel-density">
        {density.cells.map((cell) => {
          const left = xScale(cell.volumeFrom);
          const right = xScale(cell.volumeTo);
          const top = yScale(cell.valueTo);
          const bottom = yScale(cell.valueFrom);
          if (left === undefined || right === undefined || top === undefined) return null;
          if (bottom === undefined) return null;
          return (
            <rect
              key={`${cell.volumeFrom} ${cell.valueFrom}`}
              className="funnel-density-cell"
              data-count={cell.count}
              x={Math.min(left, right)}
              y={Math.min(top, bottom)}
              width={Math.abs(right - left)}
              height={Math.abs(bottom - top)}
              fill={FUNNEL_COLOURS.WITHIN}
              fillOpacity={densityOpacity(cell.count, density.maxCount)}
            >
              <title>
                {`${cellCountFormat.format(cell.count)} ${density.countLabel}: ` +
                  `${cellCountFormat.format(Math.ceil(cell.volumeFrom))}–${cellCountFormat.format(Math.ceil(cell.volumeTo) - 1)} opportunities, ` +
                  `${formatValue(cell.valueFrom)}–${formatValue(cell.valueTo)}`}
              </title>
            </rect>
          );
        })}
      </g>
    </ZIndexLayer>
  );
};

/**
 * A funnel plot: units' rates (y) against their volume (x), with the target line and the 95 %
 * and 99.8 % limits drawn as curves. Points outside the limits carry their label; hovering any
 * point shows its label, value and volume.
 */
export const FunnelPlot = ({
  title,
  description,
  points,
  limits,
  valueMax,
  volumeMin,
  volumeMax,
  volumeScale,
  formatValue,
  valueLabel,
  volumeLabel,
  targetLabel,
  heightPx = 440,
  isAnimationActive = isChartAnimationActive(),
  onPointClick,
  labelledTones = ['ABOVE', 'BELOW'],
  density,
  volumeDomain,
}: FunnelPlotProps) => {
  const renderPoint = makeRenderPoint(onPointClick);
  const domainLow =
    volumeDomain?.[0] ??
    (volumeScale === 'log' ? 10 ** Math.floor(Math.log10(Math.max(1, volumeMin / 2))) : 0);
  const domainHigh =
    volumeDomain?.[1] ??
    (volumeScale === 'log'
      ? 10 ** Math.ceil(Math.log10(volumeMax * 1.05))
      : Math.ceil((volumeMax * 1.08) / 100) * 100);
  const fractionOf = (volume: number): number =>
    volumeScale === 'log'
      ? (Math.log10(volume) - Math.log10(domainLow)) /
        (Math.log10(domainHigh) - Math.log10(domainLow))
      : (volume - domainLow) / (domainHigh - domainLow);
  const curve = limits.filter((point) => point.volume >= domainLow);
  const lineOf = (key: Exclude<keyof FunnelPlotLimitPoint, 'volume'>) =>
    curve.map((point) => ({ volume: point.volume, value: point[key] }));
  const labelled = withoutCollidingLabels(
    points.map((point) => ({
      ...point,
      labelSide:
        labelledTones.includes(point.tone) && point.labelled !== false
          ? placeLabel(fractionOf(point.volume))
          : null,
    })),
    (point) => [fractionOf(point.volume), point.value / valueMax],
    heightPx,
  );
  const renderTooltip = ({
    active,
    payload,
  }: TooltipContentProps<TooltipValueType, string | number>) => {
    const point = payload?.find((item) => (item.payload as FunnelPlotPoint)?.label !== undefined)
      ?.payload as FunnelPlotPoint | undefined;
    if (!active || !point) return null;
    return (
      <div className="chart-tooltip">
        <strong>{point.label}</strong>
        <div>
          {valueLabel}: {formatValue(point.value)}
        </div>
        <div>
          {volumeLabel}: {volumeFormat.format(point.volume)}
        </div>
        {point.note ? <div className="chart-tooltip-note">{point.note}</div> : null}
      </div>
    );
  };
  const limitLine = (
    key: Exclude<keyof FunnelPlotLimitPoint, 'volume'>,
    colour: string,
    dash?: string,
  ) => (
    <Scatter
      key={key}
      name={key}
      data={lineOf(key)}
      line={{ stroke: colour, strokeWidth: key === 'target' ? 1 : 1.5, strokeDasharray: dash }}
      lineType="joint"
      shape={noShape}
      legendType="none"
      tooltipType="none"
      isAnimationActive={isAnimationActive}
    />
  );
  return (
    <div className="funnel-plot" aria-label={title} role="figure">
      <ScatterChart
        responsive
        style={{ width: '100%', height: heightPx }}
        title={title}
        desc={description}
        margin={{ top: 12, right: 24, bottom: 24, left: 8 }}
      >
        <CartesianGrid stroke={GRID_COLOUR} />
        <XAxis
          dataKey="volume"
          type="number"
          scale={volumeScale}
          domain={[domainLow, domainHigh]}
          ticks={volumeScale === 'log' ? logTicks(domainLow, domainHigh) : undefined}
          allowDataOverflow
          tickFormatter={(volume: number) => volumeFormat.format(volume)}
          stroke={AXIS_COLOUR}
          tick={{ fontSize: 12 }}
          label={{
            value: `${volumeLabel}${volumeScale === 'log' ? ' (logarithmic scale)' : ''}`,
            position: 'insideBottom',
            offset: -14,
            style: { fill: AXIS_COLOUR, fontSize: 12 },
          }}
        />
        <YAxis
          dataKey="value"
          type="number"
          domain={[0, valueMax]}
          ticks={valueTicks(valueMax)}
          allowDataOverflow
          tickFormatter={(value: number) => formatValue(value)}
          stroke={AXIS_COLOUR}
          tick={{ fontSize: 12 }}
          tickLine={false}
          axisLine={false}
          width={64}
        />
        {density ? <DensityLayer density={density} formatValue={formatValue} /> : null}
        <Tooltip content={renderTooltip} cursor={false} isAnimationActive={isAnimationActive} />
        {limitLine('upper998', FUNNEL_COLOURS.limit998)}
        {limitLine('lower998', FUNNEL_COLOURS.limit998)}
        {limitLine('upper95', FUNNEL_COLOURS.limit95, '6 3')}
        {limitLine('lower95', FUNNEL_COLOURS.limit95, '6 3')}
        {limitLine('target', FUNNEL_COLOURS.target)}
        <Scatter
          name={valueLabel}
          data={labelled}
          shape={renderPoint}
          isAnimationActive={isAnimationActive}
          onClick={
            onPointClick
              ? (item: unknown) => {
                  const point = (item as { payload?: FunnelPlotPoint } | undefined)?.payload;
                  if (point) onPointClick(point);
                }
              : undefined
          }
        />
      </ScatterChart>
      <ul className="chart-legend" aria-label="Legend">
        {density ? (
          <li className="chart-legend-density">
            <svg width="42" height="14" aria-hidden="true">
              {[1, Math.max(1, Math.round(Math.sqrt(density.maxCount))), density.maxCount].map(
                (count, index) => (
                  <rect
                    key={index}
                    x={index * 14}
                    y="0"
                    width="14"
                    height="14"
                    fill={FUNNEL_COLOURS.WITHIN}
                    fillOpacity={densityOpacity(count, density.maxCount)}
                  />
                ),
              )}
            </svg>
            Shaded cell: {density.countLabel} at that volume and rate, lightest 1, darkest{' '}
            {cellCountFormat.format(density.maxCount)}
          </li>
        ) : null}
        {(['ABOVE', 'WITHIN', 'BELOW'] as const).map((tone) => (
          <li key={tone}>
            <svg width="18" height="18" aria-hidden="true">
              <Marker tone={tone} cx={9} cy={9} />
            </svg>
            {density && tone === 'WITHIN'
              ? 'Within the limits (a row of the table)'
              : TONE_LABELS[tone]}
          </li>
        ))}
        <li>
          <svg width="26" height="12" aria-hidden="true">
            <line x1="0" y1="6" x2="26" y2="6" stroke={FUNNEL_COLOURS.target} strokeWidth="1" />
          </svg>
          {targetLabel}
        </li>
        <li>
          <svg width="26" height="12" aria-hidden="true">
            <line
              x1="0"
              y1="6"
              x2="26"
              y2="6"
              stroke={FUNNEL_COLOURS.limit95}
              strokeWidth="1.5"
              strokeDasharray="6 3"
            />
          </svg>
          95% limits
        </li>
        <li>
          <svg width="26" height="12" aria-hidden="true">
            <line x1="0" y1="6" x2="26" y2="6" stroke={FUNNEL_COLOURS.limit998} strokeWidth="1.5" />
          </svg>
          99.8% limits
        </li>
      </ul>
    </div>
  );
};
