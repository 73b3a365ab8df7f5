/** The admin pages' reads, as named constants with their parameters. */

/** The current (newest) reference version's number. */
export const CURRENT_REFERENCE_VERSION = `
  SELECT max(version)::int AS version FROM reference_versions`;

/** Indication groups of a reference version ($1). */
export const INDICATION_GROUPS_OF_VERSION = `
  SELECT indication_group, needs_iodinated_contrast, coalesce(description, '') AS description
  FROM indication_groups WHERE reference_version = $1 ORDER BY indication_group`;

/** Appropriateness rows of a reference version ($1), in the order they were stored. */
export const APPROPRIATENESS_OF_VERSION = `
  SELECT indication_group, icd10_prefixes, population, modality, rating, coalesce(basis, '') AS basis
  FROM appropriateness WHERE reference_version = $1 ORDER BY id`;

/** Every reference version, newest first. */
export const REFERENCE_VERSIONS = `
  SELECT version, created_at, note, version = max(version) OVER () AS current
  FROM reference_versions ORDER BY version DESC`;

/**
 * One page of rejections for the CSV download: $1 run id (null: every run), $2 the last id
 * written (keyset paging), $3 page size.
 */
export const REJECTIONS_PAGE = `
  SELECT id, run_id, source, entity, file, line, field, severity, reason, raw
  FROM rejections
  WHERE ($1::integer IS NULL OR run_id = $1::integer) AND id > $2::bigint
  ORDER BY id LIMIT $3`;

/** Whether an ingest run ($1) exists. */
export const RUN_EXISTS = `SELECT EXISTS (SELECT 1 FROM ingest_runs WHERE id = $1) AS exists`;

/**
 * After an upload: the run ($1) names the uploaded file ($2) instead of the temporary folder
 * ($3), and its rejections and notes lose that folder's path.
 */
export const NAME_UPLOAD_RUN = `
  UPDATE ingest_runs
     SET target = $2, message = replace(message, $3 || '/', '')
   WHERE id = $1`;
export const NAME_UPLOAD_REJECTIONS = `
  UPDATE rejections SET file = replace(file, $2 || '/', '')
   WHERE run_id = $1 AND file LIKE $2 || '/%'`;

/** The site time zone: the session's, which the server sets from SITE_TIME_ZONE. */
export const SITE_TIME_ZONE = `SELECT current_setting('TimeZone') AS zone`;

/**
 * Ingest runs, newest first: $1 the last id shown (keyset; null: from the newest), $2 how many,
 * $3 only runs of this kind (null: every kind).
 */
export const INGEST_RUNS_PAGE = `SELECT id, source, kind, status, target, files, started_by, message, started_at,
         finished_at, rows_read, rows_loaded, rows_rejected, rows_warned
       FROM ingest_runs
       WHERE ($1::int IS NULL OR id < $1::int) AND ($3::text IS NULL OR kind = $3::text)
       ORDER BY id DESC LIMIT $2`;

/** Rejections in the order found: $1 run id (null: every run), $2 the last id shown (keyset), $3 how many. */
export const REJECTIONS_LIST_PAGE = `SELECT id::text AS id, run_id, file, line, field, reason, raw FROM rejections
         WHERE ($1::int IS NULL OR run_id = $1::int) AND ($2::bigint IS NULL OR id > $2::bigint)
         ORDER BY id LIMIT $3`;

/** How many rejections $1 run (null: every run) has. */
export const REJECTIONS_COUNT = `SELECT count(*)::int AS total FROM rejections WHERE ($1::int IS NULL OR run_id = $1::int)`;

/** The audit trail newest first, keyset on (occurred_at, id): $1 the last id shown (null: from the newest), $2 how many. */
export const AUDIT_EVENTS_PAGE = `SELECT id::text AS id, occurred_at, actor, action, object_type, object_id, details
       FROM audit_events
       WHERE $1::bigint IS NULL
          OR (occurred_at, id) < (SELECT e.occurred_at, e.id FROM audit_events e WHERE e.id = $1::bigint)
       ORDER BY occurred_at DESC, id DESC LIMIT $2`;

/** Every settings version, oldest first. */
export const SETTINGS_VERSIONS = `SELECT version, values, created_by, note, created_at FROM settings_versions ORDER BY version`;
/**
 * A reassessment's run, queued: $1 source (settings | reference), $2 what it follows
 * ("settings version 7: cascade.days 30 → 31"), $3 who started it.
 */
export const INSERT_REASSESSMENT_RUN = `
  INSERT INTO ingest_runs (kind, source, target, started_by, status)
  VALUES ('analyse', $1, $2, $3, 'queued') RETURNING id`;

/** The run ($1) has the model write lock: it runs now. */
export const START_REASSESSMENT_RUN = `
  UPDATE ingest_runs SET status = 'running' WHERE id = $1`;

/** The run ($1) ended well: $2 orders reassessed, $3 what it did in one sentence. */
export const FINISH_REASSESSMENT_RUN = `
  UPDATE ingest_runs
     SET status = 'succeeded', finished_at = now(), rows_read = $2, rows_loaded = $2, message = $3
   WHERE id = $1`;

/** The run ($1) failed with the reason $2. */
export const FAIL_REASSESSMENT_RUN = `
  UPDATE ingest_runs SET status = 'failed', finished_at = now(), message = $2 WHERE id = $1`;

/**
 * Reassessments left queued or running by a process that died (their run lock, namespace $2
 * and the run's id, is not held) are marked failed, naming the run ($1) that noticed.
 */
export const MARK_STALE_REASSESSMENT_RUNS = `
  UPDATE ingest_runs r
     SET status = 'failed', finished_at = now(),
         message = 'interrupted: its process ended before the reassessment finished; marked failed by run '
           || $1::integer::text
   WHERE r.kind = 'analyse' AND r.status IN ('queued', 'running') AND r.id <> $1::integer
     AND NOT EXISTS (
       SELECT 1 FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = $2::integer AND l.objid = r.id AND l.objsubid = 2)`;

/**
 * A change made while a reassessment is still queued joins it instead of queuing another (the
 * queued one reads the settings and reference data only once it runs): $1 what the change is,
 * $2 the run lock namespace (only a run whose process is alive is joined). Returns its id.
 */
export const JOIN_QUEUED_REASSESSMENT = `
  UPDATE ingest_runs r SET target = concat_ws('; ', r.target, $1::text)
   WHERE r.id = (
     SELECT q.id FROM ingest_runs q
      WHERE q.kind = 'analyse' AND q.status = 'queued'
        AND EXISTS (
          SELECT 1 FROM pg_locks l
           WHERE l.locktype = 'advisory' AND l.granted
             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND l.classid = $2::integer AND l.objid = q.id AND l.objsubid = 2)
      ORDER BY q.id LIMIT 1)
     AND r.status = 'queued'
  RETURNING r.id`;
