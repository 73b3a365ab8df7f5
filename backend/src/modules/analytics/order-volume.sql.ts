import type { AggregateSource } from './aggregate-source.js';

/**
 * Orders per month (in the site time zone) and outcome, read from the assessments' rollup
 * (order_volume_rollups) so that the dashboard and the detection share one definition of an
 * order's outcome (latest event wins: the linked exam's modality, else the last order change,
 * else NOT_PERFORMED after the configured days, else PENDING) and the chart does not re-derive
 * it from raw orders; 'raw' counts order_assessments (the equivalence spec and the bench).
 * $1/$2 = first/last month (YYYY-MM) or null; $3 the department scope (text[]) when scoped:
 * only orders of those departments.
 */
export function monthlyOrderVolume(source: AggregateSource = 'rollups', scoped = false): string {
  const from =
    source === 'raw'
      ? `FROM order_assessments a${scoped ? ' JOIN orders o ON o.id = a.order_pk LEFT JOIN departments d ON d.id = o.department_id' : ''}`
      : `FROM order_volume_rollups a${scoped ? ' LEFT JOIN departments d ON d.id = a.department_id' : ''}`;
  const orders = source === 'raw' ? 'count(*)::int' : 'sum(a.orders)::int';
  return `
  SELECT a.month, a.outcome_modality AS outcome, ${orders} AS orders
  ${from}
  WHERE ($1::text IS NULL OR a.month >= $1::text) AND ($2::text IS NULL OR a.month <= $2::text)${
    scoped ? ' AND d.name = ANY($3::text[])' : ''
  }
  GROUP BY a.month, a.outcome_modality
  ORDER BY a.month, a.outcome_modality`;
}

/** The site-wide statement the app runs (rollups). */
export const MONTHLY_ORDER_VOLUME = monthlyOrderVolume();
