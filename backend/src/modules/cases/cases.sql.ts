/**
 * The case list and a case's evidence, as SQL. A case is an assessed order with a level
 * (DOCUMENTED, PROBABLE, POSSIBLE, or EXCLUDED: an away-switch an exclusion cleared).
 *
 * Department scope is applied here, in SQL, by department name: a caller who may see only some
 * departments never receives a row (or a count) of another. Every statement is a constant or is
 * assembled from whitelisted fragments; values only ever travel as $n parameters.
 */

/** Timestamps as the API writes them: UTC, ISO 8601 with Z. */
const utc = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** The first instant of the timestamp's month in the site time zone (the session's), as UTC. */
const monthStart = (column: string): string => utc(`date_trunc('month', ${column})`);

/** The level order of the index ix_cases_level (migration CaseReview): most severe highest. */
export const levelRank = (alias: string): string =>
  `(CASE ${alias}.level WHEN 'DOCUMENTED' THEN 4 WHEN 'PROBABLE' THEN 3 WHEN 'POSSIBLE' THEN 2 ELSE 1 END)`;

/** OPEN until assigned, ASSIGNED while assigned and not reviewed, REVIEWED once a review exists. */
export const reviewStatus = (orderPk: string): string => `case_review_status(${orderPk})`;

/**
 * The cases a caller may see that match a filter, as conditions on order_assessments a (the
 * order is joined only where a department is asked for, so the count and the score and level
 * orders read the case indexes alone). Parameters shared by the list, its count and the CSV
 * export:
 * $1 scope: ids of the departments the caller may see (null: site-wide)
 * $2/$3 first/last month YYYY-MM, $4 department ids, $5 provider ids, $6 indication groups,
 * $7 settings (ED/IP/OP), $8 populations, $9 levels, $10 review statuses, $11 signal codes (any
 * of), $12 exclusion codes, $13 assignee email (assignedToMe); each null for "any".
 */
export const CASE_FILTER_PARAMETERS = 13;
/** Whether the filter needs the order's department (the scope or a department filter). */
export interface CaseFilterShape {
  readonly scoped: boolean;
  readonly byDepartment: boolean;
}

/**
 * A department condition as a semi-join when it applies, else a no-op naming its parameter
 * (so its type is declared): PostgreSQL turns an EXISTS into a semi-join only when it is not
 * inside an OR, and "$1 IS NULL OR EXISTS …" would run as a filter over every case.
 */
const departmentCondition = (applies: boolean, parameter: string, alias: string): string =>
  applies
    ? `EXISTS (SELECT 1 FROM orders ${alias}
          WHERE ${alias}.id = a.order_pk AND ${alias}.department_id = ANY (${parameter}::int[]))`
    : `${parameter}::int[] IS NULL`;

const caseWhere = (shape: CaseFilterShape): string => `
  WHERE a.level IS NOT NULL
    AND ${departmentCondition(shape.scoped, '$1', 'so')}
    AND ($2::text IS NULL OR a.month >= $2::text)
    AND ($3::text IS NULL OR a.month <= $3::text)
    AND ${departmentCondition(shape.byDepartment, '$4', 'fo')}
    AND ($5::text[] IS NULL OR a.provider_id = ANY ($5::text[]))
    AND ($6::text[] IS NULL OR a.indication_group = ANY ($6::text[]))
    AND ($7::text[] IS NULL OR a.setting = ANY ($7::text[]))
    AND ($8::text[] IS NULL OR a.population = ANY ($8::text[]))
    AND ($9::text[] IS NULL OR a.level = ANY ($9::text[]))
    AND ($10::text[] IS NULL OR ${reviewStatus('a.order_pk')} = ANY ($10::text[]))
    AND ($11::text[] IS NULL OR EXISTS (SELECT 1 FROM order_signals s
          WHERE s.order_pk = a.order_pk AND s.code = ANY ($11::text[])))
    AND ($12::text[] IS NULL OR a.exclusion = ANY ($12::text[]))
    AND ($13::text IS NULL OR EXISTS (SELECT 1 FROM case_assignments ca
          WHERE ca.order_pk = a.order_pk AND ca.assignee = $13::text))`;

