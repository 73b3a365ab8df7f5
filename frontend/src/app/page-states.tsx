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
}) => {
  const userMessage = badInputMessage(error);
  let sentence = `${capitalise(what)} could not be loaded; check that the Clinical Grounds server is running, then reload this page.`;
  if (isUnauthenticated(error))
    sentence = 'Your session has ended; reload this page and sign in again.';
  else if (isForbidden(error)) {
    sentence = `Your role may not see ${what}; ask an administrator if you need it.`;
  } else if (userMessage) sentence = `${capitalise(what)} could not be loaded: ${userMessage}`;
  return (
    <p className="state state-error" role="alert">
      {sentence}
    </p>
  );
};

export const EmptyState = ({ children }: { readonly children: ReactNode }) => (
  <p className="state state-empty" role="status">
    {children}
  </p>
);

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

type GraphQLErrorList = { errors: { message?: string; extensions?: { code?: unknown } }[] };

const errorsOf = (error: unknown): GraphQLErrorList['errors'] =>
  typeof error === 'object' &&
  error !== null &&
  'errors' in error &&
  Array.isArray((error as GraphQLErrorList).errors)
    ? (error as GraphQLErrorList).errors
    : [];

/** The server's own sentence for a request it refused as bad input (it says what to fix). */
const badInputMessage = (error: unknown): string | null =>
  errorsOf(error).find((item) => item.extensions?.code === 'BAD_USER_INPUT')?.message ?? null;

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

/** What became of a form's last action: a polite status when it worked, an alert when not. */
export const FormStatus = ({
  message,
  children,
}: {
  readonly message: { readonly ok: boolean; readonly text: string };
  readonly children?: ReactNode;
}) => (
  <div
    className={`form-status ${message.ok ? 'form-status-ok' : 'form-status-error'}`}
    role={message.ok ? 'status' : 'alert'}
  >
    {message.text}
    {children}
  </div>
);
