import { graphql } from '../../generated/gql.js';

/** Who is signed in; fails with UNAUTHENTICATED when nobody is. */
export const ME_QUERY = graphql(`
  query Me {
    me {
      email
      role
      departments
      visibleDepartments
    }
  }
`);

/** Which ways of signing in the server offers (public). */
export const AUTH_CONFIG_QUERY = graphql(`
  query AuthConfig {
    authConfig {
      localSignIn
      oidcSignIn
    }
  }
`);

/** Local sign-in: sets the session cookie and answers who signed in. */
export const SIGN_IN_MUTATION = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      email
      role
      departments
      visibleDepartments
    }
  }
`);

export const SIGN_OUT_MUTATION = graphql(`
  mutation SignOut {
    signOut
  }
`);
