/**
 * The normaliser: landing rows of one run ($1) into the model, set-based. Each statement is a
 * named constant so the SQL stays visible for review. Rows that fail a database check get
 * their error written onto the landing row, then every errored landing row becomes a
 * rejection (once per file, line, field and reason, however often the file is imported).
 * Patients whose data changed are collected in the temporary table touched_patients, so the
 * dose and assessment steps recompute only them.
 */

export const CREATE_TOUCHED_PATIENTS = `
  CREATE TEMPORARY TABLE IF NOT EXISTS touched_patients (patient_id text PRIMARY KEY)
  ON COMMIT DROP`;

/** Moves errored landing rows of the run into rejections ($2 = entity, table name follows). */
export const insertRejectionsSql = (table: string): string => `
  INSERT INTO rejections (run_id, source, entity, file, line, field, reason, severity, raw, fingerprint)
  SELECT l.run_id, l.source, $2::text, l.file, l.line, l.error_field, l.error_reason, 'error', l.raw,
         -- a database source's "line" is its position in one run's read: not part of identity
         md5(concat_ws('|', l.source, $2::text, regexp_replace(l.file, '^.*/', ''),
                       CASE WHEN l.file LIKE 'postgres:%' THEN NULL ELSE l.line END,
                       l.error_field, l.error_reason, l.raw))
  FROM ${table} l
  WHERE l.run_id = $1 AND l.error_reason IS NOT NULL
  ON CONFLICT (fingerprint) DO NOTHING`;

/**
 * Within one file the last occurrence of a key wins; the earlier ones are kept as warnings.
 * $2 = entity, $3 = the key's field name for the message. The window runs over the rows of the
 * keys that occur more than once in the run only, found by grouping the narrow keys first: a
 * window over every landed row sorted the whole rows (raw text included) to find none in a
 * clean file (805k exams: a 137 MB external sort). The keys are required fields, never null on
 * a row without an error, so the IN finds every row of such a key.
 *
 * Returns one row, `repeated`: whether any key occurs more than once among the run's good rows
 * of one source, in one file or across files (two FHIR bundles holding the same study). The
 * keys are grouped by source for it, not by file; the window still partitions by file, so the
 * warnings are those of a grouping by file. Without a repeated key, a first load's insert
 * needs no `DISTINCT ON` (insertOrdersFirstLoadSql, insertExamsFirstLoadSql).
 */
export const insertDuplicateWarningsSql = (table: string, keyExpression: string): string => `
  WITH repeated AS MATERIALIZED (
    SELECT k.source, ${keyExpression.replace(/\bl\./g, 'k.')}
    FROM ${table} k
    WHERE k.run_id = $1 AND k.error_reason IS NULL
    GROUP BY k.source, ${keyExpression.replace(/\bl\./g, 'k.')}
    HAVING count(*) > 1
  ), warned AS (
    INSERT INTO rejections (run_id, source, entity, file, line, field, reason, severity, raw, fingerprint)
    SELECT d.run_id, d.source, $2::text, d.file, d.line, $3::text,
           format('duplicate %s in this file: line %s wins', $3::text, d.winner), 'warning', d.raw,
           md5(concat_ws('|', d.source, $2::text, regexp_replace(d.file, '^.*/', ''), d.line, 'duplicate', d.raw))
    FROM (
      SELECT l.*, first_value(l.line) OVER w AS winner, row_number() OVER w AS position
      FROM ${table} l
      WHERE l.run_id = $1 AND l.error_reason IS NULL
        AND (l.source, ${keyExpression}) IN (SELECT * FROM repeated)
      WINDOW w AS (PARTITION BY l.file, ${keyExpression} ORDER BY l.line DESC)
    ) d
    WHERE d.position > 1
    ON CONFLICT (fingerprint) DO NOTHING
  )
  SELECT EXISTS (SELECT FROM repeated) AS repeated`;

