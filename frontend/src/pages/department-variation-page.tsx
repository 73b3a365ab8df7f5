import { DepartmentVariationReport } from '../features/committee/components/department-variation-report.js';

/** Route `/departments`: which departments differ from the site more than chance explains? */
export const DepartmentVariationPage = () => (
  <>
    <header className="page-header">
      <h1>Departments</h1>
      <p className="page-lede">
        Each department&rsquo;s rate against the site&rsquo;s on a funnel plot, and whether its
        away-switches follow patients&rsquo; dose history. Figures are aggregates; no patient or
        clinician is identified.
      </p>
    </header>
    <DepartmentVariationReport />
  </>
);
