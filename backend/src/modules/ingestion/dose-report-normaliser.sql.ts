/**
 * Dose reports from landing into the model, set-based, inside the load's transaction ($1 = the
 * run). The studies of the run are collected in the temporary table rdsr_run_studies; studies
 * whose stored values, events or exam link changed in rdsr_changed_studies; the patients whose
 * dose history changed go to touched_patients (created by the normaliser), so the dose step
 * recomputes effective dose and CED for them only. Every write is guarded by IS DISTINCT FROM,
 * so importing the same reports again changes nothing.
 */

export const CREATE_RDSR_TEMP_TABLES = [
  `CREATE TEMPORARY TABLE IF NOT EXISTS rdsr_run_studies (study_instance_uid text PRIMARY KEY)
   ON COMMIT DROP`,
  `CREATE TEMPORARY TABLE IF NOT EXISTS rdsr_changed_studies (study_instance_uid text PRIMARY KEY)
   ON COMMIT DROP`,
  `CREATE TEMPORARY TABLE IF NOT EXISTS rdsr_links
     (study_instance_uid text PRIMARY KEY, exam_id bigint) ON COMMIT DROP`,
] as const;

/** A file that is not a usable dose report: one rejection per distinct file content and reason. */
export const INSERT_DOSE_REPORT_REJECTIONS = `
  INSERT INTO rejections (run_id, source, entity, file, line, field, reason, severity, raw, fingerprint)
  SELECT l.run_id, l.source, 'dose_reports', l.file, 1, NULL, l.error_reason, 'error', NULL,
         md5(concat_ws('|', l.source, 'dose_reports', l.content_sha256, l.error_reason))
  FROM landing_dose_reports l
  WHERE l.run_id = $1 AND l.status = 'rejected'
  ON CONFLICT (fingerprint) DO NOTHING`;

/** Remarks on loaded reports (unknown units, unknown totals): warnings, once per file content. */
export const INSERT_DOSE_REPORT_WARNINGS = `
  INSERT INTO rejections (run_id, source, entity, file, line, field, reason, severity, raw, fingerprint)
  SELECT l.run_id, l.source, 'dose_reports', l.file, 1, NULL, w.warning, 'warning', NULL,
         md5(concat_ws('|', l.source, 'dose_reports', l.content_sha256, 'warning', w.warning))
  FROM landing_dose_reports l, unnest(l.warnings) AS w(warning)
  WHERE l.run_id = $1 AND l.status = 'parsed'
  ON CONFLICT (fingerprint) DO NOTHING`;

export const FILL_RUN_STUDIES = `
  INSERT INTO rdsr_run_studies
  SELECT DISTINCT study_instance_uid FROM landing_dose_reports
  WHERE run_id = $1 AND status = 'parsed'
  ON CONFLICT DO NOTHING`;

/** $2 = after this Study Instance UID, $3 = batch size. */
export const SELECT_RUN_STUDY_BATCH = `
  SELECT study_instance_uid FROM rdsr_run_studies
  WHERE study_instance_uid > $1 ORDER BY study_instance_uid LIMIT $2`;

/**
 * Every report ever received for the studies ($2), from finished runs and this one: one per
 * (study, SOP Instance UID), its latest content, in the order first received. Rows of a run
 * that was interrupted (still `running`) or failed are never read.
 */
export const SELECT_STUDY_REPORTS = `
  SELECT r.study_instance_uid, r.report
  FROM (
    SELECT l.study_instance_uid, l.report,
      min(l.id) OVER (PARTITION BY l.study_instance_uid, l.sop_instance_uid) AS first_id,
      row_number() OVER (PARTITION BY l.study_instance_uid, l.sop_instance_uid ORDER BY l.id DESC)
        AS latest
    FROM landing_dose_reports l
    JOIN ingest_runs run ON run.id = l.run_id
    WHERE l.study_instance_uid = ANY($2::text[]) AND l.status = 'parsed'
      AND (l.run_id = $1 OR run.status = 'succeeded')
  ) r
  WHERE r.latest = 1
  ORDER BY r.study_instance_uid, r.first_id`;

