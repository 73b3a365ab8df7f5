import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { analysisFilterSearch } from '../app/analysis-filter.js';
import { useAnalysisFilter } from '../app/use-analysis-filter.js';
import { ErrorState, LoadingState } from '../app/page-states.js';
import { PackMonth } from '../features/committee-pack/components/pack-month.js';
import { casesCsvHref } from '../features/committee-pack/utils/cases-csv-href.js';
import { describeScope } from '../features/committee-pack/utils/describe-scope.js';
import { OVERVIEW_QUERY } from '../features/overview/graphql/overview.graphql.js';
import { formatPeriod } from '../features/overview/utils/format-period.js';
import { listMonthsBetween } from '../features/order-volume/utils/month-keys.js';

const MOST_MONTHS = 12;
type Paper = 'A4' | 'Letter';

/**
 * Route `/pack?from=YYYY-MM&to=YYYY-MM`: the committee's printable pack, one page per month,
 * laid out for A4 and Letter. The server renders the same page to PDF
 * (GET /exports/committee-pack.pdf) with the caller's session.
 */
export const CommitteePackPage = () => {
  const { filter } = useAnalysisFilter();
  const [params, setParams] = useSearchParams();
  const paper: Paper = params.get('paper')?.toLowerCase() === 'letter' ? 'Letter' : 'A4';
  const setPaper = (next: Paper) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set('paper', next);
        return updated;
      },
      { replace: true },
    );
  const paperId = useId();
  const hasRange = filter.from !== null || filter.to !== null;
  const latest = useQuery(OVERVIEW_QUERY, { variables: { filter: null }, skip: hasRange });

  if (!hasRange && latest.error)
    return <ErrorState what="the committee pack" error={latest.error} />;
  if (!hasRange && !latest.data) return <LoadingState what="the committee pack" />;
  const first = filter.from ?? filter.to ?? latest.data?.overview.current.from ?? null;
  const last = filter.to ?? filter.from ?? latest.data?.overview.current.to ?? null;
  if (!first || !last) {
    return (
      <p className="state state-empty" role="status">
        No months loaded yet: there is nothing to put in a pack.
      </p>
    );
  }
  const allMonths = listMonthsBetween(first, last);
  const months = allMonths.slice(-MOST_MONTHS);
  const scope = describeScope(filter);
  const rangeFilter = { ...filter, from: months[0], to: months[months.length - 1] };
  const exportSearch = analysisFilterSearch(rangeFilter);
  const pdfHref = `/exports/committee-pack.pdf${exportSearch}&paper=${paper}`;
  const csvHref = casesCsvHref(rangeFilter);

  return (
    <div className={`pack pack-paper-${paper.toLowerCase()}`}>
      <style>{`@page { size: ${paper === 'A4' ? 'A4' : 'letter'}; margin: 12mm; }`}</style>
      <header className="page-header pack-screen-only">
        <h1>Committee pack</h1>
        <p className="page-lede">
          {formatPeriod(months[0], months[months.length - 1])} · {scope}. One page per month:
          headline figures against the month before, the p-chart, dose-history sensitivity,
          departments and clinicians against the funnel, and the dispositions of reviewed cases. No
          patient is identified.
        </p>
        <div className="pack-actions">
          <div className="filter-field">
            <label htmlFor={paperId}>Paper</label>
            <select
              id={paperId}
              value={paper}
              onChange={(event) => setPaper(event.target.value as Paper)}
            >
              <option value="A4">A4</option>
              <option value="Letter">Letter</option>
            </select>
          </div>
          <a className="button-primary" href={pdfHref} download>
            Download PDF
          </a>
          <a className="button-secondary" href={csvHref} download>
            Download the cases (CSV, de-identified)
          </a>
          <button type="button" className="button-secondary" onClick={() => window.print()}>
            Print
          </button>
        </div>
        {allMonths.length > months.length ? (
          <p className="caption">
            The pack holds at most {MOST_MONTHS} months: these are the last {MOST_MONTHS} of the{' '}
            {allMonths.length} chosen.
          </p>
        ) : null}
      </header>
      {months.map((month) => (
        <PackMonth key={month} month={month} filter={filter} scope={scope} />
      ))}
    </div>
  );
};
