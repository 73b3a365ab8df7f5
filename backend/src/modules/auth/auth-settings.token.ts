/** Injection token of the AuthSettings (config/auth-config.ts) the module runs with. */
export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