const STUDY_COLUMNS = [
  'sop_instance_uids',
  'accession_number',
  'patient_id',
  'patient_birth_date',
  'patient_sex',
  'patient_age_years',
  'study_date',
  'performed_at',
  'study_description',
  'manufacturer',
  'manufacturer_model_name',
  'modality',
  'body_region',
  'events',
  'ctdivol_max_mgy',
  'dlp_total_mgycm',
  'dlp_total_source',
  'dap_total_gycm2',
  'dap_total_source',
  'dose_rp_total_mgy',
  'dose_rp_total_source',
  'fluoro_time_total_s',
  'recorded_effective_dose_msv',
  'is_qa',
  'qa_match',
  'merge_warnings',
] as const;

const list = (columns: readonly string[], prefix = ''): string =>
  columns.map((column) => `${prefix}${column}`).join(', ');

/** $2 = JSON array of merged studies (see import-rdsr.ts `toStudyRow`). */
export const UPSERT_STUDIES = `
  WITH incoming AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(
      study_instance_uid text, sop_instance_uids text[], accession_number text, patient_id text,
      patient_birth_date date, patient_sex text, patient_age_years numeric, study_date date,
      performed_at text, study_description text, manufacturer text, manufacturer_model_name text,
      modality text, body_region text, events integer, ctdivol_max_mgy numeric,
      dlp_total_mgycm numeric, dlp_total_source text, dap_total_gycm2 numeric,
      dap_total_source text, dose_rp_total_mgy numeric, dose_rp_total_source text,
      fluoro_time_total_s numeric, recorded_effective_dose_msv numeric, is_qa boolean,
      qa_match text, merge_warnings text[])
  ), upserted AS (
    INSERT INTO dose_report_studies (study_instance_uid, ${list(STUDY_COLUMNS)}, last_run_id)
    SELECT study_instance_uid, ${list(STUDY_COLUMNS).replace('performed_at', 'performed_at::timestamptz')}, $1
    FROM incoming
    ON CONFLICT (study_instance_uid) DO UPDATE SET
      (${list(STUDY_COLUMNS)}, last_run_id) = (${list(STUDY_COLUMNS, 'EXCLUDED.')}, EXCLUDED.last_run_id)
      WHERE (${list(STUDY_COLUMNS, 'dose_report_studies.')})
        IS DISTINCT FROM (${list(STUDY_COLUMNS, 'EXCLUDED.')})
    RETURNING study_instance_uid
  )
  INSERT INTO rdsr_changed_studies SELECT study_instance_uid FROM upserted ON CONFLICT DO NOTHING`;

const EVENT_COLUMNS = [
  'position',
  'template',
  'event_type',
  'acquisition_protocol',
  'target_region',
  'body_region',
  'started_at',
  'ctdivol_mgy',
  'dlp_mgycm',
  'phantom_type',
  'recorded_effective_dose_msv',
  'acquisition_plane',
  'dap_gycm2',
  'dose_rp_mgy',
  'irradiation_duration_s',
  'average_glandular_dose_mgy',
  'is_fluoroscopy',
] as const;

/** $2 = JSON array of the studies' distinct events (see import-rdsr.ts `toEventRows`). */
export const UPSERT_EVENTS = `
  WITH incoming AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(
      study_instance_uid text, irradiation_event_uid text, position integer, template text,
      event_type text, acquisition_protocol text, target_region text, body_region text,
      started_at timestamptz, ctdivol_mgy numeric, dlp_mgycm numeric, phantom_type text,
      recorded_effective_dose_msv numeric, acquisition_plane text, dap_gycm2 numeric,
      dose_rp_mgy numeric, irradiation_duration_s numeric, average_glandular_dose_mgy numeric,
      is_fluoroscopy boolean)
  ), upserted AS (
    INSERT INTO dose_report_events
      (study_instance_uid, irradiation_event_uid, ${list(EVENT_COLUMNS)}, last_run_id)
    SELECT study_instance_uid, irradiation_event_uid, ${list(EVENT_COLUMNS)}, $1 FROM incoming
    ON CONFLICT (study_instance_uid, irradiation_event_uid) DO UPDATE SET
      (${list(EVENT_COLUMNS)}, last_run_id) = (${list(EVENT_COLUMNS, 'EXCLUDED.')}, EXCLUDED.last_run_id)
      WHERE (${list(EVENT_COLUMNS, 'dose_report_events.')})
        IS DISTINCT FROM (${list(EVENT_COLUMNS, 'EXCLUDED.')})
    RETURNING study_instance_uid
  )
  INSERT INTO rdsr_changed_studies SELECT DISTINCT study_instance_uid FROM upserted
  ON CONFLICT DO NOTHING`;

