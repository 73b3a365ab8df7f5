import { CASE_CSV_COLUMNS } from '../vocabulary/case-csv-columns.js';

/** Timestamps in exports: UTC, ISO 8601 with Z. Numbers: rounded to 4 decimals, no padding. */
export const utc = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
export const decimal4 = (column: string): string =>
  `trim_scale(round((${column})::numeric, 4))::text`;

/** The case CSV's columns, as the API's export writes them after its case_id (one list). */
export const CASES_COLUMNS = CASE_CSV_COLUMNS;

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
    a.exclusion, case_review_status(a.order_pk) AS review_status
  FROM order_assessments a
  JOIN orders o ON o.id = a.order_pk
  LEFT JOIN departments d ON d.id = o.department_id
  LEFT JOIN order_dose od ON od.order_pk = a.order_pk
  WHERE a.level IS NOT NULL
    AND ($1::text IS NULL OR a.month >= $1::text)
    AND ($2::text IS NULL OR a.month <= $2::text)
  ORDER BY o.ordered_at, o.order_id, o.source`;

export const EXAMS_COLUMNS = [
  'accession',
  'study_instance_uid',
  'patient_id',
  'performed_at',
  'modality',
  'body_region',
  'events',
  'ctdivol_max_mgy',
  'dlp_total_mgycm',
  'dap_total_gycm2',
  'dose_rp_total_mgy',
  'effective_dose_msv',
  'dose_source',
  'dose_method',
  'is_qa',
] as const;

/**
 * One row per exam (with its dose-report study's values where one is linked) and per
 * dose-report study with no exam (QA studies, studies of a patient we cannot place), DESIGN.md
 * section 5. A study's own exam (source rdsr) shows the study's accession number. Ordered by
 * time, then by the natural ids (Study Instance UID, source, accession), so two exports of the
 * same data are byte-identical whatever order it was loaded in.
 */
export const EXPORT_EXAMS = `
  WITH exam_rows AS (
    SELECT e.performed_at AS sort_at, coalesce(s.study_instance_uid, '') AS sort_study,
      e.source AS sort_source, e.accession AS sort_accession,
      CASE WHEN e.source = 'rdsr' THEN s.accession_number ELSE e.accession END AS accession,
      s.study_instance_uid, e.patient_id, e.performed_at, e.modality, e.body_region,
      s.events, coalesce(s.ctdivol_max_mgy, e.ctdivol_mgy) AS ctdivol_max_mgy,
      coalesce(s.dlp_total_mgycm, e.dlp_mgycm) AS dlp_total_mgycm, s.dap_total_gycm2,
      s.dose_rp_total_mgy, d.effective_dose_msv, coalesce(d.dose_source, 'unknown') AS dose_source,
      d.dose_method, e.is_qa
    FROM exams e
    LEFT JOIN exam_doses d ON d.exam_id = e.id
    LEFT JOIN LATERAL (
      SELECT * FROM dose_report_studies s WHERE s.exam_id = e.id AND NOT s.is_qa
      ORDER BY s.study_instance_uid LIMIT 1
    ) s ON true
  ), study_rows AS (
    SELECT s.performed_at AS sort_at, s.study_instance_uid AS sort_study, '' AS sort_source,
      '' AS sort_accession, s.accession_number AS accession, s.study_instance_uid, s.patient_id,
      s.performed_at, s.modality, s.body_region, s.events, s.ctdivol_max_mgy, s.dlp_total_mgycm,
      s.dap_total_gycm2, s.dose_rp_total_mgy,
      coalesce(s.recorded_effective_dose_msv, s.rdsr_effective_dose_msv) AS effective_dose_msv,
      CASE WHEN s.recorded_effective_dose_msv IS NOT NULL THEN 'recorded'
           WHEN s.rdsr_effective_dose_msv IS NOT NULL THEN 'rdsr_estimate'
           ELSE 'unknown' END AS dose_source,
      CASE WHEN s.recorded_effective_dose_msv IS NOT NULL THEN 'as recorded in the dose report'
           ELSE s.rdsr_dose_method END AS dose_method,
      s.is_qa
    FROM dose_report_studies s
    WHERE s.exam_id IS NULL
  )
  SELECT accession, study_instance_uid, patient_id, ${utc('performed_at')} AS performed_at,
    modality, body_region, events, ${decimal4('ctdivol_max_mgy')} AS ctdivol_max_mgy,
    ${decimal4('dlp_total_mgycm')} AS dlp_total_mgycm,
    ${decimal4('dap_total_gycm2')} AS dap_total_gycm2,
    ${decimal4('dose_rp_total_mgy')} AS dose_rp_total_mgy,
    ${decimal4('effective_dose_msv')} AS effective_dose_msv, dose_source, dose_method,
    is_qa::text AS is_qa
  FROM (SELECT * FROM exam_rows UNION ALL SELECT * FROM study_rows) r
  ORDER BY sort_at NULLS LAST, sort_study, sort_source, sort_accession`;