export const UPSERT_PATIENTS = `
  WITH latest AS (
    SELECT DISTINCT ON (patient_id) patient_id, birth_date::date AS birth_date, sex
    FROM landing_patients
    WHERE run_id = $1 AND error_reason IS NULL
    ORDER BY patient_id, line DESC
  ), upserted AS (
    INSERT INTO patients (patient_id, birth_date, sex, last_run_id)
    SELECT patient_id, birth_date, sex, $1 FROM latest
    ON CONFLICT (patient_id) DO UPDATE
      SET birth_date = EXCLUDED.birth_date, sex = EXCLUDED.sex, last_run_id = EXCLUDED.last_run_id
      WHERE (patients.birth_date, patients.sex) IS DISTINCT FROM (EXCLUDED.birth_date, EXCLUDED.sex)
    RETURNING patient_id
  )
  INSERT INTO touched_patients SELECT patient_id FROM upserted ON CONFLICT DO NOTHING`;

/**
 * UPSERT_PATIENTS into an empty `patients` (and an empty touched_patients: the normaliser's
 * first statement): nothing to conflict with, so a plain INSERT of the same rows, each of them
 * touched. The upsert's speculative insertion (into patients, then into touched_patients) was
 * more than half of it: 6.4 and 8.4 s against 2.9 and 3.8 s at 173,913 patients (EXPLAIN
 * ANALYZE, back to back).
 */
export const INSERT_PATIENTS_FIRST_LOAD = `
  WITH inserted AS (
    INSERT INTO patients (patient_id, birth_date, sex, last_run_id)
    SELECT DISTINCT ON (patient_id) patient_id, birth_date::date, sex, $1
    FROM landing_patients
    WHERE run_id = $1 AND error_reason IS NULL
    ORDER BY patient_id, line DESC
    RETURNING patient_id
  )
  INSERT INTO touched_patients SELECT patient_id FROM inserted`;

/**
 * Whether every known patient is already touched (a first load of a full folder, after
 * UPSERT_PATIENTS): then the patients of the orders and exams written next are all touched too
 * (they must be known patients), and touchedFromFirstLoadSql would find none.
 */
export const EVERY_PATIENT_TOUCHED = `
  SELECT NOT EXISTS (
    SELECT 1 FROM patients p
    WHERE NOT EXISTS (SELECT 1 FROM touched_patients t WHERE t.patient_id = p.patient_id)
  ) AS touched`;

/** Rejects rows naming a patient that is neither in this load nor already known. */
export const markUnknownPatientsSql = (table: string): string => `
  UPDATE ${table} l SET error_field = 'patient_id', error_reason = 'unknown patient'
  WHERE l.run_id = $1 AND l.error_reason IS NULL
    AND NOT EXISTS (SELECT 1 FROM patients p WHERE p.patient_id = l.patient_id)`;

export const UPSERT_DEPARTMENTS = `
  INSERT INTO departments (name)
  SELECT DISTINCT btrim(department) FROM landing_orders
  WHERE run_id = $1 AND error_reason IS NULL AND department IS NOT NULL
  ON CONFLICT (name) DO NOTHING`;

export const UPSERT_PROVIDERS = `
  INSERT INTO providers (provider_id, name)
  SELECT DISTINCT ON (provider_id) provider_id, provider_name FROM landing_orders
  WHERE run_id = $1 AND error_reason IS NULL AND provider_id IS NOT NULL
  ORDER BY provider_id, (provider_name IS NULL), line DESC
  ON CONFLICT (provider_id) DO UPDATE SET name = EXCLUDED.name
    WHERE EXCLUDED.name IS NOT NULL AND providers.name IS DISTINCT FROM EXCLUDED.name`;

const ORDER_COLUMNS = `patient_id, ordered_at, provider_id, department_id, setting, indication_code,
  indication_text, requested_modality, requested_procedure, pregnancy_status, contrast_allergy,
  egfr, dose_alert_shown, comment`;

/**
 * Each order's last line among the run's good landing rows, typed for the model. `repeated`
 * false (no key occurs twice: insertDuplicateWarningsSql) reads every row, without sorting them
 * by key to keep the last.
 */