export const countCasesSql = (shape: CaseFilterShape): string =>
  `SELECT count(*)::int AS total FROM order_assessments a ${caseWhere(shape)}`;

export type CaseOrderField = 'SCORE' | 'DATE' | 'LEVEL';
export type SortDirection = 'ASC' | 'DESC';

/**
 * The sort key of each order, as columns and as the keyset row they compare against, and the
 * tables the walk reads: score and level walk ix_cases_score / ix_cases_level on the
 * assessments; date walks ix_orders_ordered_at_id on the orders.
 */
const SORT_KEYS: Record<CaseOrderField, { from: string; columns: string[]; after: string[] }> = {
  // $14 score, $15 level rank, $16 ordered_at, $17 order pk of the row the page starts after
  SCORE: {
    from: 'FROM order_assessments a',
    columns: ['a.score', 'a.order_pk'],
    after: ['$14::numeric', '$17::bigint'],
  },
  LEVEL: {
    from: 'FROM order_assessments a',
    columns: [levelRank('a'), 'a.score', 'a.order_pk'],
    after: ['$15::int', '$14::numeric', '$17::bigint'],
  },
  DATE: {
    from: 'FROM orders o JOIN order_assessments a ON a.order_pk = o.id',
    columns: ['o.ordered_at', 'o.id'],
    after: ['$16::timestamptz', '$17::bigint'],
  },
};

/**
 * One page of the case list, keyset-paginated over the indexes ix_cases_score, ix_cases_level
 * and ix_orders_ordered_at_id (no OFFSET): filter parameters $1–$13 as above, the row to
 * start after in $14–$17 (null $17: the first page), $18 the page size (one more is asked for to
 * know whether a next page exists). Signals, the latest review and the assignment of the page's
 * rows come in the same statement.
 */
export function casePageSql(
  field: CaseOrderField,
  direction: SortDirection,
  shape: CaseFilterShape,
): string {
  const key = SORT_KEYS[field];
  const dir = direction === 'ASC' ? 'ASC' : 'DESC';
  const comparison = direction === 'ASC' ? '>' : '<';
  const orderBy = key.columns.map((column) => `${column} ${dir}`).join(', ');
  return `
  WITH start_after AS (
    -- declares the types of every keyset parameter, whichever ones this sort compares
    SELECT $14::numeric AS score, $15::int AS level_rank, $16::timestamptz AS ordered_at,
      $17::bigint AS order_pk
  ), page AS (
    SELECT a.order_pk, row_number() OVER () AS position
    FROM (
      SELECT a.order_pk ${key.from} ${caseWhere(shape)}
        AND ($17::bigint IS NULL OR (${key.columns.join(', ')}) ${comparison} (${key.after.join(', ')}))
      ORDER BY ${orderBy}
      LIMIT $18
    ) a
  )
  SELECT page.order_pk::text AS order_pk, o.order_id, ${utc('o.ordered_at')} AS ordered_at,
    ${monthStart('o.ordered_at')} AS ordered_month_start, a.month, d.name AS department,
    o.provider_id, pr.name AS provider_name, a.indication_group, a.setting, a.population,
    o.requested_modality, a.outcome_modality, a.outcome, a.level, a.score::float8 AS score,
    a.band, od.ced_5y_msv::float8 AS ced_5y_msv, a.exclusion,
    coalesce(sig.codes, '{}') AS signals, ${reviewStatus('page.order_pk')} AS review_status,
    latest.disposition AS latest_disposition, ca.assignee
  FROM page
  JOIN order_assessments a ON a.order_pk = page.order_pk
  JOIN orders o ON o.id = page.order_pk
  LEFT JOIN departments d ON d.id = o.department_id
  LEFT JOIN providers pr ON pr.provider_id = o.provider_id
  LEFT JOIN order_dose od ON od.order_pk = page.order_pk
  LEFT JOIN case_assignments ca ON ca.order_pk = page.order_pk
  LEFT JOIN LATERAL (
    SELECT array_agg(s.code ORDER BY s.code) AS codes FROM order_signals s
    WHERE s.order_pk = page.order_pk AND s.code ~ '^E[0-9]$'
  ) sig ON true
  LEFT JOIN LATERAL (
    SELECT r.disposition FROM case_reviews r WHERE r.order_pk = page.order_pk
    ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1
  ) latest ON true
  ORDER BY page.position`;
}

