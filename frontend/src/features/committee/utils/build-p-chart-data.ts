import type { MonthlyConflictTrendQuery, SpecialCauseRule } from '../../../generated/graphql.js';
import { formatMonthLabel } from '../../order-volume/utils/month-keys.js';
import { formatCount, formatPercent } from './format-committee-figures.js';

export type ConflictTrend = MonthlyConflictTrendQuery['monthlyConflictTrend'];
export type ConflictTrendMonth = ConflictTrend['months'][number];

/** One month of the p-chart: the rate, the centre line and the limits, as proportions. */
export interface PChartDatum {
  readonly month: string;
  readonly rate: number | null;
  readonly centre: number | null;
  readonly upperLimit: number | null;
  readonly lowerLimit: number | null;
  readonly isSpecialCause: boolean;
  readonly rules: readonly SpecialCauseRule[];
}

export const buildPChartData = (months: readonly ConflictTrendMonth[]): PChartDatum[] =>
  months.map((month) => ({
    month: month.month,
    rate: month.conflictRate,
    centre: month.centre,
    upperLimit: month.upperControlLimit,
    lowerLimit: month.lowerControlLimit,
    isSpecialCause: month.specialCauseRules.length > 0,
    rules: month.specialCauseRules,
  }));

export const SPECIAL_CAUSE_RULES: readonly {
  readonly rule: SpecialCauseRule;
  readonly label: string;
  readonly description: string;
}[] = [
  {
    rule: 'BEYOND_3_SIGMA',
    label: 'Beyond a limit',
    description: 'the month lies outside its control limits (3 sigma)',
  },
  {
    rule: 'RUN_OF_8',
    label: 'Run of 8',
    description: '8 or more months in a row on one side of the centre line',
  },
  {
    rule: 'TREND_OF_6',
    label: 'Trend of 6',
    description: '6 or more months in a row, each higher (or each lower) than the one before',
  },
];

export interface SpecialCauseSummary {
  readonly rule: SpecialCauseRule;
  readonly label: string;
  readonly description: string;
  /** Months flagged by the rule, YYYY-MM, in time order. */
  readonly months: readonly string[];
}

/** Every rule, with the months it flags (none for most rules in a stable process). */
export const summariseSpecialCauses = (
  months: readonly ConflictTrendMonth[],
): SpecialCauseSummary[] =>
  SPECIAL_CAUSE_RULES.map((rule) => ({
    ...rule,
    months: months
      .filter((month) => month.specialCauseRules.includes(rule.rule))
      .map((month) => month.month),
  }));

/** The rule labels of a month, e.g. "Beyond a limit, Run of 8"; empty when none. */
export const describeMonthRules = (rules: readonly SpecialCauseRule[]): string =>
  SPECIAL_CAUSE_RULES.filter((rule) => rules.includes(rule.rule))
    .map((rule) => rule.label)
    .join(', ');

const formatMonthRange = (first: string, last: string): string =>
  first === last
    ? formatMonthLabel(first)
    : `${formatMonthLabel(first)} – ${formatMonthLabel(last)}`;

/**
 * The chart caption: the centre line and where it comes from, e.g. "Centre line p̄ = 0.95%
 * (62 conflicts in 6,525 opportunities), from the baseline Nov 2024 – Oct 2025 (the first 12
 * months loaded)."
 */
export const describeBaseline = (trend: ConflictTrend): string => {
  if (trend.centre === null || !trend.baselineFirstMonth || !trend.baselineLastMonth) {
    return 'No centre line yet: the baseline months hold no assessable opportunities.';
  }
  const months =
    trend.baselineMonths === 1
      ? 'the first month loaded'
      : `the first ${trend.baselineMonths} months loaded`;
  const shortBaseline =
    trend.baselineMonths < trend.baselineMonthsSetting
      ? `; the setting asks for ${trend.baselineMonthsSetting}, fewer are loaded`
      : '';
  return (
    `Centre line p̄ = ${formatPercent(trend.centre)} (${formatCount(trend.baselineConflicts)} ` +
    `conflicts in ${formatCount(trend.baselineOpportunities)} opportunities), from the baseline ` +
    `${formatMonthRange(trend.baselineFirstMonth, trend.baselineLastMonth)} (${months}${shortBaseline}).`
  );
};
