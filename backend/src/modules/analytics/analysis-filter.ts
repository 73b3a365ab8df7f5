import type { Principal } from '../auth/principal.js';
import { analyticsInputError } from './analytics.exception.js';
import {
  clinicianPseudonymSql,
  type ClinicianPseudonyms,
  type SqlQueryable,
} from '../vocabulary/clinician-pseudonym.js';

/** The aggregate filter as the services take it (the GraphQL input, or the same shape). */
export interface AnalysisFilter {
  readonly from?: string | null;
  readonly to?: string | null;
  readonly departments?: readonly string[] | null;
  readonly clinicians?: readonly string[] | null;
  readonly indicationGroups?: readonly string[] | null;
  readonly settings?: readonly string[] | null;
  readonly populations?: readonly string[] | null;
  readonly levels?: readonly string[] | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function assertMonth(month: string | null | undefined, name: string): void {
  if (month !== undefined && month !== null && !MONTH.test(month)) {
    throw analyticsInputError(`${name} "${month}" is not a month; use YYYY-MM.`);
  }
}

/** YYYY-MM plus a number of months (negative: back). */
export function addMonths(month: string, months: number): string {
  const [year, monthOfYear] = month.split('-').map(Number);
  const index = year * 12 + (monthOfYear - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): number {
  const [fromYear, fromMonth] = from.split('-').map(Number);
  const [toYear, toMonth] = to.split('-').map(Number);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1;
}

/** Positional parameters of one statement: add() returns the placeholder. */
export class SqlParameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Who asks, as the aggregates need it: their department scope and how clinicians show. */
export interface AnalysisCaller {
  /** Department names the caller is limited to; null: site-wide. */
  readonly departmentScope: readonly string[] | null;
  /** Clinician keys are pseudonyms (COMMITTEE without committee.show_clinician_names). */
  readonly pseudonyms: ClinicianPseudonyms | null;
}

/**
 * Aggregates are site-wide for COMMITTEE, ADMIN and AUDITOR; a QUALITY_MANAGER with departments
 * sees only those. Clinicians are pseudonyms for COMMITTEE unless the setting says otherwise.
 */
export function analysisScopeOf(principal: Principal): readonly string[] | null {
  return principal.role === 'QUALITY_MANAGER' ? principal.departments : null;
}

const nonEmpty = (list: readonly string[] | null | undefined): readonly string[] | null =>
  list && list.length > 0 ? list : null;

/**
 * Refuses a filter naming a department the caller cannot see (unknown, or outside a
 * QUALITY_MANAGER's departments), given every department name (`knownNames`).
 */
export function checkFilterDepartments(
  filter: AnalysisFilter,
  caller: Pick<AnalysisCaller, 'departmentScope'>,
  knownNames: readonly string[],
): void {
  const departments = nonEmpty(filter.departments);
  if (!departments) return;
  const known = new Set(knownNames);
  const visible = (name: string) =>
    known.has(name) && (caller.departmentScope === null || caller.departmentScope.includes(name));
  const unknown = departments.filter((name) => !visible(name));
  if (unknown.length > 0) {
    throw analyticsInputError(
      `No department you can see is named ${unknown.map((name) => `"${name}"`).join(', ')}.`,
    );
  }
}

/** True when the filter names departments (checkFilterDepartments needs their names). */
export const filtersDepartments = (filter: AnalysisFilter): boolean =>
  nonEmpty(filter.departments) !== null;

/** True when the filter names clinicians (pseudonyms for COMMITTEE: the conditions need them). */
export const filtersClinicians = (filter: AnalysisFilter): boolean =>
  nonEmpty(filter.clinicians) !== null;

/** True when the filter names levels (clinician_rollups has none). */
export const filtersLevels = (filter: AnalysisFilter): boolean => nonEmpty(filter.levels) !== null;

/**
 * Checks the filter's months and returns the SQL conditions over `a` (order_assessments or a
 * rollup) and the order's department id (`departmentColumn`: `o.department_id` over orders,
 * only when `needsOrders`; a rollup's `a.department_id`), every list passed as one array
 * parameter (`= ANY($n)`), pseudonyms mapped back to provider ids inside the query. The
 * department scope is a condition here, in SQL; whether the filter's departments are visible
 * is checkFilterDepartments' (the conditions do not depend on it, so the two can run side by
 * side). The month range is left to the caller (overview widens it to the previous period).
 */
export function filterConditions(
  parameters: SqlParameters,
  filter: AnalysisFilter,
  caller: AnalysisCaller,
  departmentColumn = 'o.department_id',
): { conditions: string[]; needsOrders: boolean } {
  assertMonth(filter.from, 'from');
  assertMonth(filter.to, 'to');
  if (filter.from && filter.to && filter.from > filter.to) {
    throw analyticsInputError(`from (${filter.from}) is after to (${filter.to}).`);
  }
  const conditions: string[] = [];
  let needsOrders = false;
  for (const list of [nonEmpty(filter.departments), caller.departmentScope]) {
    if (list === null) continue;
    needsOrders = true;
    conditions.push(
      `${departmentColumn} = ANY(ARRAY(SELECT id FROM departments WHERE name = ANY(${parameters.add(list)}::text[])))`,
    );
  }
  const clinicians = nonEmpty(filter.clinicians);
  if (clinicians && caller.pseudonyms) {
    const inner = parameters.add(caller.pseudonyms.pads.inner);
    const outer = parameters.add(caller.pseudonyms.pads.outer);
    conditions.push(
      `a.provider_id = ANY(ARRAY(SELECT p.provider_id FROM providers p WHERE ${clinicianPseudonymSql('p.provider_id', inner, outer)} = ANY(${parameters.add(clinicians)}::text[])))`,
    );
  } else if (clinicians) {
    conditions.push(`a.provider_id = ANY(${parameters.add(clinicians)}::text[])`);
  }
  const lists: [readonly string[] | null, string][] = [
    [nonEmpty(filter.indicationGroups), 'a.indication_group'],
    [nonEmpty(filter.settings), 'a.setting'],
    [nonEmpty(filter.populations), 'a.population'],
    [nonEmpty(filter.levels), 'a.level'],
  ];
  for (const [list, column] of lists) {
    if (list) conditions.push(`${column} = ANY(${parameters.add(list)}::text[])`);
  }
  return { conditions, needsOrders };
}

/**
 * checkFilterDepartments and filterConditions in one (reading the department names the filter
 * names): for the benches and callers without a request memo.
 */
export async function buildFilterConditions(
  db: SqlQueryable,
  parameters: SqlParameters,
  filter: AnalysisFilter,
  caller: AnalysisCaller,
  departmentColumn = 'o.department_id',
): Promise<{ conditions: string[]; needsOrders: boolean }> {
  const built = filterConditions(parameters, filter, caller, departmentColumn);
  if (filtersDepartments(filter)) {
    const rows = (await db.query(`SELECT name FROM departments WHERE name = ANY($1::text[])`, [
      filter.departments,
    ])) as { name: string }[];
    checkFilterDepartments(
      filter,
      caller,
      rows.map((row) => row.name),
    );
  }
  return built;
}
