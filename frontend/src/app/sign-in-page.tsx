import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from './auth-context.js';
import { AUTH_CONFIG_QUERY, SIGN_IN_MUTATION } from './graphql/auth.graphql.js';
import { safeNextPath } from './safe-next-path.js';

const messageOf = (error: unknown): string => {
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors[0]?.extensions?.code;
    if (code === 'TOO_MANY_REQUESTS' || code === 'RATE_LIMITED') {
      return 'Too many attempts; wait a minute, then try again.';
    }
    if (code === 'BAD_USER_INPUT' || code === 'UNAUTHENTICATED' || code === 'UNAUTHORIZED') {
      return 'That email and password do not match an active account; check them and try again.';
    }
    return error.errors[0]?.message ?? 'Signing in failed; try again.';
  }
  return 'The Clinical Grounds server did not answer; check that it is running, then try again.';
};

/**
 * Sign-in: the local form and, when the server is configured for it, the hospital's single
 * sign-on ("Sign in with your hospital account", GET /auth/oidc/login).
 */
export const SignInPage = () => {
  const { state, refresh } = useAuth();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const config = useQuery(AUTH_CONFIG_QUERY);
  const [signIn, { loading }] = useMutation(SIGN_IN_MUTATION);
  const [error, setError] = useState<string | null>(null);
  const emailId = useId();
  const passwordId = useId();
  const errorId = useId();

  if (state.status === 'signed-in') return <Navigate to={next} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      setError('Enter your email and password.');
      return;
    }
    setError(null);
    try {
      await signIn({ variables: { input: { email, password } } });
      await refresh();
      await navigate(next, { replace: true });
    } catch (caught) {
      setError(messageOf(caught));
    }
  };

  const authConfig = config.data?.authConfig;
  const oidcHref = `/auth/oidc/login?returnTo=${encodeURIComponent(`/#${next}`)}`;

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <h1>Clinical Grounds</h1>
        <p className="sign-in-lede">
          Imaging decisions made on dose history rather than clinical grounds: where, how often, and
          whether it is getting better. Sign in to continue.
        </p>
        {config.loading ? (
          <p className="state-inline" role="status">
            Loading the sign-in options…
          </p>
        ) : null}
        {config.error ? (
          <p className="form-error" role="alert">
            The Clinical Grounds server did not answer; check that it is running, then reload this
            page.
          </p>
        ) : null}
        {authConfig?.oidcSignIn ? (
          <a className="button-primary button-block" href={oidcHref}>
            Sign in with your hospital account
          </a>
        ) : null}
        {authConfig?.oidcSignIn && authConfig.localSignIn ? (
          <p className="sign-in-or">or with a local account</p>
        ) : null}
        {authConfig?.localSignIn ? (
          <form className="sign-in-form" onSubmit={(event) => void submit(event)} noValidate>
            <label htmlFor={emailId}>Email</label>
            <input
              id={emailId}
              name="email"
              type="email"
              autoComplete="username"
              required
              aria-describedby={error ? errorId : undefined}
            />
            <label htmlFor={passwordId}>Password</label>
            <input
              id={passwordId}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-describedby={error ? errorId : undefined}
            />
            {error ? (
              <p className="form-error" id={errorId} role="alert">
                {error}
              </p>
            ) : null}
            <button type="submit" className="button-primary button-block" disabled={loading}>
              {loading ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        ) : null}
        {authConfig && !authConfig.localSignIn && !authConfig.oidcSignIn ? (
          <p className="form-error" role="alert">
            No way of signing in is configured on this server; ask your administrator.
          </p>
        ) : null}
      </div>
    </main>
  );
};
