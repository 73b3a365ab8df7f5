import { Link, NavLink, Outlet } from 'react-router';

const NAVIGATION = [
  { to: '/', label: 'Order volume' },
  { to: '/trend', label: 'Trend' },
  { to: '/departments', label: 'Departments' },
] as const;

/** Header, navigation and the current page. */
export const AppLayout = () => (
  <div className="app">
    <p className="demo-banner" role="note">
      Demo mode: sign-in is not enabled yet
    </p>
    <header className="app-header">
      <div className="app-header-inner">
        <Link className="brand" to="/">
          Clinical Grounds
        </Link>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAVIGATION.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end className="nav-link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
    <main className="app-main">
      <Outlet />
    </main>
  </div>
);