/**
 * The sort key of the row a page starts after, read back from its (opaque) cursor, within the
 * caller's scope: $1 order pk, $2 scope department names (null: site-wide).
 */
export const CASE_CURSOR = `
  SELECT a.score::text AS score, ${levelRank('a')} AS level_rank,
    to_char(o.ordered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ordered_at,
    a.order_pk::text AS order_pk
  FROM order_assessments a
  JOIN orders o ON o.id = a.order_pk
  LEFT JOIN departments d ON d.id = o.department_id
  WHERE a.order_pk = $1::bigint AND a.level IS NOT NULL
    AND ($2::text[] IS NULL OR d.name = ANY ($2::text[]))`;

/**
 * One case with everything about its order, within the caller's scope: $1 order pk, $2 scope
 * department names (null: site-wide). No row: missing, not a case, or outside the scope.
 */
export const CASE_DETAIL = `
  SELECT a.order_pk::text AS order_pk, o.order_id, o.source, o.patient_id,
    ${utc('o.ordered_at')} AS ordered_at, ${monthStart('o.ordered_at')} AS ordered_month_start,
    a.month, d.name AS department, o.provider_id, pr.name AS provider_name, a.indication_group,
    a.setting, a.population, o.requested_modality, a.outcome_modality, a.outcome, a.level,
    a.score::float8 AS score, a.band, od.ced_5y_msv::float8 AS ced_5y_msv,
    od.ced_12m_msv::float8 AS ced_12m_msv, od.ced_all_msv::float8 AS ced_all_msv,
    od.prior_ct_12m, a.exclusion, a.exclusion_detail, a.non_dose_reason, o.indication_code,
    o.indication_text, o.comment, o.dose_alert_shown, o.pregnancy_status, o.contrast_allergy,
    o.egfr::float8 AS egfr, a.settings_version, a.reference_version, a.lexicon_version,
    p.birth_date::text AS birth_date, p.sex,
    date_part('year', age(o.ordered_at::date, p.birth_date))::int AS age_at_order,
    (sv.values ->> 'band.high_ced_5y_msv')::float8 AS high_threshold_msv,
    (sv.values ->> 'band.moderate_ced_5y_msv')::float8 AS moderate_threshold_msv,
    coalesce(t.exclusion_codes, '{}') AS text_exclusions, t.exclusion_phrase,
    ${reviewStatus('a.order_pk')} AS review_status, ca.assignee,
    coalesce((SELECT array_agg(s.code ORDER BY s.code) FROM order_signals s
              WHERE s.order_pk = a.order_pk AND s.code ~ '^E[0-9]$'), '{}') AS signals,
    (SELECT r.disposition FROM case_reviews r WHERE r.order_pk = a.order_pk
     ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1) AS latest_disposition,
    (SELECT ${utc('max(c.changed_at)')} FROM order_changes c WHERE c.order_pk = a.order_pk)
      AS changed_at, ${utc('a.outcome_at')} AS outcome_at
  FROM order_assessments a
  JOIN orders o ON o.id = a.order_pk
  JOIN patients p ON p.patient_id = o.patient_id
  LEFT JOIN departments d ON d.id = o.department_id
  LEFT JOIN providers pr ON pr.provider_id = o.provider_id
  LEFT JOIN order_dose od ON od.order_pk = a.order_pk
  LEFT JOIN order_text_facts t ON t.order_pk = a.order_pk
  LEFT JOIN settings_versions sv ON sv.version = a.settings_version
  LEFT JOIN case_assignments ca ON ca.order_pk = a.order_pk
  WHERE a.order_pk = $1::bigint AND a.level IS NOT NULL
    AND ($2::text[] IS NULL OR d.name = ANY ($2::text[]))`;

