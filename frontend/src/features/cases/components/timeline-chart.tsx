import { useState } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  Scatter,
  XAxis,
  YAxis,
} from 'recharts';
import { isChartAnimationActive } from '../../../charts/chart-animation.js';
import type { TimelinePoint, TimelineSeries } from '../utils/build-timeline-series.js';
import { formatDoseSource } from '../utils/case-labels.js';
import { formatDate, formatMsv } from '../utils/format-case-values.js';

export interface TimelineChartProps {
  readonly series: TimelineSeries;
  readonly timeZone: string;
  readonly title: string;
  readonly description: string;
  readonly heightPx?: number;
}

const AXIS_COLOUR = '#5b6472';
const GRID_COLOUR = '#e3e6eb';
const CED_LINE_COLOUR = '#1f2933';
const ORDER_COLOUR = '#0b4f8a';
const CHANGE_COLOUR = '#7a3e00';
export const BAND_FILLS = { MODERATE: '#fff1c2', HIGH: '#f9d3c6' } as const;
const DAY = 24 * 60 * 60 * 1000;

interface ShapeProps {
  readonly cx?: number;
  readonly cy?: number;
  readonly payload?: TimelinePoint;
}

interface Hovered {
  readonly point: TimelinePoint;
  readonly x: number;
  readonly y: number;
}

/**
 * A point per exam, in its modality's colour; the case's own exam ringed; unknown dose hollow.
 * Hovering (or focusing) a point shows its details: the chart keeps its own hover state, so the
 * details never depend on which series Recharts considers active.
 */
const examShape =
  (onHover: (hovered: Hovered | null) => void) =>
  ({ cx, cy, payload }: ShapeProps) => {
    if (cx === undefined || cy === undefined || !payload) return <g />;
    const unknown = payload.effectiveDoseMsv === null && payload.doseSource !== 'non_ionizing';
    const show = () => onHover({ point: payload, x: cx, y: cy });
    return (
      <g className="timeline-exam" onMouseEnter={show} onMouseLeave={() => onHover(null)}>
        {payload.isCaseOrder ? (
          <circle cx={cx} cy={cy} r={10} fill="none" stroke={ORDER_COLOUR} strokeWidth={2} />
        ) : null}
        {/* a larger transparent target, easier to hover */}
        <circle cx={cx} cy={cy} r={11} fill="transparent" />
        <circle
          cx={cx}
          cy={cy}
          r={6}
          fill={unknown ? '#ffffff' : payload.colour}
          stroke={unknown ? payload.colour : '#ffffff'}
          strokeWidth={unknown ? 2.5 : 1.5}
        />
      </g>
    );
  };

/** Ticks at the first of a year (or of a month for short histories). */
const timeTicks = (low: number, high: number): number[] => {
  const start = new Date(low);
  const ticks: number[] = [];
  const spanYears = (high - low) / (365.25 * DAY);
  if (spanYears >= 2) {
    const step = spanYears > 12 ? 2 : 1;
    for (let year = start.getUTCFullYear() + 1; Date.UTC(year, 0, 1) <= high; year += step) {
      ticks.push(Date.UTC(year, 0, 1));
    }
  } else {
    const step = spanYears > 0.75 ? 3 : 1;
    for (
      let month = start.getUTCMonth() + 1, year = start.getUTCFullYear();
      Date.UTC(year, month, 1) <= high;
      month += step
    ) {
      ticks.push(Date.UTC(year, month, 1));
    }
  }
  return ticks;
};

/**
 * The patient's imaging timeline: the running 5-year CED as a step line over the MODERATE and
 * HIGH bands, each exam a point on it coloured by modality, the order and its change as
 * vertical lines. Hover a point for its dose and where the dose came from.
 */
