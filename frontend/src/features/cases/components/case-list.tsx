import { useLocation, useSearchParams } from 'react-router';
import { ErrorState, EmptyState, LoadingState } from '../../../app/page-states.js';
import { useSignedInUser } from '../../../app/auth-context.js';
import { useCaseList } from '../hooks/use-case-list.js';
import { useSiteTimeZone } from '../hooks/use-site-time-zone.js';
import { writeCaseListParams } from '../utils/case-list-params.js';
import { formatCount } from '../utils/format-case-values.js';
import { CaseListFilters } from './case-list-filters.js';
import { CaseTable } from './case-table.js';
import '../cases.css';

interface PageHistory {
  /** Cursors of the pages before this one (null: the first page). */
  readonly previous?: readonly (string | null)[];
}

/** The case list: filters, the table, and its pages. */
export const CaseList = () => {
  const user = useSignedInUser();
  const timeZone = useSiteTimeZone();
  const state = useCaseList();
  const [, setSearch] = useSearchParams();
  const location = useLocation();
  const history = (location.state as PageHistory | null)?.previous ?? [];
  const canBeAssigned = user.role === 'QUALITY_MANAGER' || user.role === 'ADMIN';

  const filters = <CaseListFilters params={state.params} canBeAssigned={canBeAssigned} />;
  if (state.status === 'loading') {
    return (
      <>
        {filters}
        <LoadingState what="the cases" />
      </>
    );
  }
  if (state.status === 'error') {
    return (
      <>
        {filters}
        <ErrorState what="the cases" error={state.error} />
      </>
    );
  }

  // a shared link can open a later page without the pages before it: its number is unknown
  const known = state.params.after === null || history.length > 0;
  const pageNumber = history.length + 1;
  const first = (pageNumber - 1) * state.params.pageSize + 1;
  const last = first + state.rows.length - 1;
  // while the asked page loads the previous page's rows stay: never label them as the new page
  const range = state.stale
    ? `Loading page ${known ? formatCount(pageNumber) : 'of cases'}…`
    : known
      ? `Cases ${formatCount(first)}–${formatCount(last)} of ${formatCount(state.totalCount)}.`
      : `${formatCount(state.rows.length)} cases of ${formatCount(state.totalCount)}, from a later page.`;
  const goTo = (after: string | null, previous: readonly (string | null)[]) =>
    setSearch((current) => writeCaseListParams({ ...state.params, after }, current), {
      state: { previous },
    });

  return (
    <>
      {filters}
      <section className="card" aria-labelledby="case-list-heading" aria-busy={state.refreshing}>
        <div className="case-list-head">
          <h2 id="case-list-heading">
            {formatCount(state.totalCount)} {state.totalCount === 1 ? 'case' : 'cases'}
          </h2>
          {state.refreshing ? (
            <span className="filters-status" role="status">
              Updating…
            </span>
          ) : null}
          <p className="keyboard-hint">
            Keyboard: <kbd>j</kbd>/<kbd>k</kbd> or <kbd>↓</kbd>/<kbd>↑</kbd> to move,{' '}
            <kbd>Enter</kbd> to open.
          </p>
        </div>
        {state.rows.length === 0 ? (
          <EmptyState>
            No case matches these filters. Widen the months or clear a filter to see more.
          </EmptyState>
        ) : (
          <>
            <CaseTable
              rows={state.rows}
              timeZone={timeZone}
              listSearch={location.search}
              caption={`${range} Dates in ${timeZone}. CED 5 y: the patient's cumulative effective dose over the 5 years before the order. Evidence: E1 dose reason in text, E2 switched after the order, E3 high dose history, E4 dose alert shown, E5 repeat imaging.`}
            />
            <nav className="pager" aria-label="Case pages">
              <button
                type="button"
                className="button-secondary"
                disabled={state.stale || (history.length === 0 && known)}
                onClick={() =>
                  known
                    ? goTo(history[history.length - 1] ?? null, history.slice(0, -1))
                    : goTo(null, [])
                }
              >
                {known ? 'Previous page' : 'First page'}
              </button>
              <span>{known ? `Page ${pageNumber}` : 'A later page'}</span>
              <button
                type="button"
                className="button-secondary"
                disabled={state.stale || !state.hasNextPage || state.endCursor === null}
                onClick={() => goTo(state.endCursor, [...history, state.params.after])}
              >
                Next page
              </button>
            </nav>
          </>
        )}
      </section>
    </>
  );
};
