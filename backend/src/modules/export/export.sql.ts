/** Timestamps in exports: UTC, ISO 8601 with Z. Numbers: rounded to 4 decimals, no padding. */
export const utc = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
export const decimal4 = (column: string): string =>
  `trim_scale(round((${column})::numeric, 4))::text`;

export const CASES_COLUMNS = [
  'order_id',
  'patient_id',
  'ordered_at',
  'department',
  'provider_id',
  'indication_code',
  'requested_modality',
  'outcome_modality',
  'level',
  'score',
  'ced_5y_msv',
  'signals',
  'exclusion',
  'review_status',
] as const;

/**
 * One row per flagged order and per away-switch an exclusion cleared (DESIGN.md section 5).
 * $1/$2 = first/last month (YYYY-MM, site time zone) or null.
 */
export const EXPORT_CASES = `
  SELECT o.order_id, o.patient_id, ${utc('o.ordered_at')} AS ordered_at,
    d.name AS department, o.provider_id, o.indication_code, o.requested_modality,
    a.outcome_modality, a.level, ${decimal4('a.score')} AS score,
    ${decimal4('od.ced_5y_msv')} AS ced_5y_msv,
    coalesce((SELECT string_agg(s.code, ';' ORDER BY s.code) FROM order_signals s
              WHERE s.order_pk = a.order_pk AND s.code ~ '^E[0-9]$'), '') AS signals,
    a.exclusion, 'OPEN' AS review_status
  FROM order_assessments a
  JOIN orders o ON o.id = a.order_pk
  LEFT JOIN departments d ON d.id = o.department_id
  LEFT JOIN order_dose od ON od.order_pk = a.order_pk
  WHERE a.level IS NOT NULL
    AND ($1::text IS NULL OR a.month >= $1::text)
    AND ($2::text IS NULL OR a.month <= $2::text)
  ORDER BY o.ordered_at, o.order_id, o.source`;
