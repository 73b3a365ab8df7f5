/** Where to go after signing in: only a path inside the dashboard, never another site. */
export const safeNextPath = (next: string | null): string =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