export const TimelineChart = ({
  series,
  timeZone,
  title,
  description,
  heightPx = 360,
}: TimelineChartProps) => {
  const animate = isChartAnimationActive();
  const span = Math.max(series.timeMax - series.timeMin, 30 * DAY);
  const low = series.timeMin - span * 0.03;
  const high = series.timeMax + span * 0.03;
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const renderTooltip = (point: TimelinePoint) => (
    <>
      <strong>
        {point.modality}
        {point.bodyRegion ? ` ${point.bodyRegion.toLowerCase().replace(/_/g, ' ')}` : ''},{' '}
        {formatDate(point.time, timeZone)}
      </strong>
      <div>
        Effective dose:{' '}
        {point.doseSource === 'non_ionizing' ? 'none' : formatMsv(point.effectiveDoseMsv)}
      </div>
      <div>Dose source: {formatDoseSource(point.doseSource)}</div>
      <div>CED 5 y after it: {formatMsv(point.ced5yMsv)}</div>
      {point.isCaseOrder ? (
        <div className="chart-tooltip-note">The exam this case&rsquo;s order became</div>
      ) : null}
    </>
  );
  const moderate = series.bands.find((band) => band.band === 'MODERATE');
  const highBand = series.bands.find((band) => band.band === 'HIGH');
  return (
    <div className="timeline-chart" role="figure" aria-label={title}>
      <div className="timeline-plot">
        <ComposedChart
          responsive
          style={{ width: '100%', height: heightPx }}
          title={title}
          desc={description}
          margin={{ top: 20, right: 24, bottom: 8, left: 8 }}
        >
          <CartesianGrid stroke={GRID_COLOUR} />
          {moderate ? (
            <ReferenceArea
              y1={moderate.fromMsv}
              y2={moderate.toMsv}
              fill={BAND_FILLS.MODERATE}
              fillOpacity={0.8}
              ifOverflow="hidden"
              label={{
                value: 'Moderate band',
                position: 'insideTopLeft',
                fill: '#5c4400',
                fontSize: 12,
              }}
            />
          ) : null}
          {highBand ? (
            <ReferenceArea
              y1={highBand.fromMsv}
              y2={highBand.toMsv}
              fill={BAND_FILLS.HIGH}
              fillOpacity={0.8}
              ifOverflow="hidden"
              label={{
                value: 'High band',
                position: 'insideTopLeft',
                fill: '#8a1c07',
                fontSize: 12,
              }}
            />
          ) : null}
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={[low, high]}
            ticks={timeTicks(low, high)}
            tickFormatter={(time: number) => formatDate(time, timeZone).replace(/^1 /, '')}
            stroke={AXIS_COLOUR}
            tick={{ fontSize: 12 }}
            allowDataOverflow
          />
          <YAxis
            type="number"
            domain={[0, series.doseMaxMsv]}
            stroke={AXIS_COLOUR}
            tick={{ fontSize: 12 }}
            width={72}
            tickFormatter={(value: number) => `${value.toLocaleString('en-US')} mSv`}
            allowDataOverflow
          />
          <ReferenceLine
            x={series.orderTime}
            stroke={ORDER_COLOUR}
            strokeWidth={2}
            label={{ value: 'Order', position: 'top', fill: ORDER_COLOUR, fontSize: 12 }}
          />
          {series.changeTime !== null ? (
            <ReferenceLine
              x={series.changeTime}
              stroke={CHANGE_COLOUR}
              strokeWidth={2}
              strokeDasharray="5 3"
              label={{
                value: 'Change',
                position: 'insideTopRight',
                fill: CHANGE_COLOUR,
                fontSize: 12,
              }}
            />
          ) : null}
          <Line
            data={[...series.cedLine]}
            dataKey="ced5yMsv"
            type="stepAfter"
            stroke={CED_LINE_COLOUR}
            strokeWidth={2}
            dot={false}
            activeDot={false}
            isAnimationActive={animate}
            name="CED 5 y"
            tooltipType="none"
          />
          <Scatter
            data={[...series.points]}
            dataKey="ced5yMsv"
            shape={examShape(setHovered)}
            isAnimationActive={animate}
            name="Exams"
          />
        </ComposedChart>
        {hovered ? (
          <div
            className="chart-tooltip timeline-tooltip"
            role="status"
            style={{
              left: hovered.x,
              top: hovered.y,
              transform: `translate(${hovered.x > 600 ? 'calc(-100% - 14px)' : '14px'}, -50%)`,
            }}
          >
            {renderTooltip(hovered.point)}
          </div>
        ) : null}
      </div>
      <ul className="chart-legend" aria-label="Legend">
        {series.modalities.map((modality) => (
          <li key={modality.modality}>
            <svg width="14" height="14" aria-hidden="true">
              <circle cx="7" cy="7" r="6" fill={modality.colour} />
            </svg>
            {modality.modality} ({modality.exams})
          </li>
        ))}
        <li>
          <svg width="26" height="12" aria-hidden="true">
            <line x1="0" y1="6" x2="26" y2="6" stroke={CED_LINE_COLOUR} strokeWidth="2" />
          </svg>
          CED over 5 years
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" fill="#fff" stroke="#5b6472" strokeWidth="2" />
          </svg>
          Dose unknown
        </li>
        <li>
          <svg width="12" height="16" aria-hidden="true">
            <line x1="6" y1="0" x2="6" y2="16" stroke={ORDER_COLOUR} strokeWidth="2" />
          </svg>
          Order
        </li>
        {series.changeTime !== null ? (
          <li>
            <svg width="12" height="16" aria-hidden="true">
              <line
                x1="6"
                y1="0"
                x2="6"
                y2="16"
                stroke={CHANGE_COLOUR}
                strokeWidth="2"
                strokeDasharray="4 2"
              />
            </svg>
            Change of the order
          </li>
        ) : null}
      </ul>
    </div>
  );
};
