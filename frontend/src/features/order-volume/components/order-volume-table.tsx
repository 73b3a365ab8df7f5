import { formatMonthLabel } from '../utils/month-keys.js';
import { formatOrderCount } from '../utils/describe-order-volume.js';
import type { PivotedMonthlyVolume } from '../utils/pivot-monthly-volume.js';

export interface OrderVolumeTableProps {
  readonly volume: PivotedMonthlyVolume;
  readonly caption: string;
}

/** The chart's numbers, exactly: one row per month, one column per outcome, and totals. */
export const OrderVolumeTable = ({ volume, caption }: OrderVolumeTableProps) => {
  const { points, series, totalOrders } = volume;
  const totalOf = (key: string): number =>
    points.reduce((sum, point) => sum + Number(point[key] ?? 0), 0);
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table data-table-compact order-volume-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            {series.map((item) => (
              <th scope="col" key={item.key}>
                <span className="swatch" style={{ background: item.colour }} aria-hidden="true" />
                {item.label}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.month}>
              <th scope="row">{formatMonthLabel(point.month)}</th>
              {series.map((item) => (
                <td key={item.key}>{formatOrderCount(Number(point[item.key] ?? 0))}</td>
              ))}
              <td className="total">{formatOrderCount(point.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {series.map((item) => (
              <td key={item.key}>{formatOrderCount(totalOf(item.key))}</td>
            ))}
            <td className="total">{formatOrderCount(totalOrders)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
};
