/**
 * The reference module's SQL, run only by ReferenceRepository: the shipped dose coefficients
 * and typical doses (upserted), the versioned appropriateness table and indication groups.
 */

export const UPSERT_DLP_COEFFICIENTS = `INSERT INTO dlp_coefficients (method, body_region, age_years, k_msv_per_mgycm, source)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::numeric[], $5::text[])
         ON CONFLICT (method, body_region, age_years) DO UPDATE
           SET k_msv_per_mgycm = EXCLUDED.k_msv_per_mgycm, source = EXCLUDED.source
           WHERE (dlp_coefficients.k_msv_per_mgycm, dlp_coefficients.source)
                 IS DISTINCT FROM (EXCLUDED.k_msv_per_mgycm, EXCLUDED.source)`;

export const UPSERT_TYPICAL_DOSES = `INSERT INTO typical_doses (modality, body_region, typical_msv, exam, source)
         SELECT * FROM unnest($1::text[], $2::text[], $3::numeric[], $4::text[], $5::text[])
         ON CONFLICT (modality, body_region) DO UPDATE
           SET typical_msv = EXCLUDED.typical_msv, exam = EXCLUDED.exam, source = EXCLUDED.source
           WHERE (typical_doses.typical_msv, typical_doses.exam, typical_doses.source)
                 IS DISTINCT FROM (EXCLUDED.typical_msv, EXCLUDED.exam, EXCLUDED.source)`;

/** $1 content hash. */
export const VERSION_BY_CONTENT_HASH =
  'SELECT version FROM reference_versions WHERE content_hash = $1';

/** $1 content hash, $2 note. */
export const INSERT_REFERENCE_VERSION = `INSERT INTO reference_versions (content_hash, note) VALUES ($1, $2) RETURNING version`;

/** $1 version; $2..$4 the groups' columns as arrays. */
export const INSERT_INDICATION_GROUPS = `INSERT INTO indication_groups
         (reference_version, indication_group, needs_iodinated_contrast, description)
       SELECT $1, * FROM unnest($2::text[], $3::boolean[], $4::text[])`;

/** $1 version; $2..$7 the ratings' columns as arrays (prefixes joined by ";"). */
export const INSERT_APPROPRIATENESS = `INSERT INTO appropriateness
         (reference_version, indication_group, icd10_prefixes, population, modality, rating, basis)
       SELECT $1, g, string_to_array(p, ';'), pop, m, r, b
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
         AS t(g, p, pop, m, r, b)`;

/** The newest reference version (null on an empty database). */
export const LATEST_REFERENCE_VERSION =
  'SELECT max(version)::int AS version FROM reference_versions';

/** $1 version: its indication groups in the columns of indication-groups.csv. */
export const EXPORT_INDICATION_GROUPS = `SELECT indication_group, needs_iodinated_contrast::text AS indicated_exam_needs_iodinated_contrast,
                  coalesce(description, '') AS description
           FROM indication_groups WHERE reference_version = $1 ORDER BY indication_group`;

/** $1 version: its ratings in the columns of appropriateness.csv. */
export const EXPORT_APPROPRIATENESS = `SELECT indication_group, array_to_string(icd10_prefixes, ';') AS icd10_prefixes,
                  population, modality, rating::text AS rating, coalesce(basis, '') AS basis
           FROM appropriateness WHERE reference_version = $1 ORDER BY id`;