const latestOrdersSql = (repeated = true): string => `
    SELECT ${repeated ? 'DISTINCT ON (l.source, l.order_id)' : ''}
      l.source, l.order_id, l.patient_id, l.ordered_at::timestamptz AS ordered_at, l.provider_id,
      d.id AS department_id, l.setting, l.indication_code, l.indication_text,
      l.requested_modality, l.requested_procedure, l.pregnancy_status,
      l.contrast_allergy::boolean AS contrast_allergy, l.egfr::numeric AS egfr,
      l.dose_alert_shown::boolean AS dose_alert_shown, l.comment
    FROM landing_orders l
    LEFT JOIN departments d ON d.name = btrim(l.department)
    WHERE l.run_id = $1 AND l.error_reason IS NULL
    ${repeated ? 'ORDER BY l.source, l.order_id, l.line DESC' : ''}`;

export const UPSERT_ORDERS = `
  WITH latest AS (${latestOrdersSql()}
  ), moved AS (
    -- an order re-sent for another patient: the old patient's history changes too
    INSERT INTO touched_patients
    SELECT o.patient_id FROM orders o JOIN latest USING (source, order_id)
    WHERE o.patient_id <> latest.patient_id
    ON CONFLICT DO NOTHING
  ), upserted AS (
    INSERT INTO orders (source, order_id, ${ORDER_COLUMNS}, last_run_id)
    SELECT source, order_id, ${ORDER_COLUMNS}, $1 FROM latest
    ON CONFLICT (source, order_id) DO UPDATE SET
      (${ORDER_COLUMNS}, last_run_id) = (
        EXCLUDED.patient_id, EXCLUDED.ordered_at, EXCLUDED.provider_id, EXCLUDED.department_id,
        EXCLUDED.setting, EXCLUDED.indication_code, EXCLUDED.indication_text,
        EXCLUDED.requested_modality, EXCLUDED.requested_procedure, EXCLUDED.pregnancy_status,
        EXCLUDED.contrast_allergy, EXCLUDED.egfr, EXCLUDED.dose_alert_shown, EXCLUDED.comment,
        EXCLUDED.last_run_id)
      WHERE (orders.${ORDER_COLUMNS.replace(/,\s*/g, ', orders.')})
        IS DISTINCT FROM (EXCLUDED.${ORDER_COLUMNS.replace(/,\s*/g, ', EXCLUDED.')})
    RETURNING patient_id
  )
  INSERT INTO touched_patients SELECT patient_id FROM upserted ON CONFLICT DO NOTHING`;

/**
 * The order in which a first load writes orders and exams: by patient, then time. A first load
 * is years of history; a nightly delta then reads every row of the patients it touches (their
 * doses, cumulative dose, assessments). Written in key order, a patient's rows lay scattered
 * over the whole heap, one page each; written by patient, they share one or two pages, and so
 * do the doses and assessments derived from them in identifier order.
 */
const BY_PATIENT = {
  orders: 'ORDER BY patient_id, ordered_at, source, order_id',
  exams: 'ORDER BY patient_id, performed_at, source, accession',
} as const;

/**
 * UPSERT_ORDERS on a first load (no order yet): nothing to conflict with and no order to move,
 * so a plain INSERT of the same rows; the touched patients are added once afterwards
 * (touchedFromFirstLoadSql) instead of through RETURNING row by row. `repeated`: whether an
 * order occurs twice among the run's rows (insertDuplicateWarningsSql). When none does, every
 * row is its order's last and the rows are sorted once, by patient, instead of first by order
 * to keep the last (the exams at 1M: 4,033,618 rows of about 180 bytes, two external sorts;
 * 31.0 and 22.2 s with both, 17.2 and 17.4 s with one, EXPLAIN ANALYZE).
 */
export const insertOrdersFirstLoadSql = (repeated: boolean): string => `
  INSERT INTO orders (source, order_id, ${ORDER_COLUMNS}, last_run_id)
  SELECT source, order_id, ${ORDER_COLUMNS}, $1 FROM (${latestOrdersSql(repeated)}
  ) latest
  ${BY_PATIENT.orders}`;

