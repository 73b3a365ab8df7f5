/** The session cookie (httpOnly) and the CSRF cookie the dashboard reads and echoes. */
export const SESSION_COOKIE = 'cg_session';
export const CSRF_COOKIE = 'cg_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface HttpRequestLike {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly method?: string;
  readonly ip?: string;
  readonly secure?: boolean;
}

const headerValue = (request: HttpRequestLike, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(request: HttpRequestLike): string | null {
  const header = headerValue(request, 'authorization');
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** One cookie of the Cookie header (first occurrence), URI-decoded; null when absent. */
export function readCookie(request: HttpRequestLike, name: string): string | null {
  const header = headerValue(request, 'cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() !== name) continue;
    const raw = part
      .slice(index + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return null;
}

export function csrfHeader(request: HttpRequestLike): string | null {
  return headerValue(request, CSRF_HEADER) ?? null;
}

/** The part of Express's response the sign-in operations use. */
export interface HttpResponseLike {
  cookie(name: string, value: string, options: Record<string, unknown>): unknown;
  clearCookie(name: string, options: Record<string, unknown>): unknown;
  redirect(status: number, url: string): unknown;
  status?(code: number): unknown;
}

/**
 * Sets cg_session (httpOnly) and cg_csrf (readable by the dashboard's script), SameSite=Lax,
 * Secure when the request came over HTTPS (directly or, with TRUST_PROXY, through the proxy).
 */
export function setSessionCookies(
  request: HttpRequestLike,
  response: HttpResponseLike,
  session: { sessionToken: string; csrfToken: string },
  maxAgeMs: number,
): void {
  const common = { sameSite: 'lax', secure: request.secure === true, path: '/', maxAge: maxAgeMs };
  response.cookie(SESSION_COOKIE, session.sessionToken, { ...common, httpOnly: true });
  response.cookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(request: HttpRequestLike, response: HttpResponseLike): void {
  const common = { sameSite: 'lax', secure: request.secure === true, path: '/' };
  response.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  response.clearCookie(CSRF_COOKIE, { ...common, httpOnly: false });
}
