import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Stable clinician pseudonyms for roles that may not see clinician names (COMMITTEE, unless
 * the setting committee.show_clinician_names is on): 'C-' + the first 6 hex digits (upper
 * case) of HMAC-SHA256(site secret, provider_id). The site secret is generated on first use
 * and stored once in the database (table site_secrets), so a pseudonym is the same in every
 * view, export and run, and cannot be reversed without the database.
 *
 * The same HMAC is available as SQL (`clinicianPseudonymSql`), built from PostgreSQL's own
 * sha256(), so filters given in pseudonyms map back to provider ids inside the query.
 */

/** Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner. */
export interface SqlQueryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export const CLINICIAN_PSEUDONYM_SECRET = 'clinician_pseudonym';
const PSEUDONYM_HEX_DIGITS = 6;
const HMAC_BLOCK_BYTES = 64;

/** 'C-3F9A2B' for a provider id, under a site secret. */
export function clinicianPseudonym(secret: Buffer, providerId: string): string {
  const digest = createHmac('sha256', secret).update(providerId, 'utf8').digest('hex');
  return `C-${digest.slice(0, PSEUDONYM_HEX_DIGITS).toUpperCase()}`;
}

/** True for strings shaped like a pseudonym (C- and six hex digits). */
export function isClinicianPseudonym(key: string): boolean {
  return /^C-[0-9A-F]{6}$/.test(key);
}

/**
 * The site secret, created (32 random bytes) the first time any caller asks. Concurrent
 * first calls agree: the insert does nothing when another one won, and both read the row.
 */
export async function loadSiteSecret(
  db: SqlQueryable,
  name: string = CLINICIAN_PSEUDONYM_SECRET,
): Promise<Buffer> {
  await db.query(
    `INSERT INTO site_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
    [name, randomBytes(32)],
  );
  const rows = (await db.query(`SELECT secret FROM site_secrets WHERE name = $1`, [name])) as {
    secret: Buffer;
  }[];
  if (rows.length !== 1) throw new Error(`The site secret "${name}" could not be stored.`);
  return rows[0].secret;
}

/** The two HMAC pads for SQL: sha256(outer || sha256(inner || message)) = HMAC(secret, message). */
export interface HmacPads {
  readonly inner: Buffer;
  readonly outer: Buffer;
}

export function hmacPads(secret: Buffer): HmacPads {
  const key = Buffer.alloc(HMAC_BLOCK_BYTES);
  (secret.length > HMAC_BLOCK_BYTES ? createHash('sha256').update(secret).digest() : secret).copy(
    key,
  );
  const inner = Buffer.alloc(HMAC_BLOCK_BYTES);
  const outer = Buffer.alloc(HMAC_BLOCK_BYTES);
  for (let index = 0; index < HMAC_BLOCK_BYTES; index += 1) {
    inner[index] = key[index] ^ 0x36;
    outer[index] = key[index] ^ 0x5c;
  }
  return { inner, outer };
}

/**
 * SQL for the pseudonym of a text column, given the placeholders of the two pads (bytea
 * parameters from `hmacPads`), e.g. clinicianPseudonymSql('p.provider_id', '$3', '$4').
 */
export function clinicianPseudonymSql(
  column: string,
  innerPlaceholder: string,
  outerPlaceholder: string,
): string {
  return `('C-' || upper(left(encode(sha256(${outerPlaceholder}::bytea || sha256(${innerPlaceholder}::bytea || convert_to(${column}, 'UTF8'))), 'hex'), ${PSEUDONYM_HEX_DIGITS})))`;
}

/** Pseudonyms of one site: the function for result rows and the pads for SQL filters. */
export interface ClinicianPseudonyms {
  pseudonym(providerId: string): string;
  readonly pads: HmacPads;
}

/** The secret never changes once stored: read it once per DataSource (or manager). */
const secretCache = new WeakMap<SqlQueryable, Promise<Buffer>>();

/**
 * Pseudonyms already computed under a secret, for the process (the secret, and so each
 * pseudonym, never changes): a COMMITTEE practice variation by clinician names every clinician
 * on every request, an HMAC each. Bounded (a few times the clinicians of a large hospital) so
 * that lookups of arbitrary ids cannot grow it without limit; past the bound, pseudonyms are
 * computed each time as before.
 */
const pseudonymCache = new WeakMap<
  Buffer,
  { readonly names: Map<string, string>; readonly pads: HmacPads }
>();
const PSEUDONYM_CACHE_LIMIT = 200_000;

export async function loadClinicianPseudonyms(db: SqlQueryable): Promise<ClinicianPseudonyms> {
  let pending = secretCache.get(db);
  if (!pending) {
    pending = loadSiteSecret(db);
    secretCache.set(db, pending);
    pending.catch(() => secretCache.delete(db));
  }
  const secret = await pending;
  let known = pseudonymCache.get(secret);
  if (!known) {
    known = { names: new Map(), pads: hmacPads(secret) };
    pseudonymCache.set(secret, known);
  }
  const { names, pads } = known;
  return {
    pseudonym: (providerId) => {
      let pseudonym = names.get(providerId);
      if (pseudonym === undefined) {
        pseudonym = clinicianPseudonym(secret, providerId);
        if (names.size < PSEUDONYM_CACHE_LIMIT) names.set(providerId, pseudonym);
      }
      return pseudonym;
    },
    pads,
  };
}
