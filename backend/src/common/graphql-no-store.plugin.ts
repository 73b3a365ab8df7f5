import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Every GraphQL answer carries `Cache-Control: no-store` (they hold clinical figures and
 * identifiers of the signed-in user's scope). Apollo's cache-control plugin set it before; it
 * is disabled in app.module.ts because it wraps every field's resolver to gather cache hints
 * this schema never gives (about 10 ms of a 661-row practice variation in the CPU profile of
 * docs/performance.md), so this plugin sets the header instead.
 */
export function graphqlNoStorePlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
          return Promise.resolve();
        },
      });
    },
  };
}
