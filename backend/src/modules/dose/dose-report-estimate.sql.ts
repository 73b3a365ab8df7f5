import { coefficientLookupSql } from './dose.sql.js';

/**
 * The rdsr_estimate of dose-report studies (DESIGN.md section 2), set-based, in the load's
 * transaction: over the studies the dose-report normaliser listed in the temporary table
 * rdsr_run_studies; a study whose estimate changed is added to rdsr_changed_studies (both
 * created by the normaliser). $1 = the run marking the changed rows (null: none).
 */

/**
 * $2 = coefficient method. Each CT event with a DLP: DLP x k for the event's region (its own,
 * else the mapped one) and the patient's age band at the study (from the patient's birth date,
 * else the report's age). No k (no region, an extremity, no age): no estimate for the event.
 */
export const ESTIMATE_EVENT_DOSES = `
  WITH computed AS (
    SELECT ev.study_instance_uid, ev.irradiation_event_uid,
      CASE WHEN s.modality = 'CT' AND ev.dlp_mgycm IS NOT NULL AND k.k IS NOT NULL
        THEN round(ev.dlp_mgycm * k.k, 6) END AS estimate
    FROM dose_report_events ev
    JOIN rdsr_run_studies USING (study_instance_uid)
    JOIN dose_report_studies s USING (study_instance_uid)
    LEFT JOIN exams e ON e.id = s.exam_id
    LEFT JOIN patients p ON p.patient_id = coalesce(e.patient_id, s.patient_id)
    ${coefficientLookupSql(
      '$2',
      'ev.body_region',
      "coalesce(date_part('year', age(s.study_date, p.birth_date)), s.patient_age_years)",
    )}
  )
  UPDATE dose_report_events ev
  SET effective_dose_estimate_msv = c.estimate, last_run_id = coalesce($1::int, ev.last_run_id)
  FROM computed c
  WHERE ev.study_instance_uid = c.study_instance_uid
    AND ev.irradiation_event_uid = c.irradiation_event_uid
    AND ev.effective_dose_estimate_msv IS DISTINCT FROM c.estimate`;

/**
 * $2 = coefficient method. The study's rdsr_estimate: the sum over its events, when it is CT,
 * at least one event has a DLP and every event with a DLP has an estimate (an event without a
 * k would make the sum an understatement: then the exam falls through to the next source).
 */
export const ESTIMATE_STUDY_DOSES = `
  WITH sums AS (
    SELECT ev.study_instance_uid,
      count(*) FILTER (WHERE ev.dlp_mgycm IS NOT NULL) AS with_dlp,
      count(*) FILTER (WHERE ev.dlp_mgycm IS NOT NULL AND ev.effective_dose_estimate_msv IS NULL)
        AS without_estimate,
      sum(ev.effective_dose_estimate_msv) AS total
    FROM dose_report_events ev JOIN rdsr_run_studies USING (study_instance_uid)
    GROUP BY ev.study_instance_uid
  ), computed AS (
    SELECT s.study_instance_uid,
      CASE WHEN s.modality = 'CT' AND sums.with_dlp > 0 AND sums.without_estimate = 0
        THEN sums.total END AS dose
    FROM dose_report_studies s
    JOIN rdsr_run_studies USING (study_instance_uid)
    LEFT JOIN sums USING (study_instance_uid)
  ), updated AS (
    UPDATE dose_report_studies s
    SET rdsr_effective_dose_msv = c.dose,
        rdsr_dose_method = CASE WHEN c.dose IS NOT NULL THEN format('%s per event', $2::text) END,
        last_run_id = coalesce($1::int, s.last_run_id)
    FROM computed c
    WHERE s.study_instance_uid = c.study_instance_uid
      AND (s.rdsr_effective_dose_msv, s.rdsr_dose_method) IS DISTINCT FROM
          (c.dose, CASE WHEN c.dose IS NOT NULL THEN format('%s per event', $2::text) END)
    RETURNING s.study_instance_uid
  )
  INSERT INTO rdsr_changed_studies SELECT study_instance_uid FROM updated ON CONFLICT DO NOTHING`;
