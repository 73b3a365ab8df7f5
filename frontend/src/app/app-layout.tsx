import { Link, NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { ROLE_LABELS, useAuth } from './auth-context.js';
import { FilterBar } from './filter-bar.js';
import { navigationFor, showsAnalysisFilter } from './navigation.js';
import { useAnalysisFilter } from './use-analysis-filter.js';

const SignedInChrome = () => {
  const { state, signOut } = useAuth();
  const location = useLocation();
  const { search } = useAnalysisFilter();
  if (state.status !== 'signed-in') return null;
  const { user } = state;
  const filtered = showsAnalysisFilter(location.pathname);
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link className="brand" to={`/${search}`}>
            Clinical Grounds
          </Link>
          <nav aria-label="Main">
            <ul className="nav-list">
              {navigationFor(user.role).map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={`${item.to}${showsAnalysisFilter(item.to) ? search : ''}`}
                    end={item.to === '/'}
                    className="nav-link"
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user-menu">
            <span className="user-who">
              <span className="user-name" title={user.email}>
                {user.email}
              </span>
              <span className="user-role">
                {ROLE_LABELS[user.role]}
                {user.departments ? ` · ${user.departments.join(', ')}` : ''}
              </span>
            </span>
            <button type="button" className="button-secondary" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      {filtered ? (
        <div className="filter-strip">
          <FilterBar latestByDefault={location.pathname === '/' || location.pathname === '/pack'} />
        </div>
      ) : null}
      <main className="app-main" id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
};

/** Header with the role's navigation, the signed-in user and sign-out; the filters; the page. */
export const AppLayout = () => {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <p className="state state-loading" role="status">
        Checking your sign-in…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <main className="app-main">
        <p className="state state-error" role="alert">
          The Clinical Grounds server did not answer; check that it is running, then reload this
          page.
        </p>
      </main>
    );
  }
  if (state.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return (
      <Navigate
        to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`}
        replace
      />
    );
  }
  return <SignedInChrome />;
};
