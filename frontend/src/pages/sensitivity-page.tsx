import { useAnalysisFilter } from '../app/use-analysis-filter.js';
import { describeFilterMonths } from '../features/overview/utils/format-period.js';
import { SensitivityReport } from '../features/sensitivity/components/sensitivity-report.js';

/** Route `/sensitivity`: does the away-switch rate climb with the patient's dose history? */
export const SensitivityPage = () => {
  const { filter, input } = useAnalysisFilter();
  return (
    <>
      <header className="page-header">
        <h1>Dose-history sensitivity</h1>
        <p className="page-lede">
          Per indication group, how often the indicated exam was switched away from, for patients
          with low, moderate and high dose history.
        </p>
        <p className="period-line">
          <strong>{describeFilterMonths(filter.from, filter.to)}</strong>
        </p>
      </header>
      <section className="card" aria-label="Dose-history sensitivity">
        <SensitivityReport input={input} />
      </section>
    </>
  );
};
