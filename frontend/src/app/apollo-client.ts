import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** The readable CSRF cookie the server sets at sign-in (`cg_csrf`), or null. */
export const readCsrfToken = (cookie: string): string | null => {
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'cg_csrf') return decodeURIComponent(value.join('='));
  }
  return null;
};

/** fetch with the session cookie and, when there is one, the CSRF header every mutation needs. */
const fetchWithCsrf: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  const token = typeof document === 'undefined' ? null : readCsrfToken(document.cookie);
  if (token) headers.set('X-CSRF-Token', token);
  return fetch(input, { ...init, headers, credentials: 'same-origin' });
};

/** The dashboard's GraphQL client; the backend serves `/graphql` on the same origin. */
export const createApolloClient = (uri = '/graphql'): ApolloClient =>
  new ApolloClient({
    link: new HttpLink({ uri, fetch: fetchWithCsrf }),
    cache: new InMemoryCache(),
  });
