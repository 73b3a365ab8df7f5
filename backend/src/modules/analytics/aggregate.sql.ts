/**
 * Counts for overview, practiceVariation and doseHistorySensitivity, read from the monthly
 * rollups (or, for the equivalence spec and the bench, from order_assessments (a) and orders
 * (o): see aggregate-source.ts). Every statement takes a `{conditions}` list built by
 * analysis-filter.ts (lists as array parameters, departments on the source's department
 * column) and one scan gathers totals and strata through GROUPING SETS. Opportunities are
 * assessable (outcome known, no exclusion): see committee.sql.ts.
 */
import { monthTable, sourceSql, type AggregateSource, type SourceSql } from './aggregate-source.js';
import { AWAY_SWITCH, bandCounts, CONFLICT } from './committee.sql.js';

/** A condition on the clinician: the statement reads the rollups by clinician. */
const byClinician = (conditions: readonly string[]) =>
  conditions.some((condition) => condition.includes('a.provider_id'));

const where = (conditions: readonly string[]) =>
  conditions.length > 0 ? ` AND ${conditions.join(' AND ')}` : '';

const figures = (sql: SourceSql) => `
    ${sql.count()} AS opportunities,
    ${sql.count(AWAY_SWITCH)} AS away_switches,
    ${sql.count(CONFLICT)} AS conflicts`;

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
export const latestMonth = (source: AggregateSource = 'rollups'): string =>
  `SELECT max(month) AS month FROM ${monthTable(source)}`;

/** The latest month, from the rollups. */
export const LATEST_MONTH = latestMonth('rollups');

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
export function overviewCounts(
  conditions: readonly string[],
  needsOrders: boolean,
  source: AggregateSource = 'rollups',
): string {
  const sql = sourceSql(source);
  return `
  SELECT a.is_current,
    GROUPING(a.indication_group, a.population, a.setting) = 7 AS is_total,
    a.indication_group, a.population, a.setting,${figures(sql)},
    ${sql.count(`a.level = 'DOCUMENTED'`)} AS documented,
    ${sql.count(`a.level = 'PROBABLE'`)} AS probable,
    ${sql.count(`a.level = 'POSSIBLE'`)} AS possible,${bandCounts(sql)}
  FROM (
    SELECT a.month >= $2::text AS is_current, a.indication_group, a.population, a.setting,
      a.level, a.outcome, a.band${source === 'rollups' ? ', a.orders' : ''}
    ${sql.from({ needsOrders, clinicians: byClinician(conditions) })}
    WHERE ${sql.assessable} AND a.month >= $1::text AND a.month <= $3::text${where(conditions)}
  ) a
  GROUP BY GROUPING SETS ((a.is_current), (a.is_current, a.indication_group, a.population, a.setting))
  HAVING GROUPING(a.indication_group, a.population, a.setting) = 7
      OR ${sql.count(`a.band IN ('HIGH', 'LOW')`)} > 0`;
}

export interface CaseCountRow {
  readonly is_current: boolean;
  readonly flagged: number;
  readonly reviewed: number;
}

const FLAGGED = `a.level IN ('DOCUMENTED', 'PROBABLE', 'POSSIBLE')`;

/**
 * Flagged cases (DOCUMENTED, PROBABLE, POSSIBLE) per period in the caller's scope and filter,
 * and those with at least one review. From the rollups, the flagged count is a sum; the
 * reviewed count starts from case_reviews (reviews, not history: a few per flagged case at
 * most) and reads their assessments, exposed with the rollups' columns so that the same
 * conditions apply. Same parameters as overviewCounts.
 */
