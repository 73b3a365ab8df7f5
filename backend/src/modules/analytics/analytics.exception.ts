import { DomainError, ErrorCode } from '../../common/domain/domain-error.js';

/** The analytics module's refusals: a filter or month the caller can fix, or no sign-in. */
export const AnalyticsErrorCode = {
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
} as const;
export type AnalyticsErrorCode = (typeof AnalyticsErrorCode)[keyof typeof AnalyticsErrorCode];

/** A refusal of the dashboard's reads, in one sentence for the user. */
export class AnalyticsError extends DomainError<AnalyticsErrorCode> {}

/** The common case: a request the caller can fix (BAD_USER_INPUT). */
export const analyticsInputError = (message: string): AnalyticsError =>
  new AnalyticsError(AnalyticsErrorCode.BAD_USER_INPUT, message);
