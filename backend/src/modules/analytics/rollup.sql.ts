/**
 * The monthly rollups (migration MonthlyRollups): one scan of the months' assessments (each
 * counted under the department it keeps: migration AssessmentDepartment), grouped at the
 * finest grain the three tables need, then summed into each. $1 months (YYYY-MM text[]); the
 * full refresh omits the month condition.
 */
import { FIGURE_COLUMNS } from './aggregate.sql.js';

const refresh = (monthCondition: string) => `
  WITH fine AS (
    SELECT a.month, a.department_id, a.provider_id, a.indication_group, a.population,
      a.setting, a.band, a.outcome, a.level,
      a.is_opportunity AND a.outcome <> 'PENDING' AND a.exclusion IS NULL AS assessable,
      a.outcome_modality, count(*)::int AS orders
    FROM order_assessments a
    ${monthCondition}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  ), assessments AS (
    INSERT INTO assessment_rollups (month, department_id, provider_id, indication_group,
      population, setting, band, outcome, level, assessable, orders)
    SELECT month, department_id, provider_id, indication_group, population, setting, band,
      outcome, level, assessable, sum(orders)::int
    FROM fine
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
  ), departments AS (
    INSERT INTO department_rollups (month, department_id, indication_group, population, setting,
      band, outcome, level, assessable, orders)
    SELECT month, department_id, indication_group, population, setting, band, outcome, level,
      assessable, sum(orders)::int
    FROM fine
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  )
  INSERT INTO order_volume_rollups (month, department_id, outcome_modality, orders)
  SELECT month, department_id, outcome_modality, sum(orders)::int
  FROM fine
  GROUP BY 1, 2, 3`;

/** The figures of clinician_rollups, over rollup rows (`orders` each), negated with `sign` '-'. */
const clinicianFigures = (sign: '' | '-', count = 7) =>
  [
    'sum(orders)',
    `sum(orders) FILTER (WHERE outcome IN ('SUBSTITUTED', 'DOWNGRADED'))`,
    `sum(orders) FILTER (WHERE level IN ('DOCUMENTED', 'PROBABLE'))`,
    `sum(orders) FILTER (WHERE band = 'HIGH' AND outcome IN ('SUBSTITUTED', 'DOWNGRADED'))`,
    `sum(orders) FILTER (WHERE band = 'HIGH')`,
    `sum(orders) FILTER (WHERE band = 'LOW' AND outcome IN ('SUBSTITUTED', 'DOWNGRADED'))`,
    `sum(orders) FILTER (WHERE band = 'LOW')`,
  ]
    .slice(0, count)
    .map((figure) => `${sign}coalesce(${figure}, 0)::int`)
    .join(', ');

const CLINICIAN_COLUMNS = `department_id, provider_id, indication_group, population, setting,
    opportunities, away_switches, conflicts, high_away_switches, high_opportunities,
    low_away_switches, low_opportunities`;

/** The assessable rollup rows of the months $1 (whole months are moved). */
const MONTHS_OF_ROLLUPS = 'assessment_rollups WHERE assessable AND month = ANY ($1::text[])';
/** The assessable rows of the recorded changes, signed (RollupService.applyChanges). */
const ASSESSABLE_CHANGES = 'rollup_changes WHERE assessable';

/**
 * clinician_rollups (migration ClinicianRollups: the counts of practice variation by clinician
 * without month) moved by rollup rows (`orders` each) of `source`: the assessable rows of
 * whole months of assessment_rollups, `-` before the months are refreshed (their old counts
 * out) and `+` after (the new ones in); or the signed recorded changes, `returning` the rows
 * it moved that are left without an opportunity. The model write lock (the analysis's, or
 * RollupService's own) keeps two refreshes from subtracting the same rows twice.
 */
const moveClinicianRollups = (source: string, sign: '' | '-' = '', returning = '') => `
  INSERT INTO clinician_rollups AS c (${CLINICIAN_COLUMNS})
  SELECT department_id, provider_id, indication_group, population, setting, ${clinicianFigures(sign)}
  FROM ${source}
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (department_id, provider_id, indication_group, population, setting)
  DO UPDATE SET ${FIGURE_COLUMNS.map((name) => `${name} = c.${name} + EXCLUDED.${name}`).join(', ')}
  ${returning && `RETURNING ${returning}`}`;

/**
 * clinician_totals (migration ClinicianTotals: clinician_rollups summed per department and
 * clinician) moved by the same rows, with the same sign.
 */
const moveClinicianTotals = (source: string, sign: '' | '-' = '', returning = '') => `
  INSERT INTO clinician_totals AS t (department_id, provider_id, opportunities, away_switches,
    conflicts)
  SELECT department_id, provider_id, ${clinicianFigures(sign, 3)}
  FROM ${source}
  GROUP BY 1, 2
  ON CONFLICT (department_id, provider_id)
  DO UPDATE SET ${TOTAL_COLUMNS.map((name) => `${name} = t.${name} + EXCLUDED.${name}`).join(', ')}
  ${returning && `RETURNING ${returning}`}`;

const TOTAL_COLUMNS = ['opportunities', 'away_switches', 'conflicts'];

/** The months' old counts out of clinician_rollups and clinician_totals ($1 months). */
export const SUBTRACT_CLINICIAN_MONTHS = [
  moveClinicianRollups(MONTHS_OF_ROLLUPS, '-'),
  moveClinicianTotals(MONTHS_OF_ROLLUPS, '-'),
];
/** The months' new counts into both. */
export const ADD_CLINICIAN_MONTHS = [
  moveClinicianRollups(MONTHS_OF_ROLLUPS),
  moveClinicianTotals(MONTHS_OF_ROLLUPS),
];