export function caseCounts(
  conditions: readonly string[],
  needsOrders: boolean,
  source: AggregateSource = 'rollups',
): string {
  const range = `a.month >= $1::text AND a.month <= $3::text${where(conditions)}`;
  if (source === 'raw') {
    return `
  SELECT a.month >= $2::text AS is_current,
    count(*)::int AS flagged,
    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM case_reviews r WHERE r.order_pk = a.order_pk))::int AS reviewed
  ${sourceSql('raw').from({ needsOrders })}
  WHERE ${FLAGGED}
    AND ${range}
  GROUP BY 1`;
  }
  return `
  SELECT c.is_current, sum(c.flagged)::int AS flagged, sum(c.reviewed)::int AS reviewed
  FROM (
    SELECT a.month >= $2::text AS is_current, sum(a.orders) AS flagged, 0 AS reviewed
    ${sourceSql('rollups').from({ clinicians: byClinician(conditions) })}
    WHERE ${FLAGGED} AND ${range}
    GROUP BY 1
    UNION ALL
    SELECT a.month >= $2::text, 0, count(*)
    FROM (
      SELECT x.month, x.provider_id, x.indication_group, x.population, x.setting, x.level,
        o.department_id
      FROM (SELECT DISTINCT order_pk FROM case_reviews) r
      -- one primary-key read per reviewed order (OFFSET 0 keeps the planner from turning
      -- this into a scan of every flagged assessment)
      CROSS JOIN LATERAL (
        SELECT * FROM order_assessments y WHERE y.order_pk = r.order_pk OFFSET 0
      ) x
      JOIN orders o ON o.id = x.order_pk
    ) a
    WHERE ${FLAGGED} AND ${range}
    GROUP BY 1
  ) c
  GROUP BY 1`;
}

/** The figures of a variation count row (and the columns of clinician_rollups). */
export const FIGURE_COLUMNS = [
  'opportunities',
  'away_switches',
  'conflicts',
  'high_away_switches',
  'high_opportunities',
  'low_away_switches',
  'low_opportunities',
];

export type VariationUnitColumn = 'department' | 'clinician' | 'indication_group';

const UNIT_EXPRESSION: Record<VariationUnitColumn, string> = {
  department: 'd.name',
  clinician: 'a.provider_id',
  indication_group: 'a.indication_group',
};

/** One stratum's [high_away_switches, high_opportunities, low_away_switches, low_opportunities]. */
export type StratumBandCounts = readonly [number, number, number, number];

export interface VariationCountRow extends FigureCountRow {
  /** 0: the scope's totals; 1: one unit's totals. */
  readonly grouping_level: number;
  readonly unit: string | null;
  readonly label: string | null;
  /**
   * A unit's HIGH/LOW counts per stratum (strata with HIGH or LOW orders), ordered by
   * indication group, population and setting; null for a unit without any (and the scope).
   */
  readonly strata: readonly StratumBandCounts[] | null;
  /** From clinician_rollups: the dashboard generation read with them. */
  readonly generation?: string;
}

/**
 * Practice variation in one scan: counts per unit and stratum first (one hash aggregate over
 * the orders), summed per unit and stratum (a clinician's rows in several departments), then
 * per unit: its totals and its HIGH/LOW counts per stratum (strata with HIGH or LOW orders) as
 * one JSON array on the unit's row (one row per unit, not per stratum: a clinician has about
 * six strata; parsing them as rows cost the client more than the statement took); the scope's
 * totals are the units' summed. Clinicians named by one hash join with providers, ordered by
 * unit. (GROUPING SETS over the strata, the strata read again from their result and a name
 * looked up per clinician took 70 to 75 ms where this takes 54, at 3,304 clinicians.)
 */
export function variationCounts(
  unit: VariationUnitColumn,
  conditions: readonly string[],
  needsOrders: boolean,
  source: AggregateSource = 'rollups',
  /**
   * The filter has no month and no level: by clinician, the rollups are read from
   * clinician_rollups (the same counts without month, band, outcome and level; its columns
   * department_id, provider_id, indication_group, population and setting take every other
   * condition).
   */
  allMonths = false,
): string {
  const sums = FIGURE_COLUMNS.map((column) => `sum(s.${column})::int AS ${column}`).join(
    ',\n      ',
  );
  const generation = generationColumn(fromClinicianRollups(unit, source, allMonths));
  const clinicians = unit === 'clinician';
  return `
  WITH s AS (${unitStratumCounts(unit, conditions, needsOrders, source, allMonths)}
  ), g AS (
    SELECT s.unit, s.indication_group, s.population, s.setting,
      ${sums}
    FROM s
    GROUP BY s.unit, s.indication_group, s.population, s.setting
  ), u AS (
    SELECT g.unit, sum(g.opportunities)::int AS opportunities,
      sum(g.away_switches)::int AS away_switches, sum(g.conflicts)::int AS conflicts,
      ${STRATA_ARRAY} FILTER (WHERE g.high_opportunities + g.low_opportunities > 0) AS strata
    FROM g
    GROUP BY g.unit
  )
  SELECT 0 AS grouping_level, NULL::text AS unit, sum(u.opportunities)::int AS opportunities,
    sum(u.away_switches)::int AS away_switches, sum(u.conflicts)::int AS conflicts,
    NULL::text AS label, NULL::json AS strata${generation}
  FROM u
  UNION ALL
  SELECT 1, u.unit, u.opportunities, u.away_switches, u.conflicts,
    ${clinicians ? 'coalesce(p.name, p.provider_id)' : 'u.unit'}, u.strata${generation}
  FROM u${clinicians ? '\n  LEFT JOIN providers p ON p.provider_id = u.unit' : ''}
  ORDER BY 1, 2 NULLS LAST`;
}

