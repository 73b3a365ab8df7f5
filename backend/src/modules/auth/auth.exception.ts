import { DomainError, ErrorCode } from '../../common/domain/domain-error.js';

/** The auth module's refusals. */
export const AuthErrorCode = {
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
  FORBIDDEN: ErrorCode.FORBIDDEN,
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  NOT_FOUND: ErrorCode.NOT_FOUND,
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

/**
 * A refusal of the auth module: one sentence for the user, with its code (mapped to GraphQL and
 * HTTP in common/error-mapping.ts).
 */
export class AuthError extends DomainError<AuthErrorCode> {}
