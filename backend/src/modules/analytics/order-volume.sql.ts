/**
 * Orders per month (in the site time zone) and outcome, read from the assessments so that the
 * dashboard and the detection share one definition of an order's outcome (latest event wins:
 * the linked exam's modality, else the last order change, else NOT_PERFORMED after the
 * configured days, else PENDING) and the chart does not re-derive it from raw orders.
 * $1/$2 = first/last month (YYYY-MM) or null.
 */
export const MONTHLY_ORDER_VOLUME = `
  SELECT month, outcome_modality AS outcome, count(*)::int AS orders
  FROM order_assessments
  WHERE ($1::text IS NULL OR month >= $1::text) AND ($2::text IS NULL OR month <= $2::text)
  GROUP BY month, outcome_modality
  ORDER BY month, outcome_modality`;
