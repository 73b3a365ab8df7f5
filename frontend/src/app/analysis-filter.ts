/**
 * The global analysis filter (docs/api-contract.graphql `AnalysisFilter`) and its place in the
 * page address: `?from=2025-01&to=2025-06&department=ED&department=Surgery&clinician=P123…`, so
 * any view is a shareable link. Pure functions; `use-analysis-filter.ts` binds them to the router.
 */

export const CARE_SETTINGS = ['ED', 'IP', 'OP'] as const;
export const POPULATIONS = ['ADULT', 'PEDIATRIC', 'PREGNANT'] as const;
export const CASE_LEVELS = ['DOCUMENTED', 'PROBABLE', 'POSSIBLE', 'EXCLUDED'] as const;

export type CareSettingValue = (typeof CARE_SETTINGS)[number];
export type PopulationValue = (typeof POPULATIONS)[number];
export type CaseLevelValue = (typeof CASE_LEVELS)[number];

/** The filter as the dashboard holds it: every list present (empty = no restriction). */
export interface AnalysisFilterValue {
  readonly from: string | null;
  readonly to: string | null;
  readonly departments: readonly string[];
  readonly clinicians: readonly string[];
  readonly indicationGroups: readonly string[];
  readonly settings: readonly CareSettingValue[];
  readonly populations: readonly PopulationValue[];
  readonly levels: readonly CaseLevelValue[];
}

/** The GraphQL input: only what restricts; null when nothing does. */
export interface AnalysisFilterInput {
  from?: string;
  to?: string;
  departments?: string[];
  clinicians?: string[];
  indicationGroups?: string[];
  settings?: CareSettingValue[];
  populations?: PopulationValue[];
  levels?: CaseLevelValue[];
}

export const EMPTY_ANALYSIS_FILTER: AnalysisFilterValue = {
  from: null,
  to: null,
  departments: [],
  clinicians: [],
  indicationGroups: [],
  settings: [],
  populations: [],
  levels: [],
};

type ListKey = Exclude<keyof AnalysisFilterValue, 'from' | 'to'>;

/** URL parameter of each list: singular, repeated once per value (`department=A&department=B`). */
export const FILTER_PARAMS: Readonly<Record<ListKey, string>> = {
  departments: 'department',
  clinicians: 'clinician',
  indicationGroups: 'indicationGroup',
  settings: 'setting',
  populations: 'population',
  levels: 'level',
};

const LIST_KEYS = Object.keys(FILTER_PARAMS) as ListKey[];

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isMonthKey = (value: string): boolean => MONTH_PATTERN.test(value);

const unique = <T extends string>(values: readonly T[]): T[] => [...new Set(values)];

const onlyOf =
  <T extends string>(allowed: readonly T[]) =>
  (values: readonly string[]): T[] =>
    unique(
      values
        .map((value) => value.toUpperCase())
        .filter((value): value is T => (allowed as readonly string[]).includes(value)),
    );

const cleanText = (values: readonly string[]): string[] =>
  unique(values.map((value) => value.trim()).filter((value) => value.length > 0));

/**
 * The filter in a query string. Unknown parameters are ignored; a month that is not YYYY-MM and
 * an enum value that does not exist are dropped (a hand-edited link still opens); a range given
 * backwards is turned round.
 */
export const readAnalysisFilter = (params: URLSearchParams): AnalysisFilterValue => {
  const month = (name: string): string | null => {
    const value = params.get(name)?.trim() ?? '';
    return isMonthKey(value) ? value : null;
  };
  let from = month('from');
  let to = month('to');
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  return {
    from,
    to,
    departments: cleanText(params.getAll(FILTER_PARAMS.departments)),
    clinicians: cleanText(params.getAll(FILTER_PARAMS.clinicians)),
    indicationGroups: cleanText(params.getAll(FILTER_PARAMS.indicationGroups)),
    settings: onlyOf(CARE_SETTINGS)(params.getAll(FILTER_PARAMS.settings)),
    populations: onlyOf(POPULATIONS)(params.getAll(FILTER_PARAMS.populations)),
    levels: onlyOf(CASE_LEVELS)(params.getAll(FILTER_PARAMS.levels)),
  };
};

/**
 * A copy of `params` with the filter written into it: the filter's own parameters replaced,
 * every other parameter (a page's sort order, a cursor) kept. Parameters appear in a fixed order
 * so that the same filter always gives the same link.
 */
export const writeAnalysisFilter = (
  params: URLSearchParams,
  filter: Partial<AnalysisFilterValue>,
): URLSearchParams => {
  const next = new URLSearchParams();
  const own = new Set(['from', 'to', ...Object.values(FILTER_PARAMS)]);
  const whole = { ...EMPTY_ANALYSIS_FILTER, ...filter };
  if (whole.from) next.set('from', whole.from);
  if (whole.to) next.set('to', whole.to);
  for (const key of LIST_KEYS) {
    for (const value of whole[key]) next.append(FILTER_PARAMS[key], value);
  }
  for (const [name, value] of params) if (!own.has(name)) next.append(name, value);
  return next;
};

/** `?from=…&department=…` for a link that carries the filter, or '' when nothing restricts. */
export const analysisFilterSearch = (filter: Partial<AnalysisFilterValue>): string => {
  const search = writeAnalysisFilter(new URLSearchParams(), filter).toString();
  return search ? `?${search}` : '';
};

/** True when the filter restricts nothing. */
export const isEmptyAnalysisFilter = (filter: AnalysisFilterValue): boolean =>
  filter.from === null && filter.to === null && LIST_KEYS.every((key) => filter[key].length === 0);

/** The GraphQL `AnalysisFilter` variable: only the restricting fields, or null. */
export const toAnalysisFilterInput = (filter: AnalysisFilterValue): AnalysisFilterInput | null => {
  if (isEmptyAnalysisFilter(filter)) return null;
  const input: AnalysisFilterInput = {};
  if (filter.from) input.from = filter.from;
  if (filter.to) input.to = filter.to;
  if (filter.departments.length) input.departments = [...filter.departments];
  if (filter.clinicians.length) input.clinicians = [...filter.clinicians];
  if (filter.indicationGroups.length) input.indicationGroups = [...filter.indicationGroups];
  if (filter.settings.length) input.settings = [...filter.settings];
  if (filter.populations.length) input.populations = [...filter.populations];
  if (filter.levels.length) input.levels = [...filter.levels];
  return input;
};
