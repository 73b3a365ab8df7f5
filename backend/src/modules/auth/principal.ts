import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from './domain/role.js';

export { ROLES, type Role } from './domain/role.js';

/**
 * Who is asking, as every resolver and service sees it. This file is the contract between the
 * auth module (which authenticates a request and checks its role in one global guard) and the
 * feature modules (which declare the roles a resolver allows and scope their SQL by
 * `departments`).
 */
export interface Principal {
  /** user: a browser session; token: a bearer API token; cli: the operating-system user. */
  readonly kind: 'user' | 'token' | 'cli';
  /** users.id, or null for the CLI. */
  readonly userId: string | null;
  /** api_tokens.id when kind is token. */
  readonly tokenId: string | null;
  readonly email: string;
  readonly role: Role;
  /** Department names the principal may see; null means site-wide. */
  readonly departments: readonly string[] | null;
  /** Session id when kind is user (for sign-out and CSRF). */
  readonly sessionId: string | null;
}

export const ROLES_KEY = 'cg:roles';
export const PUBLIC_KEY = 'cg:public';

/** Roles allowed to call a resolver or controller route; everything else is refused. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Reachable without signing in: health and the sign-in operations only. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Roles that may only read: every mutation refuses them. */
export const READ_ONLY_ROLES: readonly Role[] = ['AUDITOR', 'COMMITTEE'];

/** The request's principal (set by the auth guard); GraphQL or HTTP. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    requestOf(context)?.principal,
);

export interface RequestWithPrincipal {
  principal?: Principal;
}

export function requestOf(context: ExecutionContext): RequestWithPrincipal | undefined {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req?: RequestWithPrincipal }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithPrincipal>();
}

/** True when the principal sees every department. */
export function isSiteWide(principal: Principal): boolean {
  return principal.departments === null;
}
