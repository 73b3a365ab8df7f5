import { monthTable, sourceSql, type AggregateSource, type SourceSql } from './aggregate-source.js';

/**
 * Counts for the compliance committee's views (DESIGN.md section 3), read from the monthly
 * rollups (or from order_assessments and orders: aggregate-source.ts). Aggregates only: no
 * patient or clinician identifier leaves these queries. Each statement is built for a source
 * and for a department scope (a QUALITY_MANAGER's departments, as a text[] parameter): with a
 * scope, only orders of those departments count (orders without a department do not).
 *
 * An assessable opportunity is an opportunity whose outcome is known (not PENDING) and that no
 * exclusion cleared; every count below is over assessable opportunities. A conflict is a
 * DOCUMENTED or PROBABLE level; an away-switch is a SUBSTITUTED or DOWNGRADED outcome. The
 * dose-history strata (indication group × population × setting) keep the HIGH and LOW bands
 * only (the Mantel–Haenszel comparison is HIGH vs LOW).
 */

/** Rows of MONTHLY_CONFLICT_COUNTS and DEPARTMENT_COUNTS. */
export interface ConflictCountRow {
  readonly opportunities: number;
  readonly conflicts: number;
  readonly away_switches: number;
}

export interface MonthlyConflictCountRow extends ConflictCountRow {
  readonly month: string;
}

export interface DepartmentCountRow extends ConflictCountRow {
  /** null: orders without a department. */
  readonly department: string | null;
}

/** HIGH and LOW band counts of one dose-history stratum. */
export interface StratumCountRow {
  readonly indication_group: string;
  readonly population: string;
  readonly setting: string;
  readonly high_away_switches: number;
  readonly high_opportunities: number;
  readonly low_away_switches: number;
  readonly low_opportunities: number;
}

export interface MonthlyStratumCountRow extends StratumCountRow {
  readonly month: string;
}

export interface DepartmentStratumCountRow extends StratumCountRow {
  /** true: the site's row of the stratum (all departments together). */
  readonly is_site: boolean;
  readonly department: string | null;
}

export interface MonthRangeRow {
  readonly first_month: string | null;
  readonly last_month: string | null;
}

export const ASSESSABLE = `a.is_opportunity AND a.outcome <> 'PENDING' AND a.exclusion IS NULL`;
export const CONFLICT = `a.level IN ('DOCUMENTED', 'PROBABLE')`;
export const AWAY_SWITCH = `a.outcome IN ('SUBSTITUTED', 'DOWNGRADED')`;
export const bandCounts = (sql: SourceSql): string => `
    ${sql.count(`a.band = 'HIGH' AND ${AWAY_SWITCH}`)} AS high_away_switches,
    ${sql.count(`a.band = 'HIGH'`)} AS high_opportunities,
    ${sql.count(`a.band = 'LOW' AND ${AWAY_SWITCH}`)} AS low_away_switches,
    ${sql.count(`a.band = 'LOW'`)} AS low_opportunities`;
/** The raw form of bandCounts (one row per order). */
export const BAND_COUNTS = bandCounts(sourceSql('raw'));

/** Department names, for the trend's filter. */
export const DEPARTMENT_NAMES = `SELECT name FROM departments ORDER BY name`;

/** `AND` the scope condition (departments joined as d) when `scope` is the parameter's number. */
const inScope = (scope: number | null): string =>
  scope === null ? '' : ` AND d.name = ANY($${scope}::text[])`;

/**
 * Opportunities, conflicts and away-switches per month, for every month from the first to the
 * last month loaded (the whole site: what was loaded), months without opportunities as zeros.
 * $1 department name, or null for the whole site (or scope); $2 the scope (text[]) when scoped.
 */
