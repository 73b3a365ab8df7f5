/**
 * The query of GET /exports/committee-pack.pdf, checked and turned into the dashboard address
 * the server prints. The address is rebuilt from validated values only, so nothing a caller
 * sends reaches the headless browser unchecked.
 */

import { packRequestError } from './pack-error.js';

export type PackPaper = 'A4' | 'Letter';

export interface PackRequest {
  readonly from: string;
  readonly to: string;
  readonly paper: PackPaper;
  /** `?from=…&to=…&department=…&paper=A4`: the pack page's search string after the hash. */
  readonly search: string;
  /** committee-pack-2025-01-2025-03.pdf */
  readonly fileName: string;
}

export const MOST_PACK_MONTHS = 12;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  setting: ['ED', 'IP', 'OP'],
  population: ['ADULT', 'PEDIATRIC', 'PREGNANT'],
  level: ['DOCUMENTED', 'PROBABLE', 'POSSIBLE', 'EXCLUDED'],
};
const FREE_TEXT = ['department', 'clinician', 'indicationGroup'] as const;
const MOST_VALUES = 50;
const LONGEST_VALUE = 200;

type RawQuery = Record<string, unknown>;

const valuesOf = (query: RawQuery, name: string): string[] => {
  const raw = query[name];
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.every((value) => typeof value === 'string')) {
    throw packRequestError(`${name} must be text.`);
  }
  return list as string[];
};

const monthIndex = (month: string): number => {
  const [, year, number] = MONTH.exec(month)!;
  return Number(year) * 12 + Number(number) - 1;
};

/** Checks the query; throws a PackError (BAD_USER_INPUT) with one sentence saying what to fix. */
export const parsePackRequest = (query: RawQuery): PackRequest => {
  const [from] = valuesOf(query, 'from');
  const [toGiven] = valuesOf(query, 'to');
  if (!from) throw packRequestError('from is required, as YYYY-MM (e.g. from=2025-01).');
  if (!MONTH.test(from)) throw packRequestError(`from must be a month as YYYY-MM, not "${from}".`);
  const to = toGiven ?? from;
  if (!MONTH.test(to)) throw packRequestError(`to must be a month as YYYY-MM, not "${to}".`);
  const months = monthIndex(to) - monthIndex(from) + 1;
  if (months < 1) throw packRequestError(`to (${to}) comes before from (${from}).`);
  if (months > MOST_PACK_MONTHS) {
    throw packRequestError(
      `A pack covers at most ${MOST_PACK_MONTHS} months; ${from} to ${to} is ${months}. Choose a shorter range.`,
    );
  }
  const [paperGiven] = valuesOf(query, 'paper');
  const paper = (paperGiven ?? 'A4').toLowerCase();
  if (paper !== 'a4' && paper !== 'letter') {
    throw packRequestError(`paper must be A4 or Letter, not "${paperGiven}".`);
  }
  const params = new URLSearchParams({ from, to });
  for (const name of FREE_TEXT) {
    const values = valuesOf(query, name);
    if (values.length > MOST_VALUES)
      throw packRequestError(`Too many ${name} values (at most ${MOST_VALUES}).`);
    for (const value of values) {
      if (value.length > LONGEST_VALUE) throw packRequestError(`A ${name} value is too long.`);
      if (value.trim()) params.append(name, value.trim());
    }
  }
  for (const [name, allowed] of Object.entries(ENUMS)) {
    for (const value of valuesOf(query, name)) {
      const upper = value.toUpperCase();
      if (!allowed.includes(upper)) {
        throw packRequestError(`${name} must be one of ${allowed.join(', ')}, not "${value}".`);
      }
      params.append(name, upper);
    }
  }
  const paperName: PackPaper = paper === 'a4' ? 'A4' : 'Letter';
  params.set('paper', paperName);
  return {
    from,
    to,
    paper: paperName,
    search: `?${params.toString()}`,
    fileName: from === to ? `committee-pack-${from}.pdf` : `committee-pack-${from}-to-${to}.pdf`,
  };
};