/** A unit's strata as one JSON array, in stratum order (over rows `g` of one unit and stratum). */
const STRATA_ARRAY = `json_agg(json_build_array(g.high_away_switches, g.high_opportunities,
                                g.low_away_switches, g.low_opportunities)
               ORDER BY g.indication_group, g.population, g.setting)`;

/** The dashboard generation in the same snapshot as the counts (VariationCache), when `kept`. */
const generationColumn = (kept: boolean): string =>
  kept ? ',\n    (SELECT generation FROM dashboard_generation)::text AS generation' : '';

export const fromClinicianRollups = (
  unit: VariationUnitColumn,
  source: AggregateSource,
  allMonths: boolean,
): boolean => source === 'rollups' && unit === 'clinician' && allMonths;

/** FROM and WHERE of a unit's assessable rows in the source, under the conditions. */
const assessableRows = (
  unit: VariationUnitColumn,
  conditions: readonly string[],
  needsOrders: boolean,
  sql: SourceSql,
): string => `${sql.from({
  needsOrders,
  departments: unit === 'department',
  clinicians: unit === 'clinician' || byClinician(conditions),
})}
    WHERE ${sql.assessable}${where(conditions)}`;

/**
 * The counts per unit and stratum (columns unit, indication_group, population, setting and
 * FIGURE_COLUMNS): from clinician_rollups as its rows are (a clinician's rows in several
 * departments are summed by the caller, integer sums: the same figures as summing them first),
 * else one hash aggregate over the source.
 */
function unitStratumCounts(
  unit: VariationUnitColumn,
  conditions: readonly string[],
  needsOrders: boolean,
  source: AggregateSource,
  allMonths: boolean,
): string {
  const sql = sourceSql(source);
  return fromClinicianRollups(unit, source, allMonths)
    ? `
    SELECT a.provider_id AS unit, a.indication_group, a.population, a.setting,
      ${FIGURE_COLUMNS.map((column) => `a.${column}`).join(', ')}
    FROM clinician_rollups a
    WHERE true${where(conditions)}`
    : `
    SELECT ${UNIT_EXPRESSION[unit]} AS unit, a.indication_group, a.population, a.setting,${figures(sql)},${bandCounts(sql)}
    ${assessableRows(unit, conditions, needsOrders, sql)}
    GROUP BY 1, 2, 3, 4`;
}

/** A condition on a column clinician_totals does not have (it keeps department and clinician). */
const CASE_MIX = /\ba\.(indication_group|population|setting)\b/;

export interface VariationTotalRow extends FigureCountRow {
  /** 0: the scope's totals; 1: one unit's totals. */
  readonly grouping_level: number;
  readonly unit: string | null;
  /** The unit itself; null for clinicians (their names: CLINICIAN_LABELS, for a page only). */
  readonly label: string | null;
  /** From clinician_rollups or clinician_totals: the dashboard generation read with them. */
  readonly generation?: string;
}

/**
 * The scope's totals and each unit's (opportunities, away-switches, conflicts): the figures
 * variationCounts gives on its rows, without the strata and the clinicians' names, for a page of
 * the units (their strata from variationStrata, the page's names from CLINICIAN_LABELS: a name
 * lookup per clinician was most of this statement at 3,304 clinicians). By clinician over all months the sums come from
 * clinician_totals (one row per department and clinician; clinician_rollups when a condition
 * names the case mix). Same parameters as variationCounts.
 */
