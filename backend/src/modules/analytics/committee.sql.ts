/**
 * Counts for the compliance committee's views (DESIGN.md section 3), read from
 * order_assessments. Aggregates only: no patient or clinician identifier leaves these queries.
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
export const BAND_COUNTS = `
    count(*) FILTER (WHERE a.band = 'HIGH' AND ${AWAY_SWITCH})::int AS high_away_switches,
    count(*) FILTER (WHERE a.band = 'HIGH')::int AS high_opportunities,
    count(*) FILTER (WHERE a.band = 'LOW' AND ${AWAY_SWITCH})::int AS low_away_switches,
    count(*) FILTER (WHERE a.band = 'LOW')::int AS low_opportunities`;

/** Department names, for the trend's filter. */
export const DEPARTMENT_NAMES = `SELECT name FROM departments ORDER BY name`;

/**
 * Opportunities, conflicts and away-switches per month, for every month from the first to the
 * last month loaded (all departments), months without opportunities as zeros.
 * $1 department name, or null for the whole site.
 */
export const MONTHLY_CONFLICT_COUNTS = `
  WITH bounds AS (
    SELECT min(month) AS first_month, max(month) AS last_month FROM order_assessments
  ), months AS (
    SELECT to_char(series.month_start, 'YYYY-MM') AS month
    FROM bounds,
      generate_series(to_date(bounds.first_month, 'YYYY-MM')::timestamp,
                      to_date(bounds.last_month, 'YYYY-MM')::timestamp,
                      interval '1 month') AS series(month_start)
  ), counts AS (
    SELECT a.month,
      count(*)::int AS opportunities,
      count(*) FILTER (WHERE ${CONFLICT})::int AS conflicts,
      count(*) FILTER (WHERE ${AWAY_SWITCH})::int AS away_switches
    FROM order_assessments a
    JOIN orders o ON o.id = a.order_pk
    LEFT JOIN departments d ON d.id = o.department_id
    WHERE ${ASSESSABLE} AND ($1::text IS NULL OR d.name = $1::text)
    GROUP BY a.month
  )
  SELECT months.month,
    coalesce(counts.opportunities, 0) AS opportunities,
    coalesce(counts.conflicts, 0) AS conflicts,
    coalesce(counts.away_switches, 0) AS away_switches
  FROM months LEFT JOIN counts ON counts.month = months.month
  ORDER BY months.month`;

/** HIGH/LOW counts per month and stratum. $1 department name, or null for the whole site. */
export const MONTHLY_STRATUM_COUNTS = `
  SELECT a.month, a.indication_group, a.population, a.setting,${BAND_COUNTS}
  FROM order_assessments a
  JOIN orders o ON o.id = a.order_pk
  LEFT JOIN departments d ON d.id = o.department_id
  WHERE ${ASSESSABLE} AND a.band IN ('HIGH', 'LOW')
    AND ($1::text IS NULL OR d.name = $1::text)
  GROUP BY a.month, a.indication_group, a.population, a.setting
  ORDER BY a.month, a.indication_group, a.population, a.setting`;

/** First and last month with orders in the range. $1/$2 first/last month (YYYY-MM) or null. */
export const MONTH_RANGE = `
  SELECT min(a.month) AS first_month, max(a.month) AS last_month
  FROM order_assessments a
  WHERE ($1::text IS NULL OR a.month >= $1::text) AND ($2::text IS NULL OR a.month <= $2::text)`;

/**
 * Opportunities, conflicts and away-switches per department (orders without a department
 * together as null), every department with orders in the range, by name.
 * $1/$2 first/last month (YYYY-MM) or null.
 */
export const DEPARTMENT_COUNTS = `
  SELECT d.name AS department,
    count(*) FILTER (WHERE ${ASSESSABLE})::int AS opportunities,
    count(*) FILTER (WHERE ${ASSESSABLE} AND ${CONFLICT})::int AS conflicts,
    count(*) FILTER (WHERE ${ASSESSABLE} AND ${AWAY_SWITCH})::int AS away_switches
  FROM order_assessments a
  JOIN orders o ON o.id = a.order_pk
  LEFT JOIN departments d ON d.id = o.department_id
  WHERE ($1::text IS NULL OR a.month >= $1::text) AND ($2::text IS NULL OR a.month <= $2::text)
  GROUP BY d.name
  ORDER BY d.name NULLS LAST`;

/**
 * HIGH/LOW counts per department and stratum, and per stratum for the whole site (is_site).
 * $1/$2 first/last month (YYYY-MM) or null.
 */
export const DEPARTMENT_STRATUM_COUNTS = `
  SELECT GROUPING(d.name) = 1 AS is_site, d.name AS department,
    a.indication_group, a.population, a.setting,${BAND_COUNTS}
  FROM order_assessments a
  JOIN orders o ON o.id = a.order_pk
  LEFT JOIN departments d ON d.id = o.department_id
  WHERE ${ASSESSABLE} AND a.band IN ('HIGH', 'LOW')
    AND ($1::text IS NULL OR a.month >= $1::text) AND ($2::text IS NULL OR a.month <= $2::text)
  GROUP BY GROUPING SETS ((d.name, a.indication_group, a.population, a.setting),
                          (a.indication_group, a.population, a.setting))
  ORDER BY is_site, d.name NULLS LAST, a.indication_group, a.population, a.setting`;