/**
 * A patient study whose patient is not known yet, with a birth date in the report: the patient
 * is created from the report (never overwriting what the RIS says about a known patient).
 */
export const CREATE_PATIENTS_FROM_STUDIES = `
  WITH created AS (
    INSERT INTO patients (patient_id, birth_date, sex, last_run_id)
    SELECT DISTINCT ON (s.patient_id) s.patient_id, s.patient_birth_date, s.patient_sex, $1
    FROM dose_report_studies s JOIN rdsr_run_studies USING (study_instance_uid)
    WHERE NOT s.is_qa AND s.patient_id IS NOT NULL AND s.patient_birth_date IS NOT NULL
    ORDER BY s.patient_id, s.performed_at DESC NULLS LAST, s.study_instance_uid
    ON CONFLICT (patient_id) DO NOTHING
    RETURNING patient_id
  )
  INSERT INTO touched_patients SELECT patient_id FROM created ON CONFLICT DO NOTHING`;

/**
 * The RIS exam of each patient study of the run: same accession number, same patient, exam
 * date within one day of the study date (accession numbers alone are not unique across
 * studies); the closest in time wins. QA studies are never linked.
 */
export const FIND_RIS_EXAMS = `
  INSERT INTO rdsr_links (study_instance_uid, exam_id)
  SELECT s.study_instance_uid, ris.id
  FROM dose_report_studies s
  JOIN rdsr_run_studies USING (study_instance_uid)
  LEFT JOIN LATERAL (
    SELECT e.id FROM exams e
    WHERE e.source <> 'rdsr' AND e.patient_id = s.patient_id
      AND e.accession = s.accession_number
      AND e.performed_at >= s.study_date - 2 AND e.performed_at < s.study_date + 3
      AND abs(e.performed_at::date - s.study_date) <= 1
    ORDER BY abs(extract(epoch FROM e.performed_at - coalesce(s.performed_at, s.study_date::timestamptz))),
      e.id
    LIMIT 1
  ) ris ON true
  WHERE NOT s.is_qa
  ON CONFLICT (study_instance_uid) DO UPDATE SET exam_id = EXCLUDED.exam_id`;

/** A study's own exam (source rdsr, accession = Study Instance UID) it no longer needs. */
export const DELETE_OBSOLETE_RDSR_EXAMS = `
  WITH deleted AS (
    DELETE FROM exams e
    USING dose_report_studies s
    JOIN rdsr_run_studies USING (study_instance_uid)
    LEFT JOIN rdsr_links k USING (study_instance_uid)
    WHERE e.source = 'rdsr' AND e.accession = s.study_instance_uid
      AND (k.exam_id IS NOT NULL OR s.is_qa OR s.performed_at IS NULL
           OR NOT EXISTS (SELECT 1 FROM patients p WHERE p.patient_id = s.patient_id))
    RETURNING e.patient_id
  )
  INSERT INTO touched_patients SELECT patient_id FROM deleted ON CONFLICT DO NOTHING`;

const RDSR_EXAM_COLUMNS = `patient_id, order_pk, performed_at, modality, procedure, body_region,
  ctdivol_mgy, dlp_mgycm, recorded_effective_dose_msv`;

/**
 * A patient study with no RIS exam gets its own exam row (source rdsr, accession = Study
 * Instance UID), so its dose counts in the patient's CED.
 */
