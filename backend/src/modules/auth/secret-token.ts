import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url, with a prefix that says what it is (and helps secret scanners). */
export function generateSecretToken(prefix: 'cg_' | 'cgs_' | ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** What is stored for a token or session: its SHA-256, hex. The token itself never is. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time string comparison (CSRF tokens). */
export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
