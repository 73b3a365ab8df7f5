import { lazy, Suspense } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { HashRouter, Route, Routes } from 'react-router';
import { AppLayout } from './app-layout.js';

// Chart pages are loaded on demand: Recharts alone is larger than the rest of the app.
const OrderVolumePage = lazy(() =>
  import('../pages/order-volume-page.js').then((module) => ({ default: module.OrderVolumePage })),
);
const ConflictTrendPage = lazy(() =>
  import('../pages/conflict-trend-page.js').then((module) => ({
    default: module.ConflictTrendPage,
  })),
);
const DepartmentVariationPage = lazy(() =>
  import('../pages/department-variation-page.js').then((module) => ({
    default: module.DepartmentVariationPage,
  })),
);
const NotFoundPage = lazy(() =>
  import('../pages/not-found-page.js').then((module) => ({ default: module.NotFoundPage })),
);

const pageFallback = (
  <p className="state state-loading" role="status">
    Loading…
  </p>
);

export interface AppProps {
  readonly client: ApolloClient;
}

/**
 * Routes live after the hash (`/#/…`), so the backend serves one index.html at `/` and needs no
 * fallback route for deep links.
 */
export const App = ({ client }: AppProps) => (
  <ApolloProvider client={client}>
    <HashRouter>
      <Routes>
        <Route element={<AppLayout />}>
          <Route
            index
            element={
              <Suspense fallback={pageFallback}>
                <OrderVolumePage />
              </Suspense>
            }
          />
          <Route
            path="trend"
            element={
              <Suspense fallback={pageFallback}>
                <ConflictTrendPage />
              </Suspense>
            }
          />
          <Route
            path="departments"
            element={
              <Suspense fallback={pageFallback}>
                <DepartmentVariationPage />
              </Suspense>
            }
          />
          <Route
            path="*"
            element={
              <Suspense fallback={pageFallback}>
                <NotFoundPage />
              </Suspense>
            }
          />
        </Route>
      </Routes>
    </HashRouter>
  </ApolloProvider>
);
