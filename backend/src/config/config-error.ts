/** A bad setting: one sentence naming the variable and what it must be. */
export class ConfigError extends Error {}