export const UPSERT_RDSR_EXAMS = `
  WITH wanted AS (
    SELECT 'rdsr'::text AS source, s.study_instance_uid AS accession, s.patient_id,
      NULL::bigint AS order_pk, s.performed_at, s.modality, s.study_description AS procedure,
      s.body_region, s.ctdivol_max_mgy AS ctdivol_mgy, s.dlp_total_mgycm AS dlp_mgycm,
      s.recorded_effective_dose_msv
    FROM dose_report_studies s
    JOIN rdsr_links k USING (study_instance_uid)
    JOIN patients p ON p.patient_id = s.patient_id
    WHERE k.exam_id IS NULL AND NOT s.is_qa AND s.performed_at IS NOT NULL
  ), moved AS (
    INSERT INTO touched_patients
    SELECT e.patient_id FROM exams e JOIN wanted w ON e.source = w.source AND e.accession = w.accession
    WHERE e.patient_id <> w.patient_id
    ON CONFLICT DO NOTHING
  ), upserted AS (
    INSERT INTO exams (source, accession, ${RDSR_EXAM_COLUMNS}, last_run_id)
    SELECT source, accession, ${RDSR_EXAM_COLUMNS}, $1 FROM wanted
    ON CONFLICT (source, accession) DO UPDATE SET
      (${RDSR_EXAM_COLUMNS}, last_run_id) = (
        EXCLUDED.patient_id, EXCLUDED.order_pk, EXCLUDED.performed_at, EXCLUDED.modality,
        EXCLUDED.procedure, EXCLUDED.body_region, EXCLUDED.ctdivol_mgy, EXCLUDED.dlp_mgycm,
        EXCLUDED.recorded_effective_dose_msv, EXCLUDED.last_run_id)
      WHERE (exams.${RDSR_EXAM_COLUMNS.replace(/,\s*/g, ', exams.')})
        IS DISTINCT FROM (EXCLUDED.${RDSR_EXAM_COLUMNS.replace(/,\s*/g, ', EXCLUDED.')})
    RETURNING patient_id
  )
  INSERT INTO touched_patients SELECT patient_id FROM upserted ON CONFLICT DO NOTHING`;

/** Points each study of the run at its exam; the old and new exams' patients are touched. */
export const SET_STUDY_EXAMS = `
  WITH wanted AS (
    SELECT r.study_instance_uid, coalesce(k.exam_id, own.id) AS exam_id
    FROM rdsr_run_studies r
    LEFT JOIN rdsr_links k USING (study_instance_uid)
    LEFT JOIN exams own ON own.source = 'rdsr' AND own.accession = r.study_instance_uid
  ), changed AS (
    SELECT s.study_instance_uid, s.exam_id AS old_exam_id, w.exam_id AS new_exam_id
    FROM dose_report_studies s JOIN wanted w USING (study_instance_uid)
    WHERE s.exam_id IS DISTINCT FROM w.exam_id
  ), updated AS (
    UPDATE dose_report_studies s SET exam_id = c.new_exam_id
    FROM changed c WHERE s.study_instance_uid = c.study_instance_uid
    RETURNING s.study_instance_uid
  ), marked AS (
    INSERT INTO rdsr_changed_studies SELECT study_instance_uid FROM updated ON CONFLICT DO NOTHING
  )
  INSERT INTO touched_patients
  SELECT DISTINCT e.patient_id FROM changed c JOIN exams e ON e.id IN (c.old_exam_id, c.new_exam_id)
  ON CONFLICT DO NOTHING`;

/** Patients whose exam takes its dose from a study that changed. */
export const TOUCH_CHANGED_STUDY_PATIENTS = `
  INSERT INTO touched_patients
  SELECT DISTINCT e.patient_id
  FROM rdsr_changed_studies c
  JOIN dose_report_studies s USING (study_instance_uid)
  JOIN exams e ON e.id = s.exam_id
  ON CONFLICT DO NOTHING`;

/** Files, loaded reports, rejected files and warnings of the run. */
export const COUNT_RUN = `
  SELECT count(*)::int AS read,
    count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
    coalesce(sum(cardinality(warnings)) FILTER (WHERE status = 'parsed'), 0)::int AS warned,
    (SELECT count(*)::int FROM rdsr_run_studies) AS studies
  FROM landing_dose_reports WHERE run_id = $1`;
