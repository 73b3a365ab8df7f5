/**
 * The ICD-10 exclusion rule of steering/domain/icd10.ts as SQL, generated from the same data
 * (ICD10_EXCLUSION_RULES, INDICATION_CODE_SEPARATOR), so the rule has one source. The
 * icd10-exclusion integration spec runs both on the same codes.
 */
import { INDICATION_CODE_SEPARATOR } from '../vocabulary/vocabulary.js';
import { ICD10_EXCLUSION_RULES } from './domain/icd10.js';
import type { ExclusionCode } from './domain/exclusion-code.js';

const PLAIN_PREFIX = /^[A-Z0-9]+$/;
const SAFE_PATTERN = /^[\^A-Z0-9[\]-]+$/;

/**
 * `expression` normalised as normaliseIcd10 does (dots and whitespace removed, upper case),
 * then split into codes on the separator.
 */
export const splitIndicationCodesSql = (expression: string): string =>
  `string_to_array(upper(regexp_replace(coalesce(${expression}, ''), '[.[:space:]]', '', 'g')), '${INDICATION_CODE_SEPARATOR}')`;

/** A boolean SQL expression: the normalised code in `column` triggers `exclusion`. */
export const icd10ExclusionSql = (exclusion: ExclusionCode, column = 'code'): string => {
  const rule = ICD10_EXCLUSION_RULES.find((candidate) => candidate.exclusion === exclusion);
  if (rule === undefined) throw new Error(`No ICD-10 rule for ${exclusion}.`);
  const terms = rule.prefixes.map((prefix) => {
    if (!PLAIN_PREFIX.test(prefix)) throw new Error(`ICD-10 prefix ${prefix} is not plain.`);
    return `${column} LIKE '${prefix}%'`;
  });
  if (rule.pattern !== undefined) {
    // the JavaScript pattern is also a POSIX regular expression when it stays this simple
    const source = rule.pattern.source;
    if (!SAFE_PATTERN.test(source) || rule.pattern.flags !== '') {
      throw new Error(`ICD-10 pattern /${source}/${rule.pattern.flags} cannot be written as SQL.`);
    }
    terms.push(`${column} ~ '${source}'`);
  }
  return `(${terms.join(' OR ')})`;
};
