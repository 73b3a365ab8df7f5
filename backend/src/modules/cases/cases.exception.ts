import { DomainError, ErrorCode } from '../../common/domain/domain-error.js';

/** Why a case request was refused; mapped to GraphQL and HTTP errors in common/error-mapping.ts. */
export const CaseErrorCode = {
  NOT_FOUND: ErrorCode.NOT_FOUND,
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
} as const;
export type CaseErrorCode = (typeof CaseErrorCode)[keyof typeof CaseErrorCode];

/** The cases module's refusal. */
export class CaseException extends DomainError<CaseErrorCode> {}

/**
 * The one answer for a case that does not exist, is not a case, or lies outside the caller's
 * departments: the same code and the same sentence, so nothing leaks through errors.
 */
export const caseNotFound = (): CaseException =>
  new CaseException(CaseErrorCode.NOT_FOUND, 'No case with this id is visible to you.');

export const badCaseInput = (message: string): CaseException =>
  new CaseException(CaseErrorCode.BAD_USER_INPUT, message);
