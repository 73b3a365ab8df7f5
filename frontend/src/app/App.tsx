import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { AppLayout } from './app-layout.js';
import { AuthProvider } from './auth-context.js';
import { SignInPage } from './sign-in-page.js';

// Every page is loaded on demand: Recharts alone is larger than the rest of the app, and the first
// page must stay small (the overview loads its small chart after its figures).
const OverviewPage = lazy(() =>
  import('../pages/overview-page.js').then((module) => ({ default: module.OverviewPage })),
);
const SensitivityPage = lazy(() =>
  import('../pages/sensitivity-page.js').then((module) => ({ default: module.SensitivityPage })),
);
const PracticeVariationPage = lazy(() =>
  import('../pages/practice-variation-page.js').then((module) => ({
    default: module.PracticeVariationPage,
  })),
);
const CommitteePackPage = lazy(() =>
  import('../pages/committee-pack-page.js').then((module) => ({
    default: module.CommitteePackPage,
  })),
);
const OrderVolumePage = lazy(() =>
  import('../pages/order-volume-page.js').then((module) => ({ default: module.OrderVolumePage })),
);
const ConflictTrendPage = lazy(() =>
  import('../pages/conflict-trend-page.js').then((module) => ({
    default: module.ConflictTrendPage,
  })),
);
const CasesPage = lazy(() =>
  import('../pages/cases-page.js').then((module) => ({ default: module.CasesPage })),
);
const CasePage = lazy(() =>
  import('../pages/case-page.js').then((module) => ({ default: module.CasePage })),
);
const DataPage = lazy(() =>
  import('../pages/data-page.js').then((module) => ({ default: module.DataPage })),
);
const SettingsPage = lazy(() =>
  import('../pages/settings-page.js').then((module) => ({ default: module.SettingsPage })),
);
const NotFoundPage = lazy(() =>
  import('../pages/not-found-page.js').then((module) => ({ default: module.NotFoundPage })),
);

const pageFallback = (
  <p className="state state-loading" role="status">
    Loading the page…
  </p>
);

const page = (Page: LazyExoticComponent<ComponentType>) => (
  <Suspense fallback={pageFallback}>
    <Page />
  </Suspense>
);

export interface AppProps {
  readonly client: ApolloClient;
}

/**
 * Routes live after the hash (`/#/…`), so the backend serves one index.html at `/` and needs no
 * fallback route for deep links. Everything but the sign-in page needs a signed-in user
 * (AppLayout sends anyone else to /sign-in and back afterwards).
 */
export const App = ({ client }: AppProps) => (
  <ApolloProvider client={client}>
    <AuthProvider>
      <HashRouter>
        <Routes>
          <Route path="sign-in" element={<SignInPage />} />
          <Route element={<AppLayout />}>
            <Route index element={page(OverviewPage)} />
            <Route path="sensitivity" element={page(SensitivityPage)} />
            <Route path="variation" element={page(PracticeVariationPage)} />
            <Route path="pack" element={page(CommitteePackPage)} />
            <Route path="cases" element={page(CasesPage)} />
            <Route path="cases/:id" element={page(CasePage)} />
            <Route path="data" element={page(DataPage)} />
            <Route path="settings" element={page(SettingsPage)} />
            <Route path="trend" element={page(ConflictTrendPage)} />
            <Route path="volume" element={page(OrderVolumePage)} />
            <Route
              path="departments"
              element={<Navigate to="/variation?by=DEPARTMENT" replace />}
            />
            <Route path="*" element={page(NotFoundPage)} />
          </Route>
        </Routes>
      </HashRouter>
    </AuthProvider>
  </ApolloProvider>
);
