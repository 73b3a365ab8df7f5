import type { Role } from '../generated/graphql.js';

export interface NavigationItem {
  readonly to: string;
  readonly label: string;
  /** Roles that see the item; every role when absent. */
  readonly roles?: readonly Role[];
}

/**
 * The main navigation, in order. Cases, Data and Settings are the other dashboard engineer's
 * pages (features/cases, features/data, features/settings); their routes live in App.tsx too.
 */
export const NAVIGATION: readonly NavigationItem[] = [
  { to: '/', label: 'Overview' },
  { to: '/cases', label: 'Cases' },
  { to: '/trend', label: 'Trend' },
  { to: '/sensitivity', label: 'Dose history' },
  { to: '/variation', label: 'Practice variation' },
  { to: '/pack', label: 'Committee pack' },
  { to: '/data', label: 'Data', roles: ['ADMIN'] },
  { to: '/settings', label: 'Settings', roles: ['ADMIN'] },
];

export const navigationFor = (role: Role): NavigationItem[] =>
  NAVIGATION.filter((item) => !item.roles || item.roles.includes(role));

/** Pages that read the global filter, so the filter bar shows above them and links carry it. */
const FILTERED_PATHS = ['/', '/cases', '/sensitivity', '/variation', '/pack'];

export const showsAnalysisFilter = (pathname: string): boolean =>
  FILTERED_PATHS.includes(pathname.replace(/\/+$/, '') || '/');
