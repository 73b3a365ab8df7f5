import { DomainError, ErrorCode } from '../../../common/domain/domain-error.js';

/** The committee pack's refusals: a bad request, a caller not signed in, the printer failing. */
export const PackErrorCode = {
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
  BAD_GATEWAY: ErrorCode.BAD_GATEWAY,
} as const;
export type PackErrorCode = (typeof PackErrorCode)[keyof typeof PackErrorCode];

/** Why the committee pack PDF was not made, in one sentence for the user. */
export class PackError extends DomainError<PackErrorCode> {}

/** A pack request the caller can fix (BAD_USER_INPUT). */
export const packRequestError = (message: string): PackError =>
  new PackError(PackErrorCode.BAD_USER_INPUT, message);