/**
 * The patients of the rows a first load's plain INSERT wrote into the (until then empty) model
 * table: exactly what the upsert's RETURNING would have given, collected once. Most of them are
 * already touched (UPSERT_PATIENTS of the same load): the anti-join leaves them out before the
 * insert, instead of a conflicting speculative insertion per patient (exams at 200k orders,
 * 163,820 patients all conflicting: 1.8 to 5.2 s, against 1.0 s with the anti-join).
 */
export const touchedFromFirstLoadSql = (table: 'orders' | 'exams'): string => `
  INSERT INTO touched_patients
  SELECT DISTINCT m.patient_id FROM ${table} m
  WHERE m.last_run_id = $1
    AND NOT EXISTS (SELECT 1 FROM touched_patients t WHERE t.patient_id = m.patient_id)
  ON CONFLICT DO NOTHING`;

/** Rejects order changes and exams that name an order we do not have. */
export const markUnknownOrdersSql = (table: string): string => `
  UPDATE ${table} l SET error_field = 'order_id', error_reason = 'unknown order'
  WHERE l.run_id = $1 AND l.error_reason IS NULL AND l.order_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.source = l.source AND o.order_id = l.order_id)`;

export const UPSERT_ORDER_CHANGES = `
  WITH latest AS (
    SELECT DISTINCT ON (o.id, l.changed_at::timestamptz, l.action)
      o.id AS order_pk, o.patient_id, l.changed_at::timestamptz AS changed_at, l.action,
      l.new_modality, l.new_procedure, l.reason, l.changed_by
    FROM landing_order_changes l
    JOIN orders o ON o.source = l.source AND o.order_id = l.order_id
    WHERE l.run_id = $1 AND l.error_reason IS NULL
    ORDER BY o.id, l.changed_at::timestamptz, l.action, l.line DESC
  ), upserted AS (
    INSERT INTO order_changes
      (order_pk, changed_at, action, new_modality, new_procedure, reason, changed_by, last_run_id)
    SELECT order_pk, changed_at, action, new_modality, new_procedure, reason, changed_by, $1
    FROM latest
    ON CONFLICT (order_pk, changed_at, action) DO UPDATE SET
      (new_modality, new_procedure, reason, changed_by, last_run_id) = (
        EXCLUDED.new_modality, EXCLUDED.new_procedure, EXCLUDED.reason, EXCLUDED.changed_by,
        EXCLUDED.last_run_id)
      WHERE (order_changes.new_modality, order_changes.new_procedure, order_changes.reason,
             order_changes.changed_by)
        IS DISTINCT FROM (EXCLUDED.new_modality, EXCLUDED.new_procedure, EXCLUDED.reason,
                          EXCLUDED.changed_by)
    RETURNING order_pk
  )
  INSERT INTO touched_patients
  SELECT DISTINCT o.patient_id FROM upserted JOIN orders o ON o.id = upserted.order_pk
  ON CONFLICT DO NOTHING`;

/**
 * The exams' three database checks in one pass over the run's landing rows, where three
 * statements (markUnknownPatientsSql, markUnknownOrdersSql and an UPDATE … FROM orders for the
 * patient) each read every row: the first check a row fails names its error, in the order those
 * statements ran (a patient neither loaded nor known, then an order we do not have, then an
 * order of another patient). Only the failing rows are written, found again by their row address among
 * the run's rows (none in a clean file: the update then reads nothing more).
 */
export const MARK_EXAM_REFERENCES = `
  WITH failing AS MATERIALIZED (
    SELECT e.ctid AS row,
      CASE WHEN p.patient_id IS NULL THEN 'patient_id'
           WHEN o.order_id IS NULL THEN 'order_id'
           ELSE 'patient_id' END AS error_field,
      CASE WHEN p.patient_id IS NULL THEN 'unknown patient'
           WHEN o.order_id IS NULL THEN 'unknown order'
           ELSE 'patient differs from the order''s patient' END AS error_reason
    FROM landing_exams e
    LEFT JOIN patients p ON p.patient_id = e.patient_id
    LEFT JOIN orders o ON o.source = e.source AND o.order_id = e.order_id
    WHERE e.run_id = $1 AND e.error_reason IS NULL
      AND (p.patient_id IS NULL
        OR (e.order_id IS NOT NULL AND (o.order_id IS NULL OR o.patient_id <> e.patient_id)))
  )
  UPDATE landing_exams l SET error_field = f.error_field, error_reason = f.error_reason
  FROM failing f
  WHERE l.run_id = $1 AND l.ctid = f.row`;

