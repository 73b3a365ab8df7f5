export {
  computeExcessAwaySwitches,
  type BandSwitchCounts,
  type ExcessAwaySwitchesResult,
} from './excess-away-switches.js';
export {
  computeBinomialCdf,
  computeFunnelLimits,
  computeLogGamma,
  type FunnelLimits,
} from './funnel-limits.js';
export {
  computeFunnelPlot,
  type FunnelCurvePoint,
  type FunnelPlotResult,
  type FunnelPlotUnit,
  type FunnelPosition,
  type FunnelUnit,
} from './funnel-plot.js';
export {
  computeMantelHaenszel,
  type MantelHaenszelResult,
  type MantelHaenszelStatus,
  type Stratum2x2,
} from './mantel-haenszel.js';
export {
  computePChart,
  DEFAULT_BASELINE_PERIODS,
  P_CHART_RULES,
  type PChartInputPoint,
  type PChartOptions,
  type PChartPoint,
  type PChartResult,
  type PChartRule,
} from './p-chart.js';
export {
  estimateBetweenUnitVariance,
  shrinkLogOddsRatio,
  type LogOddsRatioEstimate,
  type ShrunkLogOddsRatio,
} from './shrink-log-odds-ratio.js';
