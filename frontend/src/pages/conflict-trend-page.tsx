import { ConflictTrendReport } from '../features/committee/components/conflict-trend-report.js';

/** Route `/trend`: is the monthly conflict rate stable, or has something changed? */
export const ConflictTrendPage = () => (
  <>
    <header className="page-header">
      <h1>Trend</h1>
      <p className="page-lede">
        The monthly conflict rate — documented and probable cases of an imaging decision steered by
        dose history, per assessable opportunity — on a p-chart: points between the control limits
        vary by chance; a highlighted point signals a real change.
      </p>
    </header>
    <ConflictTrendReport />
  </>
);