/** $1 order pk: every stored signal (E1–E5 and the clinician PATTERN line). */
export const CASE_SIGNALS = `
  SELECT code, explanation, inputs FROM order_signals WHERE order_pk = $1::bigint ORDER BY code`;

/** $1 order pk: the order's changes in time order. */
export const CASE_CHANGES = `
  SELECT ${utc('changed_at')} AS changed_at, ${monthStart('changed_at')} AS changed_month_start,
    action, new_modality, reason
  FROM order_changes WHERE order_pk = $1::bigint ORDER BY changed_at, action`;

/** $1 order pk: every review of the case, newest first (the history is append-only). */
export const CASE_REVIEWS = `
  SELECT id::text AS id, disposition, note, reviewer, ${utc('reviewed_at')} AS reviewed_at,
    ${monthStart('reviewed_at')} AS reviewed_month_start
  FROM case_reviews WHERE order_pk = $1::bigint ORDER BY reviewed_at DESC, id DESC`;

/**
 * $1 patient id, $2 the case's order pk: every exam of the patient (QA and phantom studies
 * never count, and are left out) with its dose and where it came from, the running cumulative
 * dose up to and including each exam, and the CED over the 5 years up to and including it
 * (the same calendar interval, in the site time zone, as the CED at order time).
 */
export const CASE_TIMELINE = `
  WITH patient_exams AS (
    SELECT e.id, e.accession, e.performed_at, e.modality, e.body_region, d.effective_dose_msv,
      coalesce(d.dose_source, 'unknown') AS dose_source, e.order_pk
    FROM exams e LEFT JOIN exam_doses d ON d.exam_id = e.id
    WHERE e.patient_id = $1::text AND NOT e.is_qa
  )
  SELECT e.accession, ${utc('e.performed_at')} AS performed_at, e.modality, e.body_region,
    e.effective_dose_msv::float8 AS effective_dose_msv, e.dose_source,
    (sum(coalesce(e.effective_dose_msv, 0))
       OVER (ORDER BY e.performed_at, e.id ROWS UNBOUNDED PRECEDING))::float8 AS cumulative_msv,
    (SELECT coalesce(sum(x.effective_dose_msv), 0) FROM patient_exams x
     WHERE x.performed_at >= e.performed_at - interval '5 years'
       AND (x.performed_at, x.id) <= (e.performed_at, e.id))::float8 AS ced_5y_msv,
    coalesce(e.order_pk = $2::bigint, false) AS is_case_order
  FROM patient_exams e
  ORDER BY e.performed_at, e.id`;

/**
 * $1 patient id, $2 the order's time: the dose history as it stood when the order was placed,
 * from the same exams as the timeline ([ordered_at − interval, ordered_at), QA excluded).
 */
export const CASE_TIMELINE_AT_ORDER = `
  SELECT coalesce(sum(d.effective_dose_msv)
           FILTER (WHERE e.performed_at >= $2::timestamptz - interval '5 years'), 0)::float8
           AS ced_5y_msv,
         coalesce(sum(d.effective_dose_msv), 0)::float8 AS cumulative_msv
  FROM exams e LEFT JOIN exam_doses d ON d.exam_id = e.id
  WHERE e.patient_id = $1::text AND NOT e.is_qa AND e.performed_at < $2::timestamptz`;