const EXAM_COLUMNS = `patient_id, order_pk, performed_at, modality, procedure, body_region,
  ctdivol_mgy, dlp_mgycm, recorded_effective_dose_msv`;

/** Each exam's last line among the run's good landing rows, typed, with its order's key. */
const latestExamsSql = (repeated = true): string => `
    SELECT ${repeated ? 'DISTINCT ON (l.source, l.accession)' : ''}
      l.source, l.accession, l.patient_id, o.id AS order_pk,
      l.performed_at::timestamptz AS performed_at, l.modality, l.procedure, l.body_region,
      l.ctdivol_mgy::numeric AS ctdivol_mgy, l.dlp_mgycm::numeric AS dlp_mgycm,
      l.effective_dose_msv::numeric AS recorded_effective_dose_msv
    FROM landing_exams l
    LEFT JOIN orders o ON o.source = l.source AND o.order_id = l.order_id
    WHERE l.run_id = $1 AND l.error_reason IS NULL
    ${repeated ? 'ORDER BY l.source, l.accession, l.line DESC' : ''}`;

export const UPSERT_EXAMS = `
  WITH latest AS (${latestExamsSql()}
  ), moved AS (
    INSERT INTO touched_patients
    SELECT e.patient_id FROM exams e JOIN latest USING (source, accession)
    WHERE e.patient_id <> latest.patient_id
    ON CONFLICT DO NOTHING
  ), upserted AS (
    INSERT INTO exams (source, accession, ${EXAM_COLUMNS}, last_run_id)
    SELECT source, accession, ${EXAM_COLUMNS}, $1 FROM latest
    ON CONFLICT (source, accession) DO UPDATE SET
      (${EXAM_COLUMNS}, last_run_id) = (
        EXCLUDED.patient_id, EXCLUDED.order_pk, EXCLUDED.performed_at, EXCLUDED.modality,
        EXCLUDED.procedure, EXCLUDED.body_region, EXCLUDED.ctdivol_mgy, EXCLUDED.dlp_mgycm,
        EXCLUDED.recorded_effective_dose_msv, EXCLUDED.last_run_id)
      WHERE (exams.${EXAM_COLUMNS.replace(/,\s*/g, ', exams.')})
        IS DISTINCT FROM (EXCLUDED.${EXAM_COLUMNS.replace(/,\s*/g, ', EXCLUDED.')})
    RETURNING patient_id
  )
  INSERT INTO touched_patients SELECT patient_id FROM upserted ON CONFLICT DO NOTHING`;

/** UPSERT_EXAMS on a first load (no exam yet): a plain INSERT, as insertOrdersFirstLoadSql. */
export const insertExamsFirstLoadSql = (repeated: boolean): string => `
  INSERT INTO exams (source, accession, ${EXAM_COLUMNS}, last_run_id)
  SELECT source, accession, ${EXAM_COLUMNS}, $1 FROM (${latestExamsSql(repeated)}
  ) latest
  ${BY_PATIENT.exams}`;

/** Landing rows of the run: read, errored, warned. */
export const countLandingSql = (table: string): string => `
  SELECT count(*)::int AS read, count(*) FILTER (WHERE error_reason IS NOT NULL)::int AS rejected
  FROM ${table} WHERE run_id = $1`;

/**
 * $1 run id: the load may leave orders not assessed (unassessed_loads, migration
 * 1796000500000). Recorded by every load in its model transaction; the analysis after the load,
 * in the same transaction, removes the row (its orders are all in scope), and a load made
 * without the analysis leaves it for the next analysis, which then looks for never-assessed
 * orders among every order.
 */
export const RECORD_UNASSESSED_LOAD = `INSERT INTO unassessed_loads (run_id) VALUES ($1)
       ON CONFLICT (xact) DO NOTHING`;
