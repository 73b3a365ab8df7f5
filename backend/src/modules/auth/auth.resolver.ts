import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import type { AuthSettings } from '../../config/auth-config.js';
import { AUTH_SETTINGS } from './auth-settings.token.js';
import { asGraphqlErrors } from '../../common/error-mapping.js';
import { AuthError } from './auth.exception.js';
import { CsrfExempt } from './auth.guard.js';
import { mapMe } from './auth.mapper.js';
import { LIST_DEPARTMENT_NAMES } from './auth.sql.js';
import { AuthConfigObject, MeObject, SignInInput } from './dto/auth.objects.js';
import { CurrentPrincipal, Public, ROLES, Roles, type Principal } from './principal.js';
import {
  clearSessionCookies,
  setSessionCookies,
  type HttpRequestLike,
  type HttpResponseLike,
} from './request-credentials.js';
import { SignInService } from './sign-in.service.js';

interface HttpContext {
  readonly req: HttpRequestLike;
  readonly res: HttpResponseLike;
}

/** Sign-in and the caller's own identity. */
@Resolver()
export class AuthResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signInService: SignInService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  @Public()
  @Query(() => AuthConfigObject, { description: 'Which sign-in methods the sign-in page offers' })
  authConfig(): AuthConfigObject {
    return { localSignIn: this.settings.localSignIn, oidcSignIn: this.settings.oidc !== null };
  }

  @Roles(...ROLES)
  @Query(() => MeObject, { description: 'The signed-in caller: role and departments' })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeObject> {
    return mapMe(principal, await this.departmentNames(principal));
  }

  @Public()
  @CsrfExempt()
  @Mutation(() => MeObject, {
    description: 'Sets the httpOnly session cookie cg_session and the readable cg_csrf cookie',
  })
  async signIn(
    @Args('input', { type: () => SignInInput }) input: SignInInput,
    @Context() context: HttpContext,
  ): Promise<MeObject> {
    return asGraphqlErrors(
      (async () => {
        const address = (context.req as { ip?: string }).ip ?? 'unknown';
        if (input.email.length > 320 || input.password.length > 1024) {
          throw new AuthError('BAD_USER_INPUT', 'The email or password is too long.');
        }
        const session = await this.signInService.signIn(input.email, input.password, address);
        setSessionCookies(
          context.req,
          context.res,
          session,
          this.settings.sessionAbsoluteHours * 3_600_000,
        );
        return mapMe(session.principal, await this.departmentNames(session.principal));
      })(),
    );
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Ends the session and clears its cookies' })
  async signOut(
    @CurrentPrincipal() principal: Principal | undefined,
    @Context() context: HttpContext,
  ): Promise<boolean> {
    await this.signInService.signOut(principal);
    clearSessionCookies(context.req, context.res);
    return true;
  }

  private async departmentNames(principal: Principal): Promise<string[]> {
    if (principal.departments !== null) return [...principal.departments];
    const rows: { name: string }[] = await this.dataSource.query(LIST_DEPARTMENT_NAMES);
    return rows.map((row) => row.name);
  }
}
