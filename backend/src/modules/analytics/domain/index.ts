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
} from '../../statistics/funnel-limits.js';
export {
  computeFunnelPlot,
  type FunnelCurvePoint,
  type FunnelPlotResult,
  type FunnelPlotUnit,
  type FunnelPosition,
  type FunnelUnit,
} from '../../statistics/funnel-plot.js';
export {
  computeMantelHaenszel,
  type MantelHaenszelResult,
  type MantelHaenszelStatus,
  type Stratum2x2,
} from '../../statistics/mantel-haenszel.js';
export {
  computePChart,
  DEFAULT_BASELINE_PERIODS,
  P_CHART_RULES,
  type PChartInputPoint,
  type PChartOptions,
  type PChartPoint,
  type PChartResult,
  type PChartRule,
} from '../../statistics/p-chart.js';
export {
  estimateBetweenUnitVariance,
  shrinkLogOddsRatio,
  type LogOddsRatioEstimate,
  type ShrunkLogOddsRatio,
} from '../../statistics/shrink-log-odds-ratio.js';
export {
  assembleConflictTrend,
  type ConflictTrend,
  type ConflictTrendMonth,
  type MonthlyConflictCounts,
  type MonthlyDoseHistoryStratum,
} from './assemble-conflict-trend.js';
export {
  assembleDepartmentVariation,
  FUNNEL_MEASURES,
  type ConflictRates,
  type DepartmentConflictCounts,
  type DepartmentDoseHistoryStratum,
  type DepartmentVariation,
  type DepartmentVariationRow,
  type FunnelMeasure,
} from './assemble-department-variation.js';
export {
  summariseDoseHistory,
  type DoseHistoryStratumCounts,
  type DoseHistorySummary,
  type OddsRatioSummary,
} from './summarise-dose-history.js';
export {
  adjustBenjaminiHochberg,
  computeUpperTailPValue,
} from '../../statistics/benjamini-hochberg.js';
export { computeWilsonInterval, type WilsonInterval } from '../../statistics/wilson-interval.js';
export {
  assemblePracticeVariation,
  compareByEvidence,
  comparePracticeVariation,
  orderByEvidence,
  pagePracticeVariation,
  practiceVariationCursor,
  withDoseHistory,
  PRACTICE_VARIATION_FDR,
  type PracticeVariation,
  type PracticeVariationComparison,
  type PracticeVariationOrder,
  type PracticeVariationPageInfo,
  type PracticeVariationPageRequest,
  type PracticeVariationRow,
  type PracticeVariationUnit,
  type UnitConflictCounts,
  type UnitDoseHistoryStratum,
} from './assemble-practice-variation.js';
export {
  assembleDoseHistorySensitivity,
  DOSE_BANDS,
  type BandStratumCounts,
  type DoseBandName,
  type DoseHistorySensitivity,
  type SensitivityBand,
  type SensitivityGroup,
} from './assemble-dose-history-sensitivity.js';
export {
  binFunnelDensity,
  CELLS_PER_DECADE,
  LINEAR_VOLUME_CELLS,
  LOG_SCALE_SPREAD,
  RATE_CELLS,
  roundUpNicely,
  type FunnelDensity,
  type FunnelDensityCell,
  type FunnelDensityGrid,
  type FunnelVolumeScale,
  type OutsidePosition,
} from './bin-funnel-density.js';
