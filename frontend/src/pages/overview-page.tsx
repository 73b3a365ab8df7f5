import { lazy, Suspense } from 'react';
import { useQuery } from '@apollo/client/react';
import { useAnalysisFilter } from '../app/use-analysis-filter.js';
import { useSignedInUser } from '../app/auth-context.js';
import { EmptyState, ErrorState, IMPORT_COMMAND, LoadingState } from '../app/page-states.js';
import { HeadlineFigures } from '../features/overview/components/headline-figures.js';
import { OutsideLimits } from '../features/overview/components/outside-limits.js';
import { OVERVIEW_QUERY } from '../features/overview/graphql/overview.graphql.js';
import { formatPeriod } from '../features/overview/utils/format-period.js';

// The small p-chart brings Recharts: it loads after the figures, so the first page stays light.
const OverviewTrend = lazy(() =>
  import('../features/overview/components/overview-trend.js').then((module) => ({
    default: module.OverviewTrend,
  })),
);

/** Route `/`: is this period worse than usual, and where should a quality manager look? */
export const OverviewPage = () => {
  const { filter, input } = useAnalysisFilter();
  const user = useSignedInUser();
  const { data, previousData, error } = useQuery(OVERVIEW_QUERY, {
    variables: { filter: input },
  });
  const shown = data ?? previousData;
  const department = filter.departments.length === 1 ? filter.departments[0] : null;

  let figures;
  if (error) figures = <ErrorState what="the overview" error={error} />;
  else if (!shown) figures = <LoadingState what="the overview" />;
  else if (!shown.overview.current.from && !shown.overview.current.to) {
    figures = (
      <EmptyState>
        No orders loaded yet — import data with <code>{IMPORT_COMMAND}</code>
      </EmptyState>
    );
  } else {
    const { current, previous } = shown.overview;
    figures = (
      <>
        <p className="period-line">
          <strong>{formatPeriod(current.from, current.to)}</strong> compared with{' '}
          {formatPeriod(previous.from, previous.to)}
          {shown !== data ? (
            <span className="filters-status" role="status">
              {' '}
              Updating…
            </span>
          ) : null}
        </p>
        <HeadlineFigures current={current} previous={previous} filter={filter} />
      </>
    );
  }

  return (
    <>
      <header className="page-header">
        <h1>Overview</h1>
        <p className="page-lede">
          Orders whose indicated exam involves radiation, and how often the decision moved away from
          it when the patient&rsquo;s dose history was high. Each figure links to where it comes
          from.
        </p>
      </header>
      {figures}
      <section className="card" aria-labelledby="overview-trend-heading">
        <h2 id="overview-trend-heading">Monthly conflict rate, {department ?? 'whole site'}</h2>
        <p className="caption">
          A point outside the dashed control limits, or a highlighted diamond, is a change that
          chance alone is unlikely to produce.
          {department === null && (filter.departments.length > 1 || user.departments)
            ? ' This chart is for the whole site; choose one department in the filter to chart it alone.'
            : ''}
        </p>
        <Suspense fallback={<LoadingState what="the chart" />}>
          <OverviewTrend department={department} />
        </Suspense>
      </section>
      {shown && (shown.overview.current.from || shown.overview.current.to) ? (
        <OutsideLimits
          input={{
            ...input,
            from: shown.overview.current.from ?? undefined,
            to: shown.overview.current.to ?? undefined,
          }}
          filter={filter}
          period={formatPeriod(shown.overview.current.from, shown.overview.current.to)}
        />
      ) : null}
    </>
  );
};
