import { BODY_REGIONS, NON_IONIZING_MODALITIES, sqlTextList } from '../vocabulary/vocabulary.js';

/**
 * Effective dose per exam and cumulative dose at order time (DESIGN.md section 2), set-based,
 * for the patients in the temporary table touched_patients (or for everyone: see the
 * `scope` helpers). Timestamps are compared in the session time zone (SITE_TIME_ZONE), so
 * `ordered_at - interval '12 months'` is the calendar interval PostgreSQL computes there.
 */

/**
 * The DLP-to-effective-dose coefficient of DESIGN.md section 2, as a LATERAL subquery giving
 * k, region and age_years: the method's row for the region itself, else its mapped region
 * (ABDOMEN, PELVIS, SPINE -> ABDOMEN_PELVIS; CARDIAC, BREAST -> CHEST; WHOLE_BODY ->
 * CHEST_ABDOMEN_PELVIS; EXTREMITY and anything else: none), at the last age band at or below
 * the patient's age. One definition for RIS exams and dose-report events.
 */
export const coefficientLookupSql = (method: string, region: string, ageYears: string): string => `
  LEFT JOIN LATERAL (
    SELECT c.k_msv_per_mgycm AS k, c.body_region AS region, c.age_years
    FROM dlp_coefficients c
    WHERE c.method = ${method}
      AND c.body_region IN (${region}, CASE
        WHEN ${region} IN ('ABDOMEN', 'PELVIS', 'SPINE') THEN 'ABDOMEN_PELVIS'
        WHEN ${region} IN ('CARDIAC', 'BREAST') THEN 'CHEST'
        WHEN ${region} = 'WHOLE_BODY' THEN 'CHEST_ABDOMEN_PELVIS'
        WHEN ${region} IN ('HEAD', 'NECK', 'CHEST', 'ABDOMEN_PELVIS', 'CHEST_ABDOMEN_PELVIS')
          THEN ${region}
      END)
      AND c.age_years <= ${ageYears}
    ORDER BY (c.body_region = ${region}) DESC, c.age_years DESC
    LIMIT 1
  ) k ON true`;

/** ('US', 'MR'), written from the vocabulary: the statement text and its plans stay as before. */
const NON_IONIZING = sqlTextList(NON_IONIZING_MODALITIES);

export const TOUCHED_SCOPE = 'IN (SELECT patient_id FROM touched_patients)';

/** The body regions as an SQL array: an exam's region is keyed by its position in it. */
const REGION_ARRAY = `ARRAY[${BODY_REGIONS.map((name) => `'${name}'`).join(', ')}]`;

/** Whether effectiveDoseSql reads dose_report_studies: see LINKED_DOSE_REPORTS. */
export type DoseReports = 'linked' | 'none';

/**
 * True when some exam has a linked non-QA dose-report study (an index probe): the only rows
 * effectiveDoseSql's dose-report lookup can find. A CSV-only hospital has none, and the lookup
 * then costs an index probe per exam for nothing (3M at 1M orders).
 */
export const LINKED_DOSE_REPORTS = `
  SELECT EXISTS (
    SELECT 1 FROM dose_report_studies WHERE exam_id IS NOT NULL AND NOT is_qa
  ) AS linked`;

/**
 * $1 = coefficient method. Precedence: non-ionizing 0; recorded (the exam's own, else one its
 * dose report carries); rdsr_estimate (the linked dose-report study's sum over its events of
 * DLP x k, computed by the dose-report import); CT with a DLP x k for the exam's region (its
 * own, else the mapped one) and the patient's age band; typical dose of modality and region;
 * unknown. The linked study is the non-QA dose_report_studies row whose exam_id is the exam.
 * Written to exam_doses, one narrow row per exam (inserted for a new exam, updated only when it
 * changed): the exams themselves are written once, by the normaliser.
 * `reports: 'none'` (no exam has a linked non-QA study: LINKED_DOSE_REPORTS, in the same
 * transaction under the model write lock) leaves the dose-report lookup out: it would find
 * nothing for any exam, so the doses are the same. A first load (exam_doses empty) takes
 * firstLoadEffectiveDoseSql instead.
 */
