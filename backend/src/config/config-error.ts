import { DomainError, ErrorCode } from '../common/domain/domain-error.js';

export const ConfigErrorCode = { BAD_SETTING: ErrorCode.BAD_USER_INPUT } as const;
export type ConfigErrorCode = (typeof ConfigErrorCode)[keyof typeof ConfigErrorCode];

/** A bad setting: one sentence naming the variable and what it must be. */
export class ConfigError extends DomainError<ConfigErrorCode> {
  constructor(message: string, options?: ErrorOptions) {
    super(ConfigErrorCode.BAD_SETTING, message, options);
  }
}
