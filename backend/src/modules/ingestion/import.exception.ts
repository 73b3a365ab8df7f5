import { DomainError, ErrorCode } from '../../common/domain/domain-error.js';

/** The ingestion module's refusals: input that cannot be imported. */
export const ImportErrorCode = { BAD_INPUT: ErrorCode.BAD_USER_INPUT } as const;
export type ImportErrorCode = (typeof ImportErrorCode)[keyof typeof ImportErrorCode];

/** A fatal import problem: the command stops with this one-line message and a non-zero exit. */
export class ImportError extends DomainError<ImportErrorCode> {
  constructor(message: string, options?: ErrorOptions) {
    super(ImportErrorCode.BAD_INPUT, message, options);
  }
}