export const effectiveDoseSql = (scope: string, reports: DoseReports = 'linked'): string => `
  ${effectiveDoseComputed(scope, reports)}
  INSERT INTO exam_doses (${EXAM_DOSE_COLUMNS})
  SELECT computed.id, computed.dose, computed.source, computed.method
  FROM computed${EFFECTIVE_DOSE_CHANGED}`;

/** exam_doses' computed columns. */
const EXAM_DOSE_COLUMNS = 'exam_id, effective_dose_msv, dose_source, dose_method';

/**
 * effectiveDoseSql into an empty exam_doses (locked so: a first load): without the pre-filter
 * and ON CONFLICT, which have nothing to meet there (the speculative insertion of every row cost
 * a third of the statement: 805,373 exams, 36 to 43 s, 29 to 30 s without). A plain INSERT: its
 * plan is serial, so insertInParallel's staging would only add the copy (12.0 s against 11.3 s
 * at 1M orders, docs/performance.md, session 25).
 */
export const firstLoadEffectiveDoseSql = (scope: string, reports: DoseReports): string => `
  INSERT INTO exam_doses (${EXAM_DOSE_COLUMNS})
  ${effectiveDoseComputed(scope, reports)}
  SELECT computed.id, computed.dose, computed.source, computed.method
  FROM computed`;

/** The CTEs of effectiveDoseSql: `computed` holds each exam's dose, source and method. */
const effectiveDoseComputed = (scope: string, reports: DoseReports): string => {
  const linked = reports === 'linked';
  // the dose-report branches of the CASEs, left out with the lookup
  const report = (recorded: string, estimate: string): string =>
    linked
      ? `
        WHEN r.recorded_msv IS NOT NULL THEN ${recorded}
        WHEN r.estimate_msv IS NOT NULL THEN ${estimate}`
      : '';
  return `
  WITH coefficients AS (
    -- the coefficient lookup once per body region and age (-1 stands for any age below 0,
    -- 200 for any above), joined to the exams: the same rows as the lookup per exam, which
    -- at millions of exams cost a sort of the coefficient table each. Keyed by one integer
    -- (the region's position in the list x 1000 + the age), unique by DISTINCT ON: a key the
    -- planner knows unique is hashed (a two-column key of unknown distinctness made it sort
    -- every exam for a merge join); the method text is formatted here once, not per CT exam
    SELECT DISTINCT ON (exam_key) region.number * 1000 + age.years AS exam_key, k.k,
      format('%s %s age %s', $1::text, k.region, k.age_years) AS method
    FROM unnest(${REGION_ARRAY}) WITH ORDINALITY AS region(name, number)
    CROSS JOIN generate_series(-1, 200) AS age(years)
    ${coefficientLookupSql('$1', 'region.name', 'age.years')}
  ), computed AS (
    SELECT e.id,
      CASE
        WHEN e.modality IN ${NON_IONIZING} THEN 0
        WHEN e.recorded_effective_dose_msv IS NOT NULL THEN e.recorded_effective_dose_msv${report('r.recorded_msv', 'r.estimate_msv')}
        WHEN e.modality = 'CT' AND e.dlp_mgycm IS NOT NULL AND k.k IS NOT NULL
          THEN round(e.dlp_mgycm * k.k, 6)
        ELSE t.typical_msv
      END AS dose,
      CASE
        WHEN e.modality IN ${NON_IONIZING} THEN 'non_ionizing'
        WHEN e.recorded_effective_dose_msv IS NOT NULL THEN 'recorded'${report(`'recorded'`, `'rdsr_estimate'`)}
        WHEN e.modality = 'CT' AND e.dlp_mgycm IS NOT NULL AND k.k IS NOT NULL THEN 'dlp_estimate'
        WHEN t.typical_msv IS NOT NULL THEN 'typical'
        ELSE 'unknown'
      END AS source,
      CASE
        WHEN e.modality IN ${NON_IONIZING} THEN NULL
        WHEN e.recorded_effective_dose_msv IS NOT NULL THEN 'as recorded by the source'${report(`'as recorded in the dose report'`, 'r.estimate_method')}
        WHEN e.modality = 'CT' AND e.dlp_mgycm IS NOT NULL AND k.k IS NOT NULL THEN k.method
        WHEN t.typical_msv IS NOT NULL THEN 'typical effective dose table'
      END AS method
    FROM exams e
    JOIN patients p ON p.patient_id = e.patient_id${
      linked
        ? `
    LEFT JOIN LATERAL (
      SELECT s.recorded_effective_dose_msv AS recorded_msv,
        s.rdsr_effective_dose_msv AS estimate_msv, s.rdsr_dose_method AS estimate_method
      FROM dose_report_studies s
      WHERE s.exam_id = e.id AND NOT s.is_qa
      ORDER BY s.study_instance_uid
      LIMIT 1
    ) r ON true`
        : ''
    }
    -- a region not in the list (or none) has no position: no key, no coefficient
    LEFT JOIN coefficients k
      ON k.exam_key = array_position(${REGION_ARRAY}, e.body_region) * 1000
        + greatest(-1, least(200, date_part('year', age(e.performed_at::date, p.birth_date))::int))
    LEFT JOIN typical_doses t ON t.modality = e.modality AND t.body_region = e.body_region
    WHERE e.patient_id ${scope}
  )`;
};