/**
 * $1 provider id ('*' for an order without one): the clinician's dose-history pattern as the
 * analysis stored it, with the multiplicity-aware gate's q-value and how many clinicians were
 * compared in the same analysis.
 */
export const CLINICIAN_PATTERN = `
  SELECT pp.odds_ratio, pp.lower_95, pp.upper_95, pp.shrunk_odds_ratio,
    pp.reference_odds_ratio, pp.reference_lower_95, pp.reference_upper_95, pp.opportunities,
    pp.reference_q_value AS q_value, pp.compared_clinicians AS compared
  FROM provider_patterns pp WHERE pp.provider_id = $1::text`;

/** $1 order pk, $2 disposition, $3 note, $4 reviewer email, $5 reviewer user id. */
export const INSERT_REVIEW = `
  INSERT INTO case_reviews (order_pk, disposition, note, reviewer, reviewer_user_id)
  VALUES ($1::bigint, $2, $3, $4, $5) RETURNING id::text AS id`;

/** $1 order pk, $2 assignee email, $3 assigned by (email). */
export const UPSERT_ASSIGNMENT = `
  INSERT INTO case_assignments (order_pk, assignee, assigned_by) VALUES ($1::bigint, $2, $3)
  ON CONFLICT (order_pk) DO UPDATE SET assignee = EXCLUDED.assignee,
    assigned_by = EXCLUDED.assigned_by, assigned_at = now()
  RETURNING (xmax = 0) AS inserted`;

/**
 * Who may be assigned a case of department $1 (null: a case without a department): active
 * administrators and quality managers, site-wide or of that department; the same rule the
 * assignment itself checks. Administrators last, then by email.
 */
export const CASE_ASSIGNEES = `
  SELECT email, role FROM users
  WHERE NOT disabled AND role IN ('QUALITY_MANAGER', 'ADMIN')
    AND (departments IS NULL OR ($1::text IS NOT NULL AND $1::text = ANY (departments)))
  ORDER BY role = 'ADMIN', email`;

/** $1 order pk. */
export const DELETE_ASSIGNMENT = `DELETE FROM case_assignments WHERE order_pk = $1::bigint`;

/** $1 department names: their ids (the list filters on ids, which the planner can estimate). */
export const DEPARTMENT_IDS = `SELECT id FROM departments WHERE name = ANY ($1::text[])`;

/** Providers with their names, to resolve committee pseudonyms to provider ids. */
export const PROVIDERS = `SELECT provider_id, name FROM providers ORDER BY provider_id`;

/**
 * The case list as CSV rows (GET /exports/cases.csv), filter parameters $1–$13 as above, in
 * time order. Every column a role may receive is here; the export mapper drops the rest.
 */
export const exportCaseRowsSql = (shape: CaseFilterShape): string => `
  SELECT a.order_pk::text AS order_pk, o.order_id, o.patient_id,
    ${utc('o.ordered_at')} AS ordered_at, a.month, d.name AS department, o.provider_id,
    pr.name AS provider_name, o.indication_code, a.indication_group, o.requested_modality,
    a.outcome_modality, a.level, trim_scale(round(a.score, 4))::text AS score,
    trim_scale(round(od.ced_5y_msv, 4))::text AS ced_5y_msv,
    coalesce((SELECT string_agg(s.code, ';' ORDER BY s.code) FROM order_signals s
              WHERE s.order_pk = a.order_pk AND s.code ~ '^E[0-9]$'), '') AS signals,
    a.exclusion, ${reviewStatus('a.order_pk')} AS review_status
  FROM order_assessments a
  JOIN orders o ON o.id = a.order_pk
  LEFT JOIN departments d ON d.id = o.department_id
  LEFT JOIN providers pr ON pr.provider_id = o.provider_id
  LEFT JOIN order_dose od ON od.order_pk = a.order_pk
  ${caseWhere(shape)}
  ORDER BY o.ordered_at, o.order_id, o.source`;
