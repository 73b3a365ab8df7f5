import { OrderVolumeReport } from '../features/order-volume/components/order-volume-report.js';

/** Route `/`: how many orders were loaded, month by month, and what became of them. */
export const OrderVolumePage = () => (
  <>
    <header className="page-header">
      <h1>Order volume</h1>
      <p className="page-lede">
        Imaging orders per month, by outcome: the modality performed, or cancelled, not performed or
        still pending.
      </p>
    </header>
    <OrderVolumeReport />
  </>
);