/** The tail of effectiveDoseSql into a filled exam_doses: new and changed doses only. */
const EFFECTIVE_DOSE_CHANGED = `
  -- only new and changed doses: ON CONFLICT would lock (and so write) every unchanged row too
  LEFT JOIN exam_doses d ON d.exam_id = computed.id
  WHERE d.exam_id IS NULL
     OR (d.effective_dose_msv, d.dose_source, d.dose_method)
        IS DISTINCT FROM (computed.dose, computed.source, computed.method)
  ON CONFLICT (exam_id) DO UPDATE SET
    (effective_dose_msv, dose_source, dose_method) =
    (EXCLUDED.effective_dose_msv, EXCLUDED.dose_source, EXCLUDED.dose_method)
  WHERE (exam_doses.effective_dose_msv, exam_doses.dose_source, exam_doses.dose_method)
    IS DISTINCT FROM (EXCLUDED.effective_dose_msv, EXCLUDED.dose_source, EXCLUDED.dose_method)`;

/**
 * $1 = HIGH when CED 5 y >= this, $2 = HIGH when this many CTs in 12 months,
 * $3 = MODERATE when CED 5 y >= this, $4 = settings version.
 * Exams in [ordered_at - interval, ordered_at); QA studies never count; an unknown dose adds
 * nothing to the sum and is counted in unknown_dose_*. New and changed rows only: a first load
 * (order_dose empty) takes firstLoadCumulativeDoseSql instead.
 */
export const cumulativeDoseSql = (scope: string): string => `
  WITH ced AS (${CUMULATIVE_DOSE(scope)}
  ), ${BANDED}
  INSERT INTO order_dose (${ORDER_DOSE_COLUMNS.join(', ')})
  SELECT b.order_pk, b.ced_12m, b.ced_5y, b.ced_all, b.ct_12m, b.unknown_12m, b.unknown_5y,
    b.unknown_all, b.band, $4
  FROM banded b${CUMULATIVE_DOSE_CHANGED}`;

/** order_dose's columns, as firstLoadCumulativeDoseSql names them. */
export const ORDER_DOSE_COLUMNS = [
  'order_pk',
  'ced_12m_msv',
  'ced_5y_msv',
  'ced_all_msv',
  'prior_ct_12m',
  'unknown_dose_12m',
  'unknown_dose_5y',
  'unknown_dose_all',
  'band',
  'settings_version',
];

