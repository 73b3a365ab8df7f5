/**
 * The codes a refusal is known by outside its module: GraphQL's `extensions.code`, and through
 * one table each the HTTP status (common/error-mapping.ts) and the command line's exit
 * (cli/main.ts).
 */
export const ErrorCode = {
  /** The caller can fix the request (a bad month, a bad file, an unknown setting). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** Not signed in, or the sign-in failed. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Signed in, but the role or account may not do this. */
  FORBIDDEN: 'FORBIDDEN',
  /** Missing, or outside what the caller may see (the same answer, so nothing leaks). */
  NOT_FOUND: 'NOT_FOUND',
  /** A service the request needs (the PDF printer) failed. */
  BAD_GATEWAY: 'BAD_GATEWAY',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The one exception type of the product: every module refuses with a subclass of its own
 * (ImportError, AuthError, CaseException, AdminError, AnalyticsError, PackError, ...) whose
 * code comes from that module's code list, and one sentence for the user. Anything that is not
 * a DomainError is a bug and is reported as such.
 */
export abstract class DomainError<Code extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
