export const MIN_PASSWORD_LENGTH = 12;

/**
 * The minimum password policy: at least 12 characters, not the email address (nor its local
 * part), not one character repeated. Returns the sentence to show, or null when acceptable.
 */
export function checkPasswordPolicy(password: string, email: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
  }
  const lowered = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split('@')[0];
  if (lowered === address || lowered === localPart) {
    return 'The password must not be the email address.';
  }
  if (new Set(lowered).size === 1) {
    return 'The password must not be one character repeated.';
  }
  return null;
}