/** Each order's band from its sums ($1 to $3 as in cumulativeDoseSql). */
const BANDED = `banded AS (
    SELECT ced.*,
      CASE WHEN ced_5y >= $1 OR ct_12m >= $2 THEN 'HIGH'
           WHEN ced_5y >= $3 THEN 'MODERATE'
           ELSE 'LOW' END AS band
    FROM ced
  )`;

/**
 * cumulativeDoseSql's rows for an empty order_dose (a first load), as a SELECT of
 * ORDER_DOSE_COLUMNS for insertInParallel (the same parameters), in order: the orders are
 * numbered by patient (BY_PATIENT in the normaliser), so a delta then finds a patient's rows
 * on one page, not one page each. The planner groups by sorting instead of a hash aggregate
 * that spilled to 128 partitions at 1M orders, and in parallel (a partial aggregate per worker):
 * at 1M orders 8 s against 11 s for the SELECT alone.
 */
export const firstLoadCumulativeDoseSql = (scope: string): string => `
  WITH ced AS (${CUMULATIVE_DOSE_EMPTY(scope)}
  ), ${BANDED}
  SELECT b.order_pk, b.ced_12m AS ced_12m_msv, b.ced_5y AS ced_5y_msv, b.ced_all AS ced_all_msv,
    b.ct_12m AS prior_ct_12m, b.unknown_12m AS unknown_dose_12m, b.unknown_5y AS unknown_dose_5y,
    b.unknown_all AS unknown_dose_all, b.band, $4::int AS settings_version
  FROM banded b
  ORDER BY b.order_pk`;

/** The sums and counts per order of the scope, each prior exam joined by its patient's index. */
const CUMULATIVE_DOSE = (scope: string): string => `
    SELECT o.id AS order_pk,
      coalesce(sum(d.effective_dose_msv)
        FILTER (WHERE e.performed_at >= o.ordered_at - interval '12 months'), 0) AS ced_12m,
      coalesce(sum(d.effective_dose_msv)
        FILTER (WHERE e.performed_at >= o.ordered_at - interval '5 years'), 0) AS ced_5y,
      coalesce(sum(d.effective_dose_msv), 0) AS ced_all,
      count(e.id) FILTER (WHERE e.modality = 'CT'
        AND e.performed_at >= o.ordered_at - interval '12 months')::int AS ct_12m,
      count(e.id) FILTER (WHERE coalesce(d.dose_source, 'unknown') = 'unknown'
        AND e.performed_at >= o.ordered_at - interval '12 months')::int AS unknown_12m,
      count(e.id) FILTER (WHERE coalesce(d.dose_source, 'unknown') = 'unknown'
        AND e.performed_at >= o.ordered_at - interval '5 years')::int AS unknown_5y,
      count(e.id) FILTER (WHERE coalesce(d.dose_source, 'unknown') = 'unknown')::int AS unknown_all
    FROM orders o
    LEFT JOIN exams e
      ON e.patient_id = o.patient_id AND e.performed_at < o.ordered_at AND NOT e.is_qa
    LEFT JOIN exam_doses d ON d.exam_id = e.id
    WHERE o.patient_id ${scope}
    GROUP BY o.id`;

/**
 * The same sums and counts for a first load, where every order and exam is read: each order's
 * window starts computed once (not per prior exam and aggregate), and the exams reduced to
 * narrow rows (patient, time, dose and two flags) before they are joined to the orders and
 * sorted by order. (An `OFFSET 0` kept these subqueries from being pulled up into the join, but
 * it also kept the statement from parallel workers: without it the pulled-up plan sorts rows
 * as narrow, 60 bytes.) Not for a delta: the exams subquery cannot take the per-patient index
 * probes of CUMULATIVE_DOSE, and reads every exam.
 */
