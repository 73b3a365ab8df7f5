/**
 * The monthly rollups (migration MonthlyRollups): one scan of the months' assessments, grouped
 * at the finest grain the three tables need, then summed into each. $1 months (YYYY-MM text[]); the
 * full refresh omits the month condition.
 */
import { FIGURE_COLUMNS } from './aggregate.sql.js';

const refresh = (monthCondition: string, ordersOf: string) => `
  WITH fine AS (
    SELECT a.month, o.department_id, a.provider_id, a.indication_group, a.population,
      a.setting, a.band, a.outcome, a.level,
      a.is_opportunity AND a.outcome <> 'PENDING' AND a.exclusion IS NULL AS assessable,
      a.outcome_modality, count(*)::int AS orders
    FROM order_assessments a ${ordersOf}
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

/**
 * clinician_rollups (migration ClinicianRollups: the counts of practice variation by clinician
 * without month) moved by the assessable rows of the given months of assessment_rollups: `-`
 * before the months are refreshed (their old counts out), `+` after (the new ones in). $1
 * months. The model write lock (the analysis's, or RollupService's own) keeps two refreshes
 * from subtracting the same rows twice.
 */
const moveClinicianRollups = (sign: '' | '-') => `
  INSERT INTO clinician_rollups AS c (${CLINICIAN_COLUMNS})
  SELECT department_id, provider_id, indication_group, population, setting, ${clinicianFigures(sign)}
  FROM assessment_rollups
  WHERE assessable AND month = ANY ($1::text[])
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (department_id, provider_id, indication_group, population, setting)
  DO UPDATE SET ${FIGURE_COLUMNS.map((name) => `${name} = c.${name} + EXCLUDED.${name}`).join(', ')}`;

/**
 * clinician_totals (migration ClinicianTotals: clinician_rollups summed per department and
 * clinician) moved by the same rows of assessment_rollups, with the same sign.
 */
const moveClinicianTotals = (sign: '' | '-') => `
  INSERT INTO clinician_totals AS t (department_id, provider_id, opportunities, away_switches,
    conflicts)
  SELECT department_id, provider_id, ${clinicianFigures(sign, 3)}
  FROM assessment_rollups
  WHERE assessable AND month = ANY ($1::text[])
  GROUP BY 1, 2
  ON CONFLICT (department_id, provider_id)
  DO UPDATE SET ${TOTAL_COLUMNS.map((name) => `${name} = t.${name} + EXCLUDED.${name}`).join(', ')}`;

const TOTAL_COLUMNS = ['opportunities', 'away_switches', 'conflicts'];

/** The months' old counts out of clinician_rollups and clinician_totals ($1 months). */
export const SUBTRACT_CLINICIAN_MONTHS = [moveClinicianRollups('-'), moveClinicianTotals('-')];
/** The months' new counts into both. */
export const ADD_CLINICIAN_MONTHS = [moveClinicianRollups(''), moveClinicianTotals('')];

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

/**
 * A few months: each assessment's order by its key (LATERAL … OFFSET 0, one index probe per
 * assessment of those months); as a plain join the planner hashes them against a seq scan of
 * every order once the months hold a few per cent of them (1.3 s for one month at 1M orders).
 */
export const INSERT_ROLLUP_MONTHS = refresh(
  'WHERE a.month = ANY ($1::text[])',
  `CROSS JOIN LATERAL (
     SELECT o.department_id FROM orders o WHERE o.id = a.order_pk OFFSET 0
   ) o`,
);

export const DELETE_ALL_ROLLUPS = [
  `DELETE FROM clinician_totals`,
  `DELETE FROM clinician_rollups`,
  `DELETE FROM assessment_rollups`,
  `DELETE FROM department_rollups`,
  `DELETE FROM order_volume_rollups`,
];

export const INSERT_ALL_ROLLUPS = refresh('', 'JOIN orders o ON o.id = a.order_pk');
