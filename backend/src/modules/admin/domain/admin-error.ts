import { DomainError, ErrorCode } from '../../../common/domain/domain-error.js';

/** The admin module's refusals: a request or upload the caller can fix, or an unknown run. */
export const AdminErrorCode = {
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  NOT_FOUND: ErrorCode.NOT_FOUND,
} as const;
export type AdminErrorCode = (typeof AdminErrorCode)[keyof typeof AdminErrorCode];

/** A request the admin pages cannot carry out, in one sentence for the user. */
export class AdminError extends DomainError<AdminErrorCode> {}

/** The common case: input the caller can fix. */
export const adminInputError = (message: string): AdminError =>
  new AdminError(AdminErrorCode.BAD_USER_INPUT, message);