const CUMULATIVE_DOSE_EMPTY = (scope: string): string => `
    SELECT o.id AS order_pk,
      coalesce(sum(e.dose) FILTER (WHERE e.performed_at >= o.from_12m), 0) AS ced_12m,
      coalesce(sum(e.dose) FILTER (WHERE e.performed_at >= o.from_5y), 0) AS ced_5y,
      coalesce(sum(e.dose), 0) AS ced_all,
      count(e.performed_at) FILTER (WHERE e.ct AND e.performed_at >= o.from_12m)::int AS ct_12m,
      count(e.performed_at)
        FILTER (WHERE e.unknown AND e.performed_at >= o.from_12m)::int AS unknown_12m,
      count(e.performed_at)
        FILTER (WHERE e.unknown AND e.performed_at >= o.from_5y)::int AS unknown_5y,
      count(e.performed_at) FILTER (WHERE e.unknown)::int AS unknown_all
    FROM (
      SELECT o.id, o.patient_id, o.ordered_at,
        o.ordered_at - interval '12 months' AS from_12m, o.ordered_at - interval '5 years' AS from_5y
      FROM orders o
      WHERE o.patient_id ${scope}
    ) o
    LEFT JOIN (
      SELECT e.patient_id, e.performed_at, d.effective_dose_msv AS dose, e.modality = 'CT' AS ct,
        coalesce(d.dose_source, 'unknown') = 'unknown' AS unknown
      FROM exams e
      LEFT JOIN exam_doses d ON d.exam_id = e.id
      WHERE NOT e.is_qa AND e.patient_id ${scope}
    ) e ON e.patient_id = o.patient_id AND e.performed_at < o.ordered_at
    GROUP BY o.id`;

/** The tail of cumulativeDoseSql into a filled order_dose: new and changed rows only. */
const CUMULATIVE_DOSE_CHANGED = `
  -- only new and changed rows: ON CONFLICT would lock (and so write) every unchanged row too
  WHERE NOT EXISTS (
    SELECT 1 FROM order_dose d
    WHERE d.order_pk = b.order_pk
      AND (d.ced_12m_msv, d.ced_5y_msv, d.ced_all_msv, d.prior_ct_12m, d.unknown_dose_12m,
           d.unknown_dose_5y, d.unknown_dose_all, d.band, d.settings_version)
        IS NOT DISTINCT FROM
          (b.ced_12m, b.ced_5y, b.ced_all, b.ct_12m, b.unknown_12m, b.unknown_5y, b.unknown_all,
           b.band, $4))
  ON CONFLICT (order_pk) DO UPDATE SET
    (ced_12m_msv, ced_5y_msv, ced_all_msv, prior_ct_12m, unknown_dose_12m, unknown_dose_5y,
     unknown_dose_all, band, settings_version) =
    (EXCLUDED.ced_12m_msv, EXCLUDED.ced_5y_msv, EXCLUDED.ced_all_msv, EXCLUDED.prior_ct_12m,
     EXCLUDED.unknown_dose_12m, EXCLUDED.unknown_dose_5y, EXCLUDED.unknown_dose_all,
     EXCLUDED.band, EXCLUDED.settings_version)
  WHERE (order_dose.ced_12m_msv, order_dose.ced_5y_msv, order_dose.ced_all_msv,
         order_dose.prior_ct_12m, order_dose.unknown_dose_12m, order_dose.unknown_dose_5y,
         order_dose.unknown_dose_all, order_dose.band, order_dose.settings_version)
    IS DISTINCT FROM
        (EXCLUDED.ced_12m_msv, EXCLUDED.ced_5y_msv, EXCLUDED.ced_all_msv, EXCLUDED.prior_ct_12m,
         EXCLUDED.unknown_dose_12m, EXCLUDED.unknown_dose_5y, EXCLUDED.unknown_dose_all,
         EXCLUDED.band, EXCLUDED.settings_version)`;
