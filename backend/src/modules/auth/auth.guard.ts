import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { toGraphQLError, toHttpException } from '../../common/error-mapping.js';
import { AuthError } from './auth.exception.js';
import { AuthenticationService } from './authentication.service.js';
import {
  PUBLIC_KEY,
  READ_ONLY_ROLES,
  ROLES_KEY,
  type RequestWithPrincipal,
  type Role,
} from './principal.js';
import { csrfHeader, type HttpRequestLike } from './request-credentials.js';
import { secretsEqual } from './secret-token.js';

/** Marks a public mutation that needs no CSRF token even with a session cookie (signIn). */
export const CSRF_EXEMPT_KEY = 'cg:csrf-exempt';
export const CsrfExempt = () => SetMetadata(CSRF_EXEMPT_KEY, true);

type Refusal = 'UNAUTHENTICATED' | 'FORBIDDEN';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one global guard (APP_GUARD): authenticates the bearer token or session cookie, sets
 * `req.principal`, and allows a resolver or route only when it is `@Public()` or lists the
 * principal's role in `@Roles(...)`. Default deny: a handler with neither is refused to all.
 * Mutations authenticated by a session cookie must echo the session's CSRF token in
 * `X-CSRF-Token`; bearer requests need none.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const isGraphql = context.getType<string>() === 'graphql';
    const request = this.requestOf(context, isGraphql);
    if (!request) return refuse(isGraphql, 'UNAUTHENTICATED', 'Sign in first.');

    const authentication = await this.authentication.authenticate(request);
    const mutates = isGraphql
      ? GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>().operation.operation ===
        'mutation'
      : !SAFE_METHODS.has((request.method ?? 'GET').toUpperCase());
    if (authentication.status === 'authenticated') {
      request.principal = authentication.principal;
      const exempt = this.reflector.getAllAndOverride<boolean>(CSRF_EXEMPT_KEY, targets) === true;
      if (mutates && !exempt && authentication.csrfToken !== null) {
        const sent = csrfHeader(request);
        if (!sent || !secretsEqual(sent, authentication.csrfToken)) {
          return refuse(
            isGraphql,
            'FORBIDDEN',
            'The request lacks a valid X-CSRF-Token header; reload the page and try again.',
          );
        }
      }
    }
    if (isPublic) return true;
    if (authentication.status === 'invalid') {
      return refuse(isGraphql, 'UNAUTHENTICATED', authentication.reason);
    }
    if (authentication.status === 'anonymous') {
      return refuse(isGraphql, 'UNAUTHENTICATED', 'Sign in to use this.');
    }
    const role = authentication.principal.role;
    if (!roles || !roles.includes(role)) {
      return refuse(isGraphql, 'FORBIDDEN', 'Your role does not allow this.');
    }
    if (mutates && READ_ONLY_ROLES.includes(role)) {
      return refuse(isGraphql, 'FORBIDDEN', 'Your role may read but not change anything.');
    }
    return true;
  }

  private requestOf(
    context: ExecutionContext,
    isGraphql: boolean,
  ): (HttpRequestLike & RequestWithPrincipal) | undefined {
    if (isGraphql) {
      return GqlExecutionContext.create(context).getContext<{
        req?: HttpRequestLike & RequestWithPrincipal;
      }>().req;
    }
    return context.switchToHttp().getRequest<HttpRequestLike & RequestWithPrincipal>();
  }
}

function refuse(isGraphql: boolean, code: Refusal, message: string): never {
  const refusal = new AuthError(code, message);
  throw isGraphql ? toGraphQLError(refusal) : toHttpException(refusal);
}
