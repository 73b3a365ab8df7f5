/**
 * Orders per month (in the site time zone: the session TimeZone) and outcome. The outcome of
 * an order, latest event wins: a linked performed exam gives its modality; else the last order
 * change (CANCEL -> CANCELLED, MODALITY_CHANGE -> its new modality); else NOT_PERFORMED when
 * no exam came within $3 days of the order relative to the newest data loaded; else PENDING.
 * $1/$2 = first/last month (YYYY-MM) or null.
 */
export const MONTHLY_ORDER_VOLUME = `
  WITH newest AS (
    SELECT greatest((SELECT max(ordered_at) FROM orders), (SELECT max(performed_at) FROM exams)) AS at
  ), outcomes AS (
    SELECT to_char(o.ordered_at, 'YYYY-MM') AS month,
      CASE
        WHEN exam.modality IS NOT NULL THEN exam.modality
        WHEN change.action = 'CANCEL' THEN 'CANCELLED'
        WHEN change.action = 'MODALITY_CHANGE' THEN change.new_modality
        WHEN o.ordered_at + make_interval(days => $3::int) <= newest.at THEN 'NOT_PERFORMED'
        ELSE 'PENDING'
      END AS outcome
    FROM orders o
    CROSS JOIN newest
    LEFT JOIN LATERAL (
      SELECT e.modality FROM exams e WHERE e.order_pk = o.id ORDER BY e.performed_at DESC LIMIT 1
    ) exam ON true
    LEFT JOIN LATERAL (
      SELECT c.action, c.new_modality FROM order_changes c
      WHERE c.order_pk = o.id ORDER BY c.changed_at DESC, c.action LIMIT 1
    ) change ON true
    WHERE ($1::text IS NULL OR to_char(o.ordered_at, 'YYYY-MM') >= $1::text)
      AND ($2::text IS NULL OR to_char(o.ordered_at, 'YYYY-MM') <= $2::text)
  )
  SELECT month, outcome, count(*)::int AS orders
  FROM outcomes GROUP BY month, outcome ORDER BY month, outcome`;
