import type { ReactNode } from 'react';
import { isUnauthenticated } from './auth-context.js';

/** "Loading the overview…" in a polite live region. */
export const LoadingState = ({ what }: { readonly what: string }) => (
  <p className="state state-loading" role="status">
    Loading {what}…
  </p>
);

/** One sentence on what failed and what to do. */
export const ErrorState = ({
  what,
  error,
}: {
  readonly what: string;
  readonly error?: unknown;
}) => (
  <p className="state state-error" role="alert">
    {isUnauthenticated(error)
      ? 'Your session has ended; reload this page and sign in again.'
      : isForbidden(error)
        ? `Your role may not see ${what}; ask an administrator if you need it.`
        : `${capitalise(what)} could not be loaded; check that the Clinical Grounds server is running, then reload this page.`}
  </p>
);

export const EmptyState = ({ children }: { readonly children: ReactNode }) => (
  <p className="state state-empty" role="status">
    {children}
  </p>
);

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const isForbidden = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'errors' in error &&
  Array.isArray((error as { errors: unknown }).errors) &&
  (error as { errors: { extensions?: { code?: unknown } }[] }).errors.some(
    (item) => item.extensions?.code === 'FORBIDDEN',
  );

/** How to load data, for the empty states. */
export const IMPORT_COMMAND = 'npm run grounds -- import csv <dir>';
