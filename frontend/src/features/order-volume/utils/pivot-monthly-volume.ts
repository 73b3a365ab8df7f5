import { listMonthsBetween } from './month-keys.js';
import { compareOutcomes, describeOutcomeSeries, type OutcomeSeries } from './outcome-series.js';

/** One row of the `monthlyOrderVolume` query. */
export interface MonthlyOrderVolumeRow {
  readonly month: string;
  readonly outcome: string;
  readonly orders: number;
}

/** One month of the chart: `month` (YYYY-MM), `total`, and the order count per outcome key. */
export interface MonthlyVolumePoint {
  readonly month: string;
  readonly total: number;
  readonly [outcome: string]: string | number;
}

export interface PivotedMonthlyVolume {
  /** Every month from the first to the last with orders, in order, gaps filled with zeros. */
  readonly points: readonly MonthlyVolumePoint[];
  /** The outcomes present, in display order, with stable colours. */
  readonly series: readonly OutcomeSeries[];
  readonly totalOrders: number;
  readonly firstMonth: string | null;
  readonly lastMonth: string | null;
}

/**
 * Pivots (month, outcome, orders) rows into one object per month with a key per outcome, for a
 * stacked bar chart and its table. Repeated (month, outcome) rows are added together.
 */
export const pivotMonthlyVolume = (
  rows: readonly MonthlyOrderVolumeRow[],
): PivotedMonthlyVolume => {
  const ordersByMonth = new Map<string, Map<string, number>>();
  const outcomes = new Set<string>();
  for (const row of rows) {
    outcomes.add(row.outcome);
    const byOutcome = ordersByMonth.get(row.month) ?? new Map<string, number>();
    byOutcome.set(row.outcome, (byOutcome.get(row.outcome) ?? 0) + row.orders);
    ordersByMonth.set(row.month, byOutcome);
  }

  const series = [...outcomes].sort(compareOutcomes).map(describeOutcomeSeries);
  const monthsWithOrders = [...ordersByMonth.keys()].sort();
  const firstMonth = monthsWithOrders[0] ?? null;
  const lastMonth = monthsWithOrders[monthsWithOrders.length - 1] ?? null;
  const months = firstMonth && lastMonth ? listMonthsBetween(firstMonth, lastMonth) : [];

  let totalOrders = 0;
  const points = months.map((month): MonthlyVolumePoint => {
    const byOutcome = ordersByMonth.get(month);
    const ordersByOutcome: Record<string, number> = {};
    let total = 0;
    for (const { key } of series) {
      const orders = byOutcome?.get(key) ?? 0;
      ordersByOutcome[key] = orders;
      total += orders;
    }
    totalOrders += total;
    return { ...ordersByOutcome, month, total };
  });

  return { points, series, totalOrders, firstMonth, lastMonth };
};
