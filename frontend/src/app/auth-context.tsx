import { createContext, use, useCallback, useMemo, type ReactNode } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { MeQuery, Role } from '../generated/graphql.js';
import { ME_QUERY, SIGN_OUT_MUTATION } from './graphql/auth.graphql.js';

export type SignedInUser = MeQuery['me'];

export type AuthState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'error' }
  | { readonly status: 'signed-in'; readonly user: SignedInUser };

export interface AuthHandle {
  readonly state: AuthState;
  /** Asks the server again who is signed in (after signing in). */
  readonly refresh: () => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthHandle | null>(null);

/** True when the server refused because nobody is signed in (or the session ended). */
export const isUnauthenticated = (error: unknown): boolean =>
  CombinedGraphQLErrors.is(error) &&
  error.errors.some((item) => {
    const code = item.extensions?.code;
    return code === 'UNAUTHENTICATED' || code === 'UNAUTHORIZED';
  });

/** Who is signed in, for the whole app: the `me` query, and signing out. */
export const AuthProvider = ({ children }: { readonly children: ReactNode }) => {
  const client = useApolloClient();
  const { data, error, loading, refetch } = useQuery(ME_QUERY, {
    fetchPolicy: 'network-only',
    notifyOnNetworkStatusChange: true,
  });
  const [signOutMutation] = useMutation(SIGN_OUT_MUTATION);
  const refresh = useCallback(async () => {
    await refetch().catch(() => undefined);
  }, [refetch]);
  const signOut = useCallback(async () => {
    await signOutMutation().catch(() => undefined);
    await client.clearStore();
    await refetch().catch(() => undefined);
  }, [client, refetch, signOutMutation]);
  const state: AuthState = useMemo(() => {
    if (data?.me && !error) return { status: 'signed-in', user: data.me };
    if (error) return isUnauthenticated(error) ? { status: 'signed-out' } : { status: 'error' };
    if (loading) return { status: 'loading' };
    return { status: 'signed-out' };
  }, [data, error, loading]);
  const handle = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <AuthContext value={handle}>{children}</AuthContext>;
};

export const useAuth = (): AuthHandle => {
  const handle = use(AuthContext);
  if (!handle) throw new Error('useAuth needs an AuthProvider above it.');
  return handle;
};

/** The signed-in user; only for components rendered inside the signed-in layout. */
export const useSignedInUser = (): SignedInUser => {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('No user is signed in.');
  return state.user;
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  ADMIN: 'Administrator',
  QUALITY_MANAGER: 'Quality manager',
  COMMITTEE: 'Committee member',
  AUDITOR: 'Auditor',
};
