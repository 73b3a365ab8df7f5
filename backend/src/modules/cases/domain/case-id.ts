/**
 * Opaque case ids and page cursors. A case is an order's assessment; its id carries only the
 * order's internal key (never a patient id, order id or date), base64url-encoded so that clients
 * treat it as a token. Anything that does not decode is simply "no such case".
 */
const CASE_PREFIX = 'case:';
const CURSOR_PREFIX = 'after:';
const ORDER_PK = /^[1-9][0-9]{0,17}$/;

const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

function decode(token: string, prefix: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(token)) return null;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(prefix)) return null;
  const orderPk = text.slice(prefix.length);
  return ORDER_PK.test(orderPk) ? orderPk : null;
}

export const encodeCaseId = (orderPk: string): string => encode(`${CASE_PREFIX}${orderPk}`);

/** The order pk of a case id, or null when the id is not one this server issued. */
export const decodeCaseId = (id: string): string | null => decode(id, CASE_PREFIX);

export const encodeCursor = (orderPk: string): string => encode(`${CURSOR_PREFIX}${orderPk}`);

/** The order pk the page starts after, or null when the cursor is not one this server issued. */
export const decodeCursor = (cursor: string): string | null => decode(cursor, CURSOR_PREFIX);
