import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** The dashboard's GraphQL client; the backend serves `/graphql` on the same origin. */
export const createApolloClient = (uri = '/graphql'): ApolloClient =>
  new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache(),
  });
