import { formatMonthLabel } from './month-keys.js';
import type { PivotedMonthlyVolume } from './pivot-monthly-volume.js';

const orderCountFormat = new Intl.NumberFormat('en-US');

export const formatOrderCount = (orders: number): string => orderCountFormat.format(orders);

/** The chart caption: how many orders over which months, e.g. "1,234 orders, Jan 2024 – Jun 2024". */
export const describeOrderVolume = ({
  totalOrders,
  firstMonth,
  lastMonth,
}: Pick<PivotedMonthlyVolume, 'totalOrders' | 'firstMonth' | 'lastMonth'>): string => {
  const orders = `${formatOrderCount(totalOrders)} ${totalOrders === 1 ? 'order' : 'orders'}`;
  if (!firstMonth || !lastMonth) return orders;
  if (firstMonth === lastMonth) return `${orders} in ${formatMonthLabel(firstMonth)}`;
  return `${orders}, ${formatMonthLabel(firstMonth)} – ${formatMonthLabel(lastMonth)}`;
};