export function monthlyConflictCounts(source: AggregateSource = 'rollups', scoped = false): string {
  const sql = sourceSql(source);
  return `
  WITH bounds AS (
    SELECT min(month) AS first_month, max(month) AS last_month FROM ${monthTable(source)}
  ), months AS (
    SELECT to_char(series.month_start, 'YYYY-MM') AS month
    FROM bounds,
      generate_series(to_date(bounds.first_month, 'YYYY-MM')::timestamp,
                      to_date(bounds.last_month, 'YYYY-MM')::timestamp,
                      interval '1 month') AS series(month_start)
  ), counts AS (
    SELECT a.month,
      ${sql.count()} AS opportunities,
      ${sql.count(CONFLICT)} AS conflicts,
      ${sql.count(AWAY_SWITCH)} AS away_switches
    ${sql.from({ departments: true })}
    WHERE ${sql.assessable} AND ($1::text IS NULL OR d.name = $1::text)${inScope(scoped ? 2 : null)}
    GROUP BY a.month
  )
  SELECT months.month,
    coalesce(counts.opportunities, 0) AS opportunities,
    coalesce(counts.conflicts, 0) AS conflicts,
    coalesce(counts.away_switches, 0) AS away_switches
  FROM months LEFT JOIN counts ON counts.month = months.month
  ORDER BY months.month`;
}

/** HIGH/LOW counts per month and stratum. Parameters as monthlyConflictCounts. */
export function monthlyStratumCounts(source: AggregateSource = 'rollups', scoped = false): string {
  const sql = sourceSql(source);
  return `
  SELECT a.month, a.indication_group, a.population, a.setting,${bandCounts(sql)}
  ${sql.from({ departments: true })}
  WHERE ${sql.assessable} AND a.band IN ('HIGH', 'LOW')
    AND ($1::text IS NULL OR d.name = $1::text)${inScope(scoped ? 2 : null)}
  GROUP BY a.month, a.indication_group, a.population, a.setting
  ORDER BY a.month, a.indication_group, a.population, a.setting`;
}

const inRange = `($1::text IS NULL OR a.month >= $1::text) AND ($2::text IS NULL OR a.month <= $2::text)`;

/**
 * First and last month with orders in the range (in the scope).
 * $1/$2 first/last month (YYYY-MM) or null; $3 the scope (text[]) when scoped.
 */
export function monthRange(source: AggregateSource = 'rollups', scoped = false): string {
  const sql = sourceSql(source);
  return `
  SELECT min(a.month) AS first_month, max(a.month) AS last_month
  ${sql.from({ departments: scoped })}
  WHERE ${inRange}${inScope(scoped ? 3 : null)}`;
}

/**
 * Opportunities, conflicts and away-switches per department (orders without a department
 * together as null), every department with orders in the range (and the scope), by name.
 * Parameters as monthRange.
 */
export function departmentCounts(source: AggregateSource = 'rollups', scoped = false): string {
  const sql = sourceSql(source);
  return `
  SELECT d.name AS department,
    ${sql.count(sql.assessable)} AS opportunities,
    ${sql.count(`${sql.assessable} AND ${CONFLICT}`)} AS conflicts,
    ${sql.count(`${sql.assessable} AND ${AWAY_SWITCH}`)} AS away_switches
  ${sql.from({ departments: true })}
  WHERE ${inRange}${inScope(scoped ? 3 : null)}
  GROUP BY d.name
  ORDER BY d.name NULLS LAST`;
}

/**
 * HIGH/LOW counts per department and stratum, and per stratum for the whole site, or the
 * scope, (is_site). Parameters as monthRange.
 */
export function departmentStratumCounts(
  source: AggregateSource = 'rollups',
  scoped = false,
): string {
  const sql = sourceSql(source);
  return `
  SELECT GROUPING(d.name) = 1 AS is_site, d.name AS department,
    a.indication_group, a.population, a.setting,${bandCounts(sql)}
  ${sql.from({ departments: true })}
  WHERE ${sql.assessable} AND a.band IN ('HIGH', 'LOW')
    AND ${inRange}${inScope(scoped ? 3 : null)}
  GROUP BY GROUPING SETS ((d.name, a.indication_group, a.population, a.setting),
                          (a.indication_group, a.population, a.setting))
  ORDER BY is_site, d.name NULLS LAST, a.indication_group, a.population, a.setting`;
}
