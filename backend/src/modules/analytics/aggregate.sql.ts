/**
 * Counts for overview, practiceVariation and doseHistorySensitivity, read from
 * order_assessments (a) and, for department filters and scopes, orders (o). Every statement
 * takes a `{conditions}` list built by analysis-filter.ts (lists as array parameters) and one
 * scan gathers totals and strata through GROUPING SETS. Opportunities are assessable
 * (outcome known, no exclusion): see committee.sql.ts.
 */
import { ASSESSABLE, AWAY_SWITCH, BAND_COUNTS, CONFLICT } from './committee.sql.js';

const from = (needsOrders: boolean, extraJoin = '') =>
  `FROM order_assessments a${needsOrders || extraJoin ? ' JOIN orders o ON o.id = a.order_pk' : ''}${extraJoin}`;

const where = (conditions: readonly string[]) =>
  conditions.length > 0 ? ` AND ${conditions.join(' AND ')}` : '';

const FIGURES = `
    count(*)::int AS opportunities,
    count(*) FILTER (WHERE ${AWAY_SWITCH})::int AS away_switches,
    count(*) FILTER (WHERE ${CONFLICT})::int AS conflicts`;

export interface FigureCountRow {
  readonly opportunities: number;
  readonly away_switches: number;
  readonly conflicts: number;
}

export interface BandCountRow {
  readonly indication_group: string | null;
  readonly population: string | null;
  readonly setting: string | null;
  readonly high_away_switches: number;
  readonly high_opportunities: number;
  readonly low_away_switches: number;
  readonly low_opportunities: number;
}

/** The latest month with an assessed order (the whole site: what was loaded). */
export const LATEST_MONTH = `SELECT max(month) AS month FROM order_assessments`;

export interface OverviewCountRow extends FigureCountRow, BandCountRow {
  readonly is_current: boolean;
  /** true: the period's totals; false: one stratum's HIGH/LOW counts. */
  readonly is_total: boolean;
  readonly documented: number;
  readonly probable: number;
  readonly possible: number;
}

/**
 * Both periods of the overview in one scan: totals per period and the HIGH/LOW counts of each
 * stratum per period (strata with HIGH or LOW orders only, as committee.sql.ts keeps them). $1 first month of the previous period, $2 first month of the current,
 * $3 last month of the current.
 */
export function overviewCounts(conditions: readonly string[], needsOrders: boolean): string {
  return `
  SELECT a.is_current,
    GROUPING(a.indication_group, a.population, a.setting) = 7 AS is_total,
    a.indication_group, a.population, a.setting,${FIGURES},
    count(*) FILTER (WHERE a.level = 'DOCUMENTED')::int AS documented,
    count(*) FILTER (WHERE a.level = 'PROBABLE')::int AS probable,
    count(*) FILTER (WHERE a.level = 'POSSIBLE')::int AS possible,${BAND_COUNTS}
  FROM (
    SELECT a.month >= $2::text AS is_current, a.indication_group, a.population, a.setting,
      a.level, a.outcome, a.band
    ${from(needsOrders)}
    WHERE ${ASSESSABLE} AND a.month >= $1::text AND a.month <= $3::text${where(conditions)}
  ) a
  GROUP BY GROUPING SETS ((a.is_current), (a.is_current, a.indication_group, a.population, a.setting))
  HAVING GROUPING(a.indication_group, a.population, a.setting) = 7
      OR count(*) FILTER (WHERE a.band IN ('HIGH', 'LOW')) > 0`;
}

export interface CaseCountRow {
  readonly is_current: boolean;
  readonly flagged: number;
  readonly reviewed: number;
}

/**
 * Flagged cases (DOCUMENTED, PROBABLE, POSSIBLE) per period in the caller's scope and filter,
 * and those with at least one review (case_reviews, through its order_pk index). Same
 * parameters as overviewCounts.
 */
