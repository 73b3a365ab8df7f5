import { Link } from 'react-router';

/** Any unknown route. */
export const NotFoundPage = () => (
  <>
    <header className="page-header">
      <h1>Page not found</h1>
    </header>
    <p className="state">
      This page does not exist; go back to the <Link to="/">order volume</Link>.
    </p>
  </>
);