/**
 * The changes an analysis recorded (assessment_changes, sign -1 for an assessment as it was
 * and +1 as it is) summed at the grain of the monthly rollups; keys whose changes cancel out
 * (an assessment rewritten with the same counted values) are left out.
 */
export const CREATE_ROLLUP_CHANGES = `
  CREATE TEMPORARY TABLE IF NOT EXISTS rollup_changes (
    month text NOT NULL, department_id integer, provider_id text, indication_group text,
    population text NOT NULL, setting text NOT NULL, band text NOT NULL, outcome text NOT NULL,
    level text, assessable boolean NOT NULL, outcome_modality text NOT NULL, orders int NOT NULL
  ) ON COMMIT DROP`;

export const SUM_ROLLUP_CHANGES = `
  INSERT INTO rollup_changes
  SELECT month, department_id, provider_id, indication_group, population, setting, band,
    outcome, level, assessable, outcome_modality, sum(sign)::int
  FROM assessment_changes
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  HAVING sum(sign) <> 0`;

/**
 * A monthly rollup moved by the summed changes on its key (its unique index, migration
 * AssessmentDepartment): returns the rows it moved that are left without an order.
 */
const moveMonthlyRollup = (table: string, key: string) => `
  INSERT INTO ${table} AS r (${key}, orders)
  SELECT ${key}, sum(orders)::int FROM rollup_changes
  GROUP BY ${key}
  HAVING sum(orders) <> 0
  ON CONFLICT (${key}) DO UPDATE SET orders = r.orders + EXCLUDED.orders
  RETURNING r.ctid AS row, r.orders = 0 AS emptied`;

/**
 * Each rollup table with the statement that moves it by rollup_changes; a row it returns as
 * emptied is deleted by its ctid (the same transaction, no update in between).
 */
export const MOVE_BY_CHANGES: readonly { readonly table: string; readonly sql: string }[] = [
  {
    table: 'assessment_rollups',
    sql: moveMonthlyRollup(
      'assessment_rollups',
      'month, department_id, provider_id, indication_group, population, setting, band, outcome, level, assessable',
    ),
  },
  {
    table: 'department_rollups',
    sql: moveMonthlyRollup(
      'department_rollups',
      'month, department_id, indication_group, population, setting, band, outcome, level, assessable',
    ),
  },
  {
    table: 'order_volume_rollups',
    sql: moveMonthlyRollup('order_volume_rollups', 'month, department_id, outcome_modality'),
  },
  {
    table: 'clinician_rollups',
    sql: moveClinicianRollups(
      ASSESSABLE_CHANGES,
      '',
      'c.ctid AS row, c.opportunities = 0 AS emptied',
    ),
  },
  {
    table: 'clinician_totals',
    sql: moveClinicianTotals(
      ASSESSABLE_CHANGES,
      '',
      't.ctid AS row, t.opportunities = 0 AS emptied',
    ),
  },
];

/** Deletes rows of `table` by ctid ($1 tid[]) when they hold nothing. */
export const deleteEmptiedSql = (table: string): string =>
  `DELETE FROM ${table} WHERE ctid = ANY ($1::tid[]) AND ${
    table.startsWith('clinician_') ? 'opportunities' : 'orders'
  } = 0`;

/** Combinations left without an opportunity (every figure counts opportunities). */
export const DELETE_EMPTY_CLINICIAN_ROWS = [
  `DELETE FROM clinician_rollups WHERE opportunities = 0`,
  `DELETE FROM clinician_totals WHERE opportunities = 0`,
];

/** clinician_rollups afresh from every month of assessment_rollups (a full refresh). */
export const INSERT_ALL_CLINICIAN_ROLLUPS = `
  INSERT INTO clinician_rollups (${CLINICIAN_COLUMNS})
  SELECT department_id, provider_id, indication_group, population, setting, ${clinicianFigures('')}
  FROM assessment_rollups
  WHERE assessable
  GROUP BY 1, 2, 3, 4, 5`;

/** clinician_totals afresh from clinician_rollups (after INSERT_ALL_CLINICIAN_ROLLUPS). */
export const INSERT_ALL_CLINICIAN_TOTALS = `
  INSERT INTO clinician_totals (department_id, provider_id, opportunities, away_switches,
    conflicts)
  SELECT department_id, provider_id, sum(opportunities)::int, sum(away_switches)::int,
    sum(conflicts)::int
  FROM clinician_rollups
  GROUP BY 1, 2`;

export const DELETE_ROLLUP_MONTHS = [
  `DELETE FROM assessment_rollups WHERE month = ANY ($1::text[])`,
  `DELETE FROM department_rollups WHERE month = ANY ($1::text[])`,
  `DELETE FROM order_volume_rollups WHERE month = ANY ($1::text[])`,
];

/** A few months, by the assessments' month index. */
export const INSERT_ROLLUP_MONTHS = refresh('WHERE a.month = ANY ($1::text[])');

export const DELETE_ALL_ROLLUPS = [
  `DELETE FROM clinician_totals`,
  `DELETE FROM clinician_rollups`,
  `DELETE FROM assessment_rollups`,
  `DELETE FROM department_rollups`,
  `DELETE FROM order_volume_rollups`,
];

export const INSERT_ALL_ROLLUPS = refresh('');
