/** Why a case request was refused; mapped to GraphQL and HTTP errors in one place. */
export enum CaseErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
}

export class CaseException extends Error {
  constructor(
    readonly code: CaseErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one answer for a case that does not exist, is not a case, or lies outside the caller's
 * departments: the same code and the same sentence, so nothing leaks through errors.
 */
export const caseNotFound = (): CaseException =>
  new CaseException(CaseErrorCode.NOT_FOUND, 'No case with this id is visible to you.');

export const badCaseInput = (message: string): CaseException =>
  new CaseException(CaseErrorCode.BAD_USER_INPUT, message);