export function variationTotals(
  unit: VariationUnitColumn,
  conditions: readonly string[],
  needsOrders: boolean,
  source: AggregateSource = 'rollups',
  allMonths = false,
): string {
  const sql = sourceSql(source);
  const rollup = fromClinicianRollups(unit, source, allMonths);
  const unitColumn = rollup ? 'a.provider_id' : UNIT_EXPRESSION[unit];
  // without a condition on the case mix, clinician_totals has the same sums in fewer rows
  const table = conditions.some((condition) => CASE_MIX.test(condition))
    ? 'clinician_rollups'
    : 'clinician_totals';
  const counts = rollup
    ? `sum(a.opportunities)::int AS opportunities, sum(a.away_switches)::int AS away_switches,
      sum(a.conflicts)::int AS conflicts
    FROM ${table} a
    WHERE true${where(conditions)}`
    : `${figures(sql)}
    ${assessableRows(unit, conditions, needsOrders, sql)}`;
  return `
  WITH g AS (
    SELECT GROUPING(${unitColumn}) AS is_scope, ${unitColumn} AS unit, ${counts}
    GROUP BY GROUPING SETS ((), (${unitColumn}))
  )
  SELECT CASE WHEN g.is_scope = 1 THEN 0 ELSE 1 END AS grouping_level, g.unit,
    g.opportunities, g.away_switches, g.conflicts,
    CASE WHEN g.is_scope = 0 THEN ${unit === 'clinician' ? 'NULL::text' : 'g.unit'} END AS label${generationColumn(rollup)}
  FROM g
  ORDER BY 1, g.unit NULLS LAST`;
}

/** The names of the clinicians in the array parameter $1 (name, else the provider id). */
export const CLINICIAN_LABELS = `
  SELECT p.provider_id AS unit, coalesce(p.name, p.provider_id) AS label
  FROM providers p
  WHERE p.provider_id = ANY($1::text[])`;

export interface ClinicianLabelRow {
  readonly unit: string;
  readonly label: string;
}

export interface VariationStrataRow {
  readonly unit: string;
  readonly strata: readonly StratumBandCounts[];
}

/**
 * The HIGH/LOW counts per stratum of the units in the array parameter \`$unitsParameter\`
 * (strata with HIGH or LOW orders, in stratum order, as variationCounts gives them); units
 * without any have no row. Same parameters as variationCounts, plus the units.
 */
export function variationStrata(
  unit: VariationUnitColumn,
  conditions: readonly string[],
  needsOrders: boolean,
  source: AggregateSource,
  allMonths: boolean,
  unitsParameter: string,
): string {
  const unitColumn = fromClinicianRollups(unit, source, allMonths)
    ? 'a.provider_id'
    : UNIT_EXPRESSION[unit];
  const restricted = [...conditions, `${unitColumn} = ANY(${unitsParameter}::text[])`];
  const sums = FIGURE_COLUMNS.slice(3)
    .map((column) => `sum(s.${column})::int AS ${column}`)
    .join(', ');
  return `
  WITH s AS (${unitStratumCounts(unit, restricted, needsOrders, source, allMonths)}
  ), g AS (
    SELECT s.unit, s.indication_group, s.population, s.setting, ${sums}
    FROM s
    WHERE s.unit IS NOT NULL
    GROUP BY s.unit, s.indication_group, s.population, s.setting
  )
  SELECT g.unit, ${STRATA_ARRAY} AS strata
  FROM g
  WHERE g.high_opportunities + g.low_opportunities > 0
  GROUP BY g.unit`;
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
export function sensitivityCounts(
  conditions: readonly string[],
  needsOrders: boolean,
  source: AggregateSource = 'rollups',
): string {
  const sql = sourceSql(source);
  return `
  SELECT a.indication_group, a.population, a.setting, a.band,
    ${sql.count()} AS opportunities,
    ${sql.count(AWAY_SWITCH)} AS away_switches
  ${sql.from({ needsOrders, clinicians: byClinician(conditions) })}
  WHERE ${sql.assessable} AND a.indication_group IS NOT NULL${where(conditions)}
  GROUP BY a.indication_group, a.population, a.setting, a.band
  ORDER BY a.indication_group, a.population, a.setting, a.band`;
}
