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

/** Ingest runs, newest first: $1 the last id shown (keyset; null: from the newest), $2 how many. */
export const INGEST_RUNS_PAGE = `SELECT id, source, kind, status, started_at, finished_at, rows_read, rows_loaded,
         rows_rejected, rows_warned
       FROM ingest_runs WHERE ($1::int IS NULL OR id < $1::int)
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