export function caseCounts(conditions: readonly string[], needsOrders: boolean): string {
  return `
  SELECT a.month >= $2::text AS is_current,
    count(*)::int AS flagged,
    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM case_reviews r WHERE r.order_pk = a.order_pk))::int AS reviewed
  ${from(needsOrders)}
  WHERE a.level IN ('DOCUMENTED', 'PROBABLE', 'POSSIBLE')
    AND a.month >= $1::text AND a.month <= $3::text${where(conditions)}
  GROUP BY 1`;
}

export type VariationUnitColumn = 'department' | 'clinician' | 'indication_group';

const UNIT_EXPRESSION: Record<VariationUnitColumn, string> = {
  department: 'd.name',
  clinician: 'a.provider_id',
  indication_group: 'a.indication_group',
};

export interface VariationCountRow extends FigureCountRow, BandCountRow {
  /** 0: the scope's totals; 1: one unit's totals; 2: one unit's stratum. */
  readonly grouping_level: number;
  readonly unit: string | null;
  readonly label: string | null;
}

/**
 * Practice variation in one scan: counts per unit and stratum first (one hash aggregate over
 * the orders), then rolled up by GROUPING SETS into the scope's totals, each unit's totals and
 * each unit's HIGH/LOW counts per stratum (strata with HIGH or LOW orders; a few thousand rows,
 * not the orders); units named
 * (providers.name for clinicians) after grouping.
 */
export function variationCounts(
  unit: VariationUnitColumn,
  conditions: readonly string[],
  needsOrders: boolean,
): string {
  const departmentJoin =
    unit === 'department' ? ' LEFT JOIN departments d ON d.id = o.department_id' : '';
  const label =
    unit === 'clinician'
      ? `(SELECT coalesce(p.name, p.provider_id) FROM providers p WHERE p.provider_id = g.unit)`
      : 'g.unit';
  const sums = [
    'opportunities',
    'away_switches',
    'conflicts',
    'high_away_switches',
    'high_opportunities',
    'low_away_switches',
    'low_opportunities',
  ]
    .map((column) => `sum(s.${column})::int AS ${column}`)
    .join(',\n      ');
  return `
  WITH s AS (
    SELECT ${UNIT_EXPRESSION[unit]} AS unit, a.indication_group, a.population, a.setting,${FIGURES},${BAND_COUNTS}
    ${from(needsOrders, departmentJoin)}
    WHERE ${ASSESSABLE}${where(conditions)}
    GROUP BY 1, 2, 3, 4
  ), g AS (
    SELECT
      CASE WHEN GROUPING(s.unit) = 1 THEN 0
           WHEN GROUPING(s.indication_group, s.population, s.setting) = 7 THEN 1
           ELSE 2 END AS grouping_level,
      s.unit, s.indication_group, s.population, s.setting,
      ${sums}
    FROM s
    GROUP BY GROUPING SETS ((), (s.unit), (s.unit, s.indication_group, s.population, s.setting))
  )
  SELECT g.*, CASE WHEN g.grouping_level = 1 THEN ${label} END AS label
  FROM g
  WHERE g.grouping_level < 2 OR g.high_opportunities + g.low_opportunities > 0
  ORDER BY g.grouping_level, g.unit NULLS LAST, g.indication_group, g.population, g.setting`;
}

export interface SensitivityCountRow {
  readonly indication_group: string;
  readonly population: string;
  readonly setting: string;
  readonly band: string;
  readonly opportunities: number;
  readonly away_switches: number;
}

/** Opportunities and away-switches per stratum and band. */
export function sensitivityCounts(conditions: readonly string[], needsOrders: boolean): string {
  return `
  SELECT a.indication_group, a.population, a.setting, a.band,
    count(*)::int AS opportunities,
    count(*) FILTER (WHERE ${AWAY_SWITCH})::int AS away_switches
  ${from(needsOrders)}
  WHERE ${ASSESSABLE} AND a.indication_group IS NOT NULL${where(conditions)}
  GROUP BY a.indication_group, a.population, a.setting, a.band
  ORDER BY a.indication_group, a.population, a.setting, a.band`;
}
