import { lazy, Suspense } from 'react';
import { useMonthlyOrderVolume } from '../hooks/use-monthly-order-volume.js';
import { describeOrderVolume } from '../utils/describe-order-volume.js';
import { formatMonthLabel } from '../utils/month-keys.js';
import { pivotMonthlyVolume } from '../utils/pivot-monthly-volume.js';
import { OrderVolumeTable } from './order-volume-table.js';

// Recharts loads after the page's table, so the route's first JavaScript stays small.
const StackedBarChart = lazy(() =>
  import('../../../charts/stacked-bar-chart.js').then((module) => ({
    default: module.StackedBarChart,
  })),
);

export const IMPORT_COMMAND = 'npm run grounds -- import csv <dir>';

/** Monthly order volume by outcome: loading, error, empty, or the chart with its table. */
export const OrderVolumeReport = () => {
  const state = useMonthlyOrderVolume();

  if (state.status === 'loading') {
    return (
      <p className="state state-loading" role="status">
        Loading order volume…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="state state-error" role="alert">
        The order volume could not be loaded; check that the Clinical Grounds server is running,
        then reload this page.
      </p>
    );
  }

  const volume = pivotMonthlyVolume(state.rows);
  if (volume.totalOrders === 0) {
    return (
      <p className="state state-empty" role="status">
        No orders loaded yet — import data with <code>{IMPORT_COMMAND}</code>
      </p>
    );
  }

  const caption = describeOrderVolume(volume);
  return (
    <section className="card" aria-labelledby="order-volume-heading">
      <h2 id="order-volume-heading">Orders per month by outcome</h2>
      <p className="caption">{caption}</p>
      <Suspense
        fallback={
          <p className="state state-loading" role="status">
            Loading the chart…
          </p>
        }
      >
        <StackedBarChart
          title="Orders per month by outcome"
          description={`Stacked bars, one per month, split by outcome: ${volume.series
            .map((item) => item.label)
            .join(', ')}. ${caption}.`}
          data={volume.points}
          categoryKey="month"
          series={volume.series}
          formatCategory={formatMonthLabel}
          valueAxisLabel="Orders"
        />
      </Suspense>
      <OrderVolumeTable volume={volume} caption={`Orders per month by outcome: ${caption}`} />
    </section>
  );
};
