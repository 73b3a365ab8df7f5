/**
 * The monthly rollups (migration MonthlyRollups): one scan of the months' assessments, grouped
 * at the finest grain the three tables need, then summed into each. $1 months (YYYY-MM text[]); the
 * full refresh omits the month condition.
 */
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
  `DELETE FROM assessment_rollups`,
  `DELETE FROM department_rollups`,
  `DELETE FROM order_volume_rollups`,
];

export const INSERT_ALL_ROLLUPS = refresh('', 'JOIN orders o ON o.id = a.order_pk');
