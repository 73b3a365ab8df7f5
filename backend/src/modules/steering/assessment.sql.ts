import { NON_IONIZING_MODALITIES, sqlTextList } from '../vocabulary/vocabulary.js';
import { icd10ExclusionSql, splitIndicationCodesSql } from './icd10-exclusion.sql.js';

/**
 * The detection method of DESIGN.md section 3 as set-based SQL over the orders in the
 * temporary table assess_scope. Parameters are listed above each statement. The session time
 * zone is SITE_TIME_ZONE, so months and ages are those of the site.
 */
import { bodyRegionPartsSql, procedureBodyRegionSql } from './domain/procedure-body-region.data.js';

export const CREATE_ASSESS_SCOPE = `
  CREATE TEMPORARY TABLE IF NOT EXISTS assess_scope (order_pk bigint PRIMARY KEY)
  ON COMMIT DROP`;

export const SCOPE_TOUCHED_PATIENTS = `
  INSERT INTO assess_scope
  SELECT o.id FROM orders o WHERE o.patient_id IN (SELECT patient_id FROM touched_patients)
  ON CONFLICT DO NOTHING`;

/**
 * Orders whose assessment may be stale without any of their data changing: assessed under other
 * versions ($1 settings, $2 reference, $3 lexicon), or pending long enough to be NOT_PERFORMED
 * now ($4 outcome.not_performed_days; $5 the newest data time, NEWEST_DATA): the newest data
 * moves, and the timeout of BUILD_ASSESS_FACTS follows it. A pending order younger than that
 * keeps its assessment until its patient's data changes, and then its patient is touched (at
 * 10M orders, 42,693 pending orders were assessed again on every delta, five times the delta's
 * own 8,275). $6 is the newest data time of the last analysis (assessment_newest), which
 * assessed again every pending order whose timeout it had reached: only the pending orders
 * whose timeout falls after it are read, by order time (ix_orders_ordered_at_id: a day's orders);
 * without it (NULL) every pending order is probed (ix_order_assessments_pending). Other
 * versions are read through their own index (ix_order_assessments_versions: the versions "<>"
 * as a range below and a range above), not from every assessment: a nightly delta finds the
 * few stale ones without reading the history. Orders never assessed: SCOPE_NEVER_ASSESSED.
 */
export const SCOPE_STALE = `
  INSERT INTO assess_scope
  SELECT a.order_pk FROM orders o
  JOIN order_assessments a ON a.order_pk = o.id
  WHERE a.outcome_modality = 'PENDING'
    -- the timeout of BUILD_ASSESS_FACTS (newest), reached by now and not by the last analysis,
    -- in its own words; then the same as bounds on ordered_at for the index, two hours wider
    -- (days added to a timestamptz follow the session's time zone: a day is 23 to 25 hours)
    AND o.ordered_at + make_interval(days => $4::int) <= $5::timestamptz
    AND o.ordered_at <= $5::timestamptz - make_interval(hours => 24 * $4::int - 2)
    AND ($6::timestamptz IS NULL OR (o.ordered_at + make_interval(days => $4::int) > $6::timestamptz
      AND o.ordered_at > $6::timestamptz - make_interval(hours => 24 * $4::int + 2)))
  UNION ALL
  SELECT a.order_pk FROM order_assessments a
  WHERE (a.settings_version, a.reference_version, a.lexicon_version) < ($1::int, $2::int, $3::text)
     OR (a.settings_version, a.reference_version, a.lexicon_version) > ($1::int, $2::int, $3::text)
  ON CONFLICT DO NOTHING`;

/** The newest data time: the latest order or exam (BUILD_ASSESS_FACTS' newest). */
export const NEWEST_DATA = `
  SELECT greatest((SELECT max(ordered_at) FROM orders), (SELECT max(performed_at) FROM exams))
    AS newest`;

/** The newest data time of the last analysis (see SCOPE_STALE), or no row. */
export const LAST_ANALYSIS_NEWEST = `SELECT newest_at FROM assessment_newest`;

/** Records this analysis' newest data time ($1). */
export const RECORD_ANALYSIS_NEWEST = `
  INSERT INTO assessment_newest (id, newest_at) VALUES (true, $1::timestamptz)
  ON CONFLICT (id) DO UPDATE SET newest_at = EXCLUDED.newest_at`;

/**
 * The loads whose orders may not be assessed (unassessed_loads, migration 1796000500000): every
 * load records itself in its transaction; the analysis after it removes this transaction's own
 * row (FORGET_THIS_LOAD: its orders belong to the touched patients, all in scope) and reads the
 * others, left by loads made without the analysis. Only when there are some does it look for
 * never-assessed orders (SCOPE_NEVER_ASSESSED), then removes the rows it read
 * (FORGET_UNASSESSED_LOADS).
 */
export const FORGET_THIS_LOAD = `DELETE FROM unassessed_loads WHERE xact = pg_current_xact_id()`;

export const UNASSESSED_LOADS = `SELECT xact::text AS xact FROM unassessed_loads`;

export const FORGET_UNASSESSED_LOADS = `DELETE FROM unassessed_loads WHERE xact = ANY ($1::xid8[])`;

/**
 * Orders never assessed: an anti-join of every order with every assessment (O(orders): 2 s at
 * 1M), run only after a load without the analysis (UNASSESSED_LOADS).
 */
export const SCOPE_NEVER_ASSESSED = `
  INSERT INTO assess_scope
  SELECT o.id FROM orders o
  WHERE NOT EXISTS (SELECT 1 FROM order_assessments a WHERE a.order_pk = o.id)
  ON CONFLICT DO NOTHING`;

export const SCOPE_ALL = `INSERT INTO assess_scope SELECT id FROM orders ON CONFLICT DO NOTHING`;

/** Every order into an empty assess_scope (orders.id is unique: nothing to conflict with). */
export const SCOPE_FIRST_ASSESSMENTS = `INSERT INTO assess_scope SELECT id FROM orders`;

/**
 * What an assessment counts toward the monthly rollups (analytics), of order_assessments `a`:
 * the columns of assessment_changes after its sign, in this order.
 */
const COUNTED_COLUMNS = `a.month, a.department_id, a.provider_id, a.indication_group,
    a.population, a.setting, a.band, a.outcome, a.level,
    a.is_opportunity AND a.outcome <> 'PENDING' AND a.exclusion IS NULL,
    a.outcome_modality`;

/**
 * What the assessments of the scope looked like before this run rewrote them: what they count
 * toward the rollups, and assessed_at, which UPSERT_ASSESSMENTS sets to now() whenever it
 * rewrites a row (it writes only rows with a changed column), and SCORE_CASES leaves alone (it
 * sets level and score only). An order whose assessed_at and level are unchanged afterwards
 * changed in no column but its score. The rescored cases outside the scope: relevelled.
 */
export const CREATE_ASSESSED_BEFORE = `
  CREATE TEMPORARY TABLE IF NOT EXISTS assessed_before (
    order_pk bigint PRIMARY KEY, assessed_at timestamptz, month text NOT NULL,
    department_id integer, provider_id text, indication_group text, population text NOT NULL,
    setting text NOT NULL, band text NOT NULL, outcome text NOT NULL, level text,
    assessable boolean NOT NULL, outcome_modality text NOT NULL
  ) ON COMMIT DROP`;

/**
 * `history` (alias `alias`) at each order of assess_scope `s` (`key` = s.order_pk), as FROM
 * items. `keyed` (a delta's few thousand orders in a long history): one index probe per order
 * in scope (LATERAL … OFFSET 0); as a join, the planner hashed the scope against a seq scan of
 * the whole table once the scope held about 1 % of the orders (8,191 of a million: each of five
 * statements read its table whole, 0.5 to 0.9 s apiece). `wide` (a large reassessment): the
 * join, which one scan of the table answers faster than a probe per order. `every` (every order
 * in scope): the table itself.
 */
const scopeRows = (
  form: AssessFactsForm,
  history: 'orders' | 'order_assessments',
  alias: string,
  key: 'id' | 'order_pk',
): string =>
  form === 'keyed'
    ? `assess_scope s CROSS JOIN LATERAL (
    SELECT ${alias}.* FROM ${history} ${alias} WHERE ${alias}.${key} = s.order_pk OFFSET 0
  ) ${alias}`
    : form === 'wide'
      ? `assess_scope s JOIN ${history} ${alias} ON ${alias}.${key} = s.order_pk`
      : `${history} ${alias}`;

/**
 * `table` (with its alias) limited to the orders in scope by its order key `key`, for the
 * joined forms: a join with assess_scope, or for `every` the rows that name an order at all.
 */
const inScope = (form: AssessFactsForm, table: string, key: string): string =>
  form === 'every'
    ? `${table} WHERE ${key} IS NOT NULL`
    : `${table} JOIN assess_scope s ON s.order_pk = ${key}`;

export const snapshotScopeSql = (form: AssessFactsForm): string => `
  INSERT INTO assessed_before
  SELECT a.order_pk, a.assessed_at, ${COUNTED_COLUMNS}
  FROM ${scopeRows(form, 'order_assessments', 'a', 'order_pk')}`;

export const SNAPSHOT_SCOPE = snapshotScopeSql('keyed');
export const SNAPSHOT_SCOPE_WIDE = snapshotScopeSql('wide');

/**
 * The cases whose level SCORE_CASES changed, with the level before: outside the scope (the
 * cases of clinicians whose pattern changed) nothing else of theirs changes, so what they count
 * moves by their level alone (without a snapshot of every such case taken before).
 */
export const CREATE_RELEVELLED = `
  CREATE TEMPORARY TABLE IF NOT EXISTS relevelled (
    order_pk bigint PRIMARY KEY, level_before text
  ) ON COMMIT DROP`;

/**
 * The assessments this run changed, as the rollups count them (COUNTED_COLUMNS): each one it
 * rewrote, re-levelled or removed once with sign -1 (as it was: from the snapshot, or with its
 * level before for a case re-levelled outside the scope), and each one it created, rewrote or
 * re-levelled once with +1 (as it is). The after-analysis steps
 * (the rollups) move their sums by these rows instead of re-reading whole months. Kept only
 * for a scope of a few orders (see AssessmentSummary.changesRecorded).
 */
export const CREATE_ASSESSMENT_CHANGES = `
  CREATE TEMPORARY TABLE IF NOT EXISTS assessment_changes (
    sign int NOT NULL, month text NOT NULL, department_id integer, provider_id text,
    indication_group text, population text NOT NULL, setting text NOT NULL, band text NOT NULL,
    outcome text NOT NULL, level text, assessable boolean NOT NULL, outcome_modality text NOT NULL
  ) ON COMMIT DROP`;

/**
 * The assessments of the snapshot this run rewrote, re-levelled or removed (`b`: as they were).
 * Each assessment is read by its key (LATERAL … OFFSET 0: one index probe per row of the
 * snapshot or the scope); as a join, the planner hashes every assessment once the snapshot
 * holds a few per cent of them (a seq scan of 1M rows for 40k at 1M orders).
 */
const changedBefore = (select: string): string => `
  SELECT ${select} FROM assessed_before b
  LEFT JOIN LATERAL (
    SELECT a.order_pk, a.assessed_at, a.level FROM order_assessments a
    WHERE a.order_pk = b.order_pk OFFSET 0
  ) a ON true
  WHERE a.order_pk IS NULL OR a.assessed_at IS DISTINCT FROM b.assessed_at
     OR a.level IS DISTINCT FROM b.level`;

/** The assessments of `orders` this run created, rewrote or re-levelled (`a`: as they are). */
const changedAfter = (select: string, orders: string): string => `
  SELECT ${select} FROM ${orders} t
  CROSS JOIN LATERAL (
    SELECT a.* FROM order_assessments a WHERE a.order_pk = t.order_pk OFFSET 0
  ) a
  LEFT JOIN assessed_before b ON b.order_pk = a.order_pk
  WHERE b.order_pk IS NULL OR a.assessed_at IS DISTINCT FROM b.assessed_at
     OR a.level IS DISTINCT FROM b.level`;

/** The cases re-levelled outside the scope (`r`), each with its assessment `a`, by key. */
const RELEVELLED_OUTSIDE = `
  FROM relevelled r
  CROSS JOIN LATERAL (
    SELECT a.* FROM order_assessments a WHERE a.order_pk = r.order_pk OFFSET 0
  ) a
  WHERE NOT EXISTS (SELECT 1 FROM assess_scope s WHERE s.order_pk = r.order_pk)`;

/** Fills assessment_changes: the scope's and the re-levelled cases' changes, before and after. */
export const RECORD_ASSESSMENT_CHANGES = `
  INSERT INTO assessment_changes
  ${changedBefore(`-1, b.month, b.department_id, b.provider_id, b.indication_group,
    b.population, b.setting, b.band, b.outcome, b.level, b.assessable, b.outcome_modality`)}
  UNION ALL
  ${changedAfter(`1, ${COUNTED_COLUMNS}`, 'assess_scope')}
  UNION ALL
  SELECT -1, ${COUNTED_COLUMNS.replace('a.level', 'r.level_before')} ${RELEVELLED_OUTSIDE}
  UNION ALL
  SELECT 1, ${COUNTED_COLUMNS} ${RELEVELLED_OUTSIDE}`;

/** The months of the recorded changes (as CHANGED_MONTHS, from assessment_changes). */
export const RECORDED_CHANGE_MONTHS = `SELECT DISTINCT month FROM assessment_changes`;

/**
 * The months of the assessments this run created, rewrote or re-levelled, before and after,
 * when the changes were not recorded (a wide scope, where a probe per order costs more than
 * refreshing the months).
 */
export const CHANGED_MONTHS = `
  ${changedBefore('b.month')}
  UNION
  ${changedAfter('a.month', 'assess_scope')}
  UNION
  SELECT a.month ${RELEVELLED_OUTSIDE}`;

/**
 * CHANGED_MONTHS after the first assessments: every assessment is new, so every month that
 * has one (one read of the table, not a probe per order: 12.9 s against 2.7 s at 1M orders
 * under load).
 */
export const FIRST_ASSESSMENTS_MONTHS = `SELECT DISTINCT month FROM order_assessments`;

/**
 * An order in scope with no text for the lexicon: its comment and indication text are missing
 * or empty and none of its changes gives a reason. The lexicon reads nothing in it, and
 * selectOrderTextsSql leaves it out (`any_reason`: some change of the order gives a reason).
 */
const WITHOUT_TEXT = (anyReason: string): string => `
  coalesce(o.comment, '') = '' AND coalesce(o.indication_text, '') = '' AND NOT ${anyReason}`;

/**
 * The orders in scope `o`, each with its changes `ch` (`changes` as JSON, `any_reason`), as FROM
 * items: keyed, the changes of each order by its key; wide, the scope's changes grouped once
 * (a join, not a subquery per order).
 */
const orderTextsFrom = (form: AssessFactsForm): string => `
  FROM ${scopeRows(form, 'orders', 'o', 'id')}
  LEFT JOIN ${
    form === 'keyed'
      ? `LATERAL (
    SELECT json_agg(json_build_object('action', c.action, 'reason', c.reason)
                    ORDER BY c.changed_at, c.action) AS changes,
      bool_or(coalesce(c.reason, '') <> '') AS any_reason
    FROM order_changes c WHERE c.order_pk = o.id
  ) ch ON true`
      : `(
    SELECT c.order_pk, json_agg(json_build_object('action', c.action, 'reason', c.reason)
                                ORDER BY c.changed_at, c.action) AS changes,
      bool_or(coalesce(c.reason, '') <> '') AS any_reason
    FROM ${inScope(form, 'order_changes c', 'c.order_pk')}
    GROUP BY c.order_pk
  ) ch ON ch.order_pk = o.id`
  }`;

/**
 * The texts the lexicon reads, per order in scope that has any (streamed through a cursor);
 * the others get their facts from textlessFactsSql.
 */
export const selectOrderTextsSql = (form: AssessFactsForm): string => `
  SELECT o.id::text AS order_pk, o.comment, o.indication_text,
    coalesce(ch.changes, '[]'::json) AS changes
  ${orderTextsFrom(form)}
  WHERE NOT (${WITHOUT_TEXT('coalesce(ch.any_reason, false)')})`;

export const SELECT_ORDER_TEXTS = selectOrderTextsSql('keyed');
export const SELECT_ORDER_TEXTS_WIDE = selectOrderTextsSql('wide');

/**
 * The text facts of the orders in scope without text ($1 lexicon version), into $table (the
 * stage, or order_text_facts itself on a first load): what summariseOrderTexts answers for
 * them (no phrase, no code, no reason), set-based instead of through the lexicon.
 */
export const textlessFactsSql = (
  table: 'text_facts_stage' | 'order_text_facts',
  form: AssessFactsForm,
): string => `
  INSERT INTO ${table} (order_pk, dose_phrase, dose_text, negated_by, exclusion_codes,
    exclusion_phrase, non_dose_reason, lexicon_version)
  SELECT o.id, NULL, NULL, NULL, '{}', NULL, NULL, $1
  ${orderTextsFrom(form)}
  WHERE ${WITHOUT_TEXT('coalesce(ch.any_reason, false)')}`;

export const CREATE_TEXT_FACTS_STAGE = `
  CREATE TEMPORARY TABLE IF NOT EXISTS text_facts_stage (
    order_pk bigint PRIMARY KEY, dose_phrase text, dose_text text, negated_by text,
    exclusion_codes text[] NOT NULL, exclusion_phrase text, non_dose_reason text,
    lexicon_version text NOT NULL
  ) ON COMMIT DROP`;

export const UPSERT_TEXT_FACTS = `
  INSERT INTO order_text_facts (order_pk, dose_phrase, dose_text, negated_by, exclusion_codes,
    exclusion_phrase, non_dose_reason, lexicon_version)
  SELECT * FROM text_facts_stage
  ON CONFLICT (order_pk) DO UPDATE SET
    (dose_phrase, dose_text, negated_by, exclusion_codes, exclusion_phrase, non_dose_reason,
     lexicon_version) =
    (EXCLUDED.dose_phrase, EXCLUDED.dose_text, EXCLUDED.negated_by, EXCLUDED.exclusion_codes,
     EXCLUDED.exclusion_phrase, EXCLUDED.non_dose_reason, EXCLUDED.lexicon_version)
  WHERE (order_text_facts.dose_phrase, order_text_facts.dose_text, order_text_facts.negated_by,
         order_text_facts.exclusion_codes, order_text_facts.exclusion_phrase,
         order_text_facts.non_dose_reason, order_text_facts.lexicon_version)
    IS DISTINCT FROM
        (EXCLUDED.dose_phrase, EXCLUDED.dose_text, EXCLUDED.negated_by, EXCLUDED.exclusion_codes,
         EXCLUDED.exclusion_phrase, EXCLUDED.non_dose_reason, EXCLUDED.lexicon_version)`;

/** ('US', 'MR'), written from the vocabulary: the statement text and its plans stay as before. */
const NON_IONIZING = sqlTextList(NON_IONIZING_MODALITIES);

/**
 * How BUILD_ASSESS_FACTS reads the scope's rows from the large tables. `keyed`: one index probe
 * per order in scope (LATERAL … OFFSET 0), for a delta's few thousand orders in a long history;
 * as joins, the planner hashed the scope against a seq scan of every order once the scope held
 * about 1 % of them. `wide`: joins, for a scope holding a large part of the orders (a
 * reassessment after a settings change): at 997,767 orders in scope the probes cost 64 s into
 * exams, 84 s into order_dose and 17 s into order_text_facts, which a scan and a hash or sort
 * of each table does in a few seconds. `every`: the scope is every order (the first
 * assessments, `analyse --all`), so the tables are read without joining it. All three give the
 * same rows.
 */
export type AssessFactsForm = 'keyed' | 'wide' | 'every';

/** The scope's share of the orders at or above which the analysis reads it as joins. */
export const WIDE_SCOPE_SHARE = 0.1;

/**
 * Everything the case rules need, one row per order in scope, into the temporary table
 * assess_facts. $1 reference version, $2 not-performed days, $3 cascade days.
 */
export const assessFactsSql = (form: AssessFactsForm): string => `
  CREATE TEMPORARY TABLE assess_facts ON COMMIT DROP AS
  WITH newest AS MATERIALIZED (
    -- once: inlined, each of its five uses is its own scan of every exam
    SELECT greatest((SELECT max(ordered_at) FROM orders), (SELECT max(performed_at) FROM exams)) AS at
  ), ratings AS (
    SELECT indication_group, population, modality, rating FROM appropriateness
    WHERE reference_version = $1
  ), prefixes AS (
    SELECT DISTINCT indication_group, unnest(icd10_prefixes) AS prefix FROM appropriateness
    WHERE reference_version = $1
  ), scoped AS MATERIALIZED (
    -- the scope's orders and patients read once: ${
      form === 'keyed'
        ? `each by its key (LATERAL … OFFSET 0: one
    -- index probe per order in scope); as joins, the planner hashed the scope against a seq
    -- scan of every order (twice: here and in base) once the scope held about 1 % of them
    SELECT o.* FROM assess_scope s
    CROSS JOIN LATERAL (
      SELECT o.id, o.patient_id, o.provider_id, o.department_id, o.ordered_at, o.requested_modality,
        o.requested_procedure, o.setting, o.egfr, o.contrast_allergy, o.dose_alert_shown,
        o.pregnancy_status, o.indication_code, p.birth_date
      FROM orders o JOIN patients p ON p.patient_id = o.patient_id
      WHERE o.id = s.order_pk OFFSET 0
    ) o`
        : `joined (most of the orders are in scope)
    SELECT o.id, o.patient_id, o.provider_id, o.department_id, o.ordered_at,
      o.requested_modality, o.requested_procedure, o.setting, o.egfr, o.contrast_allergy, o.dose_alert_shown,
      o.pregnancy_status, o.indication_code, p.birth_date
    FROM ${scopeRows(form, 'orders', 'o', 'id')}
    JOIN patients p ON p.patient_id = o.patient_id`
    }
  ), indications AS (
    -- the indication codes are read once per distinct indication, not per order: a hospital
    -- writes a few thousand distinct indications for a million orders (1,516 at 997,767), and
    -- the prefix match, the exclusion patterns and the split are functions of the text alone
    SELECT DISTINCT indication_code FROM scoped WHERE indication_code IS NOT NULL
  ), codes AS (
    SELECT i.indication_code, c.code, c.position
    FROM indications i,
    LATERAL unnest(${splitIndicationCodesSql('i.indication_code')})
      WITH ORDINALITY AS c(code, position)
    WHERE c.code <> ''
  ), grouped AS (
    -- the primary code decides; a secondary code only when the primary maps to nothing
    SELECT DISTINCT ON (codes.indication_code) codes.indication_code, prefixes.indication_group
    FROM codes JOIN prefixes ON codes.code LIKE prefixes.prefix || '%'
    ORDER BY codes.indication_code, codes.position, length(prefixes.prefix) DESC,
      prefixes.indication_group
  ), code_flags AS (
    SELECT indication_code,
      bool_or(${icd10ExclusionSql('PREGNANCY')}) AS pregnancy_code,
      bool_or(${icd10ExclusionSql('CONTRAST_ALLERGY')}) AS contrast_allergy_code,
      bool_or(${icd10ExclusionSql('RENAL_IMPAIRMENT')}) AS renal_code,
      bool_or(${icd10ExclusionSql('PATIENT_REFUSAL')}) AS refusal_code
    FROM codes GROUP BY indication_code
  ), procedures AS (
    -- likewise the body region a requested procedure names (twelve case-insensitive patterns):
    -- once per distinct procedure text; a NULL procedure names none and joins no row
    SELECT requested_procedure,
      ${procedureBodyRegionSql('requested_procedure')} AS requested_region
    FROM (SELECT DISTINCT requested_procedure FROM scoped
          WHERE requested_procedure IS NOT NULL) p
  ), base AS (
    SELECT o.id AS order_pk, o.patient_id, o.provider_id, o.department_id, o.ordered_at,
      o.requested_modality,
      o.requested_procedure, procedures.requested_region,
      coalesce(o.setting, 'UNKNOWN') AS setting, o.egfr, o.contrast_allergy, o.dose_alert_shown,
      o.pregnancy_status, to_char(o.ordered_at, 'YYYY-MM') AS month,
      grouped.indication_group, coalesce(ig.needs_iodinated_contrast, false) AS needs_contrast,
      coalesce(cf.pregnancy_code, false) AS pregnancy_code,
      coalesce(cf.contrast_allergy_code, false) AS contrast_allergy_code,
      coalesce(cf.renal_code, false) AS renal_code,
      coalesce(cf.refusal_code, false) AS refusal_code,
      CASE
        WHEN o.pregnancy_status = 'PREGNANT' OR coalesce(cf.pregnancy_code, false) THEN 'PREGNANT'
        WHEN age(o.ordered_at::date, o.birth_date) < interval '18 years' THEN 'PEDIATRIC'
        ELSE 'ADULT'
      END AS population
    FROM scoped o
    LEFT JOIN grouped ON grouped.indication_code = o.indication_code
    LEFT JOIN code_flags cf ON cf.indication_code = o.indication_code
    LEFT JOIN procedures ON procedures.requested_procedure = o.requested_procedure
    LEFT JOIN indication_groups ig
      ON ig.reference_version = $1 AND ig.indication_group = grouped.indication_group
  ), rated_populations AS (
    SELECT DISTINCT indication_group, population FROM ratings
  ), rated AS (
    SELECT base.*,
      -- a group with no rows for the population falls back to its ADULT rows (a join, not a
      -- per-order EXISTS over the ratings)
      CASE WHEN rp.population IS NOT NULL THEN base.population ELSE 'ADULT' END
        AS rating_population
    FROM base
    LEFT JOIN rated_populations rp
      ON rp.indication_group = base.indication_group AND rp.population = base.population
  ), tops AS (
    -- the top ratings of each rated group and population (an order joins its pair's row)
    SELECT r.indication_group, r.population,
      max(r.rating) AS top_rating,
      max(r.rating) FILTER (WHERE r.modality NOT IN ${NON_IONIZING}) AS top_ionizing_rating
    FROM ratings r
    GROUP BY r.indication_group, r.population
  ), outcomes AS (
    SELECT rated.*,
      coalesce(tops.top_ionizing_rating >= 7 AND tops.top_ionizing_rating = tops.top_rating, false)
        AS is_opportunity,
      exam.id AS exam_id, exam.modality AS exam_modality, exam.performed_at AS exam_at,
      last_change.action AS change_action, last_change.new_modality AS change_modality,
      last_change.changed_at AS change_at, last_change.reason AS change_reason,
      first_change.changed_at AS first_change_at,
      CASE
        WHEN exam.modality IS NOT NULL THEN exam.modality
        WHEN last_change.action = 'CANCEL' THEN 'CANCELLED'
        WHEN last_change.action = 'MODALITY_CHANGE' THEN last_change.new_modality
        WHEN rated.ordered_at + make_interval(days => $2::int) <= newest.at THEN 'NOT_PERFORMED'
        ELSE 'PENDING'
      END AS outcome_modality,
      CASE
        WHEN exam.modality IS NOT NULL THEN 'exam'
        WHEN last_change.action IS NOT NULL THEN 'change'
        WHEN rated.ordered_at + make_interval(days => $2::int) <= newest.at THEN 'timeout'
        ELSE 'none'
      END AS outcome_event,
      CASE
        WHEN exam.modality IS NOT NULL THEN exam.performed_at
        WHEN last_change.action IS NOT NULL THEN last_change.changed_at
        WHEN rated.ordered_at + make_interval(days => $2::int) <= newest.at
          THEN rated.ordered_at + make_interval(days => $2::int)
      END AS outcome_at
    FROM rated
    CROSS JOIN newest
    LEFT JOIN tops
      ON tops.indication_group = rated.indication_group
     AND tops.population = rated.rating_population
    ${
      form === 'keyed'
        ? `LEFT JOIN LATERAL (
      SELECT e.id, e.modality, e.performed_at FROM exams e
      WHERE e.order_pk = rated.order_pk ORDER BY e.performed_at DESC, e.id DESC LIMIT 1
    ) exam ON true
    LEFT JOIN LATERAL (
      SELECT c.action, c.new_modality, c.changed_at, c.reason FROM order_changes c
      WHERE c.order_pk = rated.order_pk ORDER BY c.changed_at DESC, c.action LIMIT 1
    ) last_change ON true
    LEFT JOIN LATERAL (
      SELECT c.changed_at FROM order_changes c
      WHERE c.order_pk = rated.order_pk ORDER BY c.changed_at, c.action LIMIT 1
    ) first_change ON true`
        : `LEFT JOIN (
      -- the same rows as the keyed form's LIMIT 1 per order, for every order at once
      SELECT DISTINCT ON (e.order_pk) e.order_pk, e.id, e.modality, e.performed_at
      FROM ${inScope(form, 'exams e', 'e.order_pk')}
      ORDER BY e.order_pk, e.performed_at DESC, e.id DESC
    ) exam ON exam.order_pk = rated.order_pk
    LEFT JOIN (
      SELECT DISTINCT ON (c.order_pk) c.order_pk, c.action, c.new_modality, c.changed_at,
        c.reason
      FROM ${inScope(form, 'order_changes c', 'c.order_pk')}
      ORDER BY c.order_pk, c.changed_at DESC, c.action
    ) last_change ON last_change.order_pk = rated.order_pk
    LEFT JOIN (
      SELECT DISTINCT ON (c.order_pk) c.order_pk, c.changed_at
      FROM ${inScope(form, 'order_changes c', 'c.order_pk')}
      ORDER BY c.order_pk, c.changed_at, c.action
    ) first_change ON first_change.order_pk = rated.order_pk`
    }
  ), classified AS (
    SELECT outcomes.*,
      requested.rating AS requested_rating,
      outcome_rating.rating AS outcome_rating,
      CASE
        WHEN outcomes.indication_group IS NULL THEN 'UNMAPPED'
        WHEN NOT outcomes.is_opportunity THEN 'NOT_OPPORTUNITY'
        WHEN outcomes.outcome_modality = 'PENDING' THEN 'PENDING'
        WHEN outcomes.outcome_modality IN ('CANCELLED', 'NOT_PERFORMED') THEN 'DOWNGRADED'
        WHEN coalesce(outcome_rating.rating, 1) >= 7
          AND outcomes.outcome_modality NOT IN ${NON_IONIZING} THEN 'KEPT'
        WHEN coalesce(outcome_rating.rating, 1) >= 7 THEN 'SUBSTITUTED'
        ELSE 'DOWNGRADED'
      END AS outcome
    FROM outcomes
    LEFT JOIN ratings requested
      ON requested.indication_group = outcomes.indication_group
     AND requested.population = outcomes.rating_population
     AND requested.modality = outcomes.requested_modality
    LEFT JOIN ratings outcome_rating
      ON outcome_rating.indication_group = outcomes.indication_group
     AND outcome_rating.population = outcomes.rating_population
     AND outcome_rating.modality = outcomes.outcome_modality
  )
  SELECT classified.*,
    coalesce(classified.requested_rating, 1) AS requested_rating_or_1,
    coalesce(d.band, 'LOW') AS band, d.ced_5y_msv, d.ced_12m_msv, d.prior_ct_12m,
    d.unknown_dose_5y,
    t.dose_phrase, t.dose_text, t.negated_by, coalesce(t.exclusion_codes, '{}') AS text_exclusions,
    t.exclusion_phrase, t.non_dose_reason,
    cascade.accession AS cascade_accession, cascade.performed_at AS cascade_at,
    cascade.body_region AS cascade_region
  FROM classified
  ${
    form === 'keyed'
      ? `-- by key, as scoped: as joins, merge joins that walk the whole primary key of each
  LEFT JOIN LATERAL (
    SELECT d.band, d.ced_5y_msv, d.ced_12m_msv, d.prior_ct_12m, d.unknown_dose_5y
    FROM order_dose d WHERE d.order_pk = classified.order_pk OFFSET 0
  ) d ON true
  LEFT JOIN LATERAL (
    SELECT t.dose_phrase, t.dose_text, t.negated_by, t.exclusion_codes, t.exclusion_phrase,
      t.non_dose_reason
    FROM order_text_facts t WHERE t.order_pk = classified.order_pk OFFSET 0
  ) t ON true`
      : `LEFT JOIN order_dose d ON d.order_pk = classified.order_pk
  LEFT JOIN order_text_facts t ON t.order_pk = classified.order_pk`
  }
  LEFT JOIN LATERAL (
    -- E5: an exam of the originally requested modality and body region within the cascade
    -- window after the substitute exam or the cancellation (not the order's own exam). The
    -- request's region is read from its procedure text; an exam matches when its region
    -- overlaps it or its procedure is the requested one; a request that names no region is
    -- matched on the modality alone (and its explanation says so).
    SELECT e.accession, e.performed_at, e.body_region FROM exams e
    WHERE classified.outcome IN ('SUBSTITUTED', 'DOWNGRADED')
      AND classified.outcome_at IS NOT NULL
      AND e.patient_id = classified.patient_id
      AND e.modality = classified.requested_modality
      AND e.performed_at > classified.outcome_at
      AND e.performed_at <= classified.outcome_at + make_interval(days => $3::int)
      AND e.id IS DISTINCT FROM classified.exam_id
      AND NOT e.is_qa
      AND (classified.requested_region IS NULL
           OR lower(e.procedure) = lower(classified.requested_procedure)
           OR ${bodyRegionPartsSql('e.body_region')}
              && ${bodyRegionPartsSql('classified.requested_region')})
    ORDER BY e.performed_at LIMIT 1
  ) cascade ON true`;

/** The facts of a delta's scope, read by key (see AssessFactsForm). */
export const BUILD_ASSESS_FACTS = assessFactsSql('keyed');

/** The facts of a scope holding most of the orders, read by joins (see AssessFactsForm). */
export const BUILD_ASSESS_FACTS_WIDE = assessFactsSql('wide');

/** The facts of every order, the tables read whole (see AssessFactsForm). */
export const BUILD_ASSESS_FACTS_EVERY = assessFactsSql('every');

/** An interval as a reviewer reads it: "45 min", "3 h", "3.5 h", "12 days". */
const humanInterval = (expression: string): string => `
  (SELECT CASE
     WHEN seconds < 3600 THEN round(seconds / 60) || ' min'
     WHEN seconds < 172800 THEN trim_scale(round(seconds / 3600, 1)) || ' h'
     ELSE round(seconds / 86400) || ' days'
   END FROM (SELECT extract(epoch FROM (${expression}))::numeric AS seconds) AS elapsed)`;

/**
 * Exclusions, signals and the case-level rule, from assess_facts.
 * Writes order_assessments (level and score are set by SCORE_CASES).
 * $1 settings version, $2 reference version, $3 lexicon version, $4 level.at_entry_probable:
 * when true, a HIGH-band order placed at entry for a modality rated <= 6 with no recognised
 * non-dose reason is a PROBABLE candidate (the clinician gate of SCORE_CASES decides, as for a
 * switch after the order); when false, or with such a reason, it is POSSIBLE (DESIGN section 3).
 */
export const upsertAssessmentsSql = (into: 'filled' | 'empty'): string => `
  WITH judged AS (
    SELECT f.*,
      f.outcome IN ('SUBSTITUTED', 'DOWNGRADED') AS away,
      CASE
        WHEN f.population = 'PREGNANT' OR 'PREGNANCY' = ANY (f.text_exclusions) THEN 'PREGNANCY'
        WHEN f.refusal_code OR 'PATIENT_REFUSAL' = ANY (f.text_exclusions) THEN 'PATIENT_REFUSAL'
        WHEN f.needs_contrast AND (f.contrast_allergy IS TRUE OR f.contrast_allergy_code
             OR 'CONTRAST_ALLERGY' = ANY (f.text_exclusions)) THEN 'CONTRAST_ALLERGY'
        WHEN f.needs_contrast AND (f.egfr < 30 OR f.renal_code
             OR 'RENAL_IMPAIRMENT' = ANY (f.text_exclusions)) THEN 'RENAL_IMPAIRMENT'
        WHEN 'BETTER_TEST' = ANY (f.text_exclusions) THEN 'BETTER_TEST'
        WHEN 'PRIOR_RESULT' = ANY (f.text_exclusions) THEN 'PRIOR_RESULT'
      END AS exclusion
    FROM assess_facts f
  ), detailed AS (
    SELECT judged.*,
      CASE judged.exclusion
        WHEN 'PREGNANCY' THEN CASE
          WHEN judged.pregnancy_status = 'PREGNANT' THEN 'pregnancy status PREGNANT'
          WHEN judged.pregnancy_code THEN 'pregnancy code in the indication'
          ELSE format('text: "%s"', (string_to_array(judged.exclusion_phrase, ' | '))[
            array_position(judged.text_exclusions, judged.exclusion)]) END
        WHEN 'PATIENT_REFUSAL' THEN CASE
          WHEN judged.refusal_code THEN 'code Z53.2x (procedure not carried out: patient decision)'
          ELSE format('text: "%s"', (string_to_array(judged.exclusion_phrase, ' | '))[
            array_position(judged.text_exclusions, judged.exclusion)]) END
        WHEN 'CONTRAST_ALLERGY' THEN CASE
          WHEN judged.contrast_allergy IS TRUE THEN 'contrast allergy recorded on the order'
          WHEN judged.contrast_allergy_code THEN 'code Z91.041 (contrast allergy)'
          ELSE format('text: "%s"', (string_to_array(judged.exclusion_phrase, ' | '))[
            array_position(judged.text_exclusions, judged.exclusion)]) END
          || format('; %s needs iodinated contrast', judged.indication_group)
        WHEN 'RENAL_IMPAIRMENT' THEN CASE
          WHEN judged.egfr < 30 THEN format('eGFR %s < 30', judged.egfr)
          WHEN judged.renal_code THEN 'renal impairment code in the indication'
          ELSE format('text: "%s"', (string_to_array(judged.exclusion_phrase, ' | '))[
            array_position(judged.text_exclusions, judged.exclusion)]) END
          || format('; %s needs iodinated contrast', judged.indication_group)
        ELSE format('text: "%s"', (string_to_array(judged.exclusion_phrase, ' | '))[
            array_position(judged.text_exclusions, judged.exclusion)])
      END AS exclusion_detail,
      judged.away AND judged.dose_phrase IS NOT NULL AS e1,
      judged.away AND judged.requested_modality NOT IN ${NON_IONIZING}
        AND judged.requested_rating_or_1 >= 7 AND judged.first_change_at IS NOT NULL AS e2,
      judged.away AND judged.band = 'HIGH' AS e3,
      judged.away AND judged.dose_alert_shown IS TRUE AS e4,
      judged.away AND judged.cascade_accession IS NOT NULL AS e5,
      judged.away AND judged.requested_rating_or_1 <= 6 AND judged.first_change_at IS NULL
        AS at_entry
    FROM judged
  ), leveled AS (
    SELECT detailed.*,
      CASE
        WHEN NOT detailed.away THEN NULL
        WHEN detailed.exclusion IS NOT NULL THEN 'EXCLUDED'
        WHEN detailed.outcome = 'DOWNGRADED' AND detailed.e1 THEN 'DOCUMENTED'
        WHEN detailed.outcome = 'DOWNGRADED' AND detailed.e2 AND (detailed.e3 OR detailed.e4)
          AND detailed.non_dose_reason IS NULL THEN 'PROBABLE'
        WHEN detailed.outcome = 'DOWNGRADED' AND detailed.at_entry AND detailed.e3
          AND $4::boolean AND detailed.non_dose_reason IS NULL THEN 'PROBABLE'
        WHEN detailed.outcome = 'DOWNGRADED' AND detailed.at_entry AND detailed.e3 THEN 'POSSIBLE'
        WHEN detailed.outcome = 'SUBSTITUTED' AND detailed.e1 THEN 'POSSIBLE'
      END AS case_level
    FROM detailed
  ), stored AS (
    INSERT INTO order_assessments (order_pk, provider_id, department_id, month, indication_group,
      population, setting, is_opportunity, requested_rating, outcome_modality, outcome_rating, outcome_event,
      outcome_at, outcome, band, exclusion, exclusion_detail, non_dose_reason, case_level,
      settings_version, reference_version, lexicon_version)
    SELECT order_pk, provider_id, department_id, month, indication_group, population, setting,
      is_opportunity, requested_rating, outcome_modality, outcome_rating, outcome_event, outcome_at, outcome, band,
      exclusion, CASE WHEN exclusion IS NOT NULL THEN exclusion_detail END, non_dose_reason,
      case_level, $1, $2, $3
    FROM leveled${into === 'empty' ? BY_ORDER : ASSESSMENT_CHANGED}
  ), signals AS (
    SELECT order_pk, 'E1' AS code,
      format('dose rationale in text: "%s" (in %s)', dose_phrase, dose_text) AS explanation,
      jsonb_build_object('phrase', dose_phrase, 'text', dose_text) AS inputs
    FROM leveled WHERE e1
    UNION ALL
    SELECT order_pk, 'E2',
      CASE WHEN change_action = 'CANCEL'
        THEN format('cancelled the %s order %s after it was placed; reason: %s', requested_modality,
                    ${humanInterval('change_at - ordered_at')},
                    coalesce('"' || change_reason || '"', 'none given'))
        ELSE format('changed %s→%s %s after order; reason: %s', requested_modality,
                    coalesce(change_modality, outcome_modality),
                    ${humanInterval('coalesce(change_at, first_change_at) - ordered_at')},
                    coalesce('"' || change_reason || '"', 'none given'))
      END,
      jsonb_build_object('requested', requested_modality, 'requested_rating', requested_rating,
        'outcome', outcome_modality, 'outcome_rating', outcome_rating, 'action', change_action,
        'changed_at', change_at, 'reason', change_reason)
    FROM leveled WHERE e2
    UNION ALL
    SELECT order_pk, 'E3',
      format('CED 5 y %s mSv, 12 months %s mSv, %s CT in 12 months (HIGH)%s',
             round(ced_5y_msv, 1), round(ced_12m_msv, 1), prior_ct_12m,
             CASE WHEN unknown_dose_5y > 0
                  THEN format('; %s prior exam(s) of unknown dose not counted', unknown_dose_5y)
                  ELSE '' END),
      jsonb_build_object('ced_5y_msv', ced_5y_msv, 'ced_12m_msv', ced_12m_msv,
        'prior_ct_12m', prior_ct_12m, 'unknown_dose_5y', unknown_dose_5y, 'band', band)
    FROM leveled WHERE e3
    UNION ALL
    SELECT order_pk, 'E4', 'a dose alert was shown when the order was placed',
      jsonb_build_object('dose_alert_shown', true)
    FROM leveled WHERE e4
    UNION ALL
    SELECT order_pk, 'E5',
      format('%s%s performed %s after the %s (%s)',
             requested_modality,
             CASE WHEN cascade_region IS NOT NULL THEN ' ' || cascade_region ELSE '' END,
             ${humanInterval('cascade_at - outcome_at')},
             CASE WHEN outcome_modality IN ('CANCELLED', 'NOT_PERFORMED')
                  THEN lower(replace(outcome_modality, '_', ' ')) || ' order'
                  ELSE outcome_modality || ' substitute' END,
             CASE WHEN requested_region IS NOT NULL
                  THEN format('the originally requested modality and body region, %s', requested_region)
                  ELSE 'the originally requested modality; the request names no body region' END),
      jsonb_build_object('accession', cascade_accession, 'performed_at', cascade_at,
        'body_region', cascade_region, 'requested_region', requested_region)
    FROM leveled WHERE e5
  )${into === 'empty' ? '' : SIGNALS_REMOVED}
  INSERT INTO order_signals (order_pk, code, explanation, inputs)
  SELECT order_pk, code, explanation, inputs FROM signals${into === 'empty' ? `${BY_ORDER}, code` : SIGNALS_CHANGED}`;

/**
 * The tail of the assessments' and signals' inserts into empty tables (a first load): in the
 * order of the orders, which a first load numbers by patient (BY_PATIENT in the normaliser), so
 * a delta finds a patient's assessments on one page, as it finds the patient's orders and
 * doses. In the order the facts came out, the 1M bench's delta patients had 5,191 assessments
 * on 4,462 pages (their orders: 2,145) and 1,160 signals on 996 pages, each a read by key.
 */
const BY_ORDER = `
    ORDER BY order_pk`;

/**
 * The tail of the assessments' insert into a filled order_assessments: a row is rewritten only
 * when a column changed (assessed_at then moves to now()).
 */
const ASSESSMENT_CHANGED = `
    ON CONFLICT (order_pk) DO UPDATE SET
      (provider_id, department_id, month, indication_group, population, setting, is_opportunity,
       requested_rating, outcome_modality, outcome_rating, outcome_event, outcome_at, outcome,
       band, exclusion, exclusion_detail, non_dose_reason, case_level, settings_version,
       reference_version, lexicon_version, assessed_at) =
      (EXCLUDED.provider_id, EXCLUDED.department_id, EXCLUDED.month, EXCLUDED.indication_group,
       EXCLUDED.population, EXCLUDED.setting, EXCLUDED.is_opportunity, EXCLUDED.requested_rating,
       EXCLUDED.outcome_modality, EXCLUDED.outcome_rating, EXCLUDED.outcome_event,
       EXCLUDED.outcome_at, EXCLUDED.outcome, EXCLUDED.band, EXCLUDED.exclusion,
       EXCLUDED.exclusion_detail, EXCLUDED.non_dose_reason, EXCLUDED.case_level,
       EXCLUDED.settings_version, EXCLUDED.reference_version, EXCLUDED.lexicon_version, now())
    WHERE (order_assessments.provider_id, order_assessments.department_id, order_assessments.month,
           order_assessments.indication_group, order_assessments.population,
           order_assessments.setting, order_assessments.is_opportunity,
           order_assessments.requested_rating, order_assessments.outcome_modality,
           order_assessments.outcome_rating, order_assessments.outcome_event,
           order_assessments.outcome_at, order_assessments.outcome, order_assessments.band,
           order_assessments.exclusion, order_assessments.exclusion_detail,
           order_assessments.non_dose_reason, order_assessments.case_level,
           order_assessments.settings_version, order_assessments.reference_version,
           order_assessments.lexicon_version)
      IS DISTINCT FROM
          (EXCLUDED.provider_id, EXCLUDED.department_id, EXCLUDED.month,
           EXCLUDED.indication_group, EXCLUDED.population, EXCLUDED.setting,
           EXCLUDED.is_opportunity, EXCLUDED.requested_rating,
           EXCLUDED.outcome_modality, EXCLUDED.outcome_rating, EXCLUDED.outcome_event,
           EXCLUDED.outcome_at, EXCLUDED.outcome, EXCLUDED.band, EXCLUDED.exclusion,
           EXCLUDED.exclusion_detail, EXCLUDED.non_dose_reason, EXCLUDED.case_level,
           EXCLUDED.settings_version, EXCLUDED.reference_version, EXCLUDED.lexicon_version)`;

/** A filled order_signals: the E signals an order no longer has are deleted. */
const SIGNALS_REMOVED = `, removed AS (
    DELETE FROM order_signals s
    USING assess_facts f
    WHERE s.order_pk = f.order_pk AND s.code LIKE 'E%'
      AND NOT EXISTS (SELECT 1 FROM signals WHERE signals.order_pk = s.order_pk
                      AND signals.code = s.code)
  )`;

/** A filled order_signals: a signal is rewritten only when its text or inputs changed. */
const SIGNALS_CHANGED = `
  ON CONFLICT (order_pk, code) DO UPDATE SET explanation = EXCLUDED.explanation,
    inputs = EXCLUDED.inputs
  WHERE (order_signals.explanation, order_signals.inputs)
    IS DISTINCT FROM (EXCLUDED.explanation, EXCLUDED.inputs)`;

/** Assessments and E signals of assess_facts, into tables holding earlier ones. */
export const UPSERT_ASSESSMENTS = upsertAssessmentsSql('filled');

/**
 * The same into an empty order_assessments and order_signals (a first load, both locked so:
 * emptyForFirstLoad): plain inserts, without the speculative insertion of ON CONFLICT and the
 * delete of signals, which have nothing to meet there.
 */
export const INSERT_ASSESSMENTS = upsertAssessmentsSql('empty');

/**
 * Away-switch counts per clinician, stratum and band, for the Mantel–Haenszel analysis: the
 * assessments that count (a decided opportunity, not excluded, in the HIGH or LOW band), read
 * from provider_pattern_counts, which the analysis keeps equal to counting them over every
 * assessment (COLLECT_PATTERN_DELTA, APPLY_PATTERN_DELTA), so a delta does not read the history.
 * Each clinician's strata together (read through a cursor, a clinician at a time), one row per
 * clinician and stratum with both bands: provider id, stratum, then away and total in the HIGH
 * band and in the LOW band (NULL where the stratum has no row in that band). patternCountRows
 * gives back the PatternCountRows, HIGH before LOW as the rows' order by band. Read as arrays:
 * node-postgres builds an object per row at about 3 µs a row, half as many rows (313,726 count
 * rows at 10M orders).
 * $1 = count every away-switch (level.pattern_counts_explained_switches); when false, only the
 * unexplained decisions: a switch with a recognised non-dose reason (scanner down, negated dose
 * talk) is explained, and an order that lapsed with no change, cancellation or exam
 * (outcome by timeout) records no decision; both carry no information on the clinician's motive
 * and only add noise, in the same way to every band. Both counts are kept, so changing the
 * setting needs no recount.
 */
export const PATTERN_COUNTS = `
  SELECT provider_id, indication_group || '|' || population || '|' || setting AS stratum,
    max(CASE WHEN $1::boolean THEN away ELSE away_unexplained END) FILTER (WHERE band = 'HIGH'),
    max(total) FILTER (WHERE band = 'HIGH'),
    max(CASE WHEN $1::boolean THEN away ELSE away_unexplained END) FILTER (WHERE band = 'LOW'),
    max(total) FILTER (WHERE band = 'LOW')
  FROM provider_pattern_counts
  GROUP BY provider_id, indication_group, population, setting
  ORDER BY provider_id, indication_group, population, setting`;

/** One row of PATTERN_COUNTS as it comes (rowMode 'array'). */
export type PatternCountsRow = [
  providerId: string,
  stratum: string,
  highAway: number | null,
  highTotal: number | null,
  lowAway: number | null,
  lowTotal: number | null,
];

/** The site's LOW-band sums per stratum (siteLowCounts in SQL); $1 as PATTERN_COUNTS. */
export const SITE_LOW_COUNTS = `
  SELECT indication_group || '|' || population || '|' || setting AS stratum,
    sum(CASE WHEN $1::boolean THEN away ELSE away_unexplained END)::float8 AS away,
    sum(total)::float8 AS total
  FROM provider_pattern_counts
  WHERE band = 'LOW'
  GROUP BY indication_group, population, setting`;

export const CREATE_PATTERN_COUNT_DELTA = `
  CREATE TEMPORARY TABLE IF NOT EXISTS pattern_count_delta (
    provider_id text NOT NULL, indication_group text NOT NULL, population text NOT NULL,
    setting text NOT NULL, band text NOT NULL, away int NOT NULL, away_unexplained int NOT NULL,
    total int NOT NULL
  ) ON COMMIT DROP`;

/**
 * What the assessments of the orders in scope count toward the clinician patterns, times $1:
 * -1 before UPSERT_ASSESSMENTS rewrites them, +1 after (no other statement changes a counted
 * column of order_assessments). The one definition of the counted rows and of their key.
 */
export const collectPatternDeltaSql = (form: AssessFactsForm): string => `
  INSERT INTO pattern_count_delta
  SELECT coalesce(a.provider_id, ''), a.indication_group, a.population, a.setting, a.band,
    $1::int * count(*) FILTER (WHERE a.outcome IN ('SUBSTITUTED', 'DOWNGRADED'))::int,
    $1::int * count(*) FILTER (WHERE a.outcome IN ('SUBSTITUTED', 'DOWNGRADED')
      AND a.non_dose_reason IS NULL AND a.outcome_event <> 'timeout')::int,
    $1::int * count(*)::int
  FROM ${scopeRows(form, 'order_assessments', 'a', 'order_pk')}
  WHERE a.is_opportunity AND a.outcome <> 'PENDING' AND a.exclusion IS NULL
    AND a.band IN ('HIGH', 'LOW')
  GROUP BY 1, 2, 3, 4, 5`;

export const COLLECT_PATTERN_DELTA = collectPatternDeltaSql('keyed');
export const COLLECT_PATTERN_DELTA_WIDE = collectPatternDeltaSql('wide');

/**
 * provider_pattern_counts from scratch, counted over every assessment (the same definition as
 * COLLECT_PATTERN_DELTA), after CLEAR_PATTERN_COUNTS: on `analyse --all`, and to repair counts
 * written around the analysis.
 */
export const CLEAR_PATTERN_COUNTS = `DELETE FROM provider_pattern_counts`;

export const REBUILD_PATTERN_COUNTS = `
  INSERT INTO provider_pattern_counts
    (provider_id, indication_group, population, setting, band, away, away_unexplained, total)
  SELECT coalesce(a.provider_id, ''), a.indication_group, a.population, a.setting, a.band,
    count(*) FILTER (WHERE a.outcome IN ('SUBSTITUTED', 'DOWNGRADED'))::int,
    count(*) FILTER (WHERE a.outcome IN ('SUBSTITUTED', 'DOWNGRADED')
      AND a.non_dose_reason IS NULL AND a.outcome_event <> 'timeout')::int,
    count(*)::int
  FROM order_assessments a
  WHERE a.is_opportunity AND a.outcome <> 'PENDING' AND a.exclusion IS NULL
    AND a.band IN ('HIGH', 'LOW')
  GROUP BY 1, 2, 3, 4, 5`;

/** Adds the collected differences to provider_pattern_counts. */
export const APPLY_PATTERN_DELTA = `
  INSERT INTO provider_pattern_counts AS c
    (provider_id, indication_group, population, setting, band, away, away_unexplained, total)
  SELECT provider_id, indication_group, population, setting, band, sum(away)::int,
    sum(away_unexplained)::int, sum(total)::int
  FROM pattern_count_delta
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(away) <> 0 OR sum(away_unexplained) <> 0 OR sum(total) <> 0
  ON CONFLICT (provider_id, indication_group, population, setting, band) DO UPDATE
    SET away = c.away + EXCLUDED.away, away_unexplained = c.away_unexplained + EXCLUDED.away_unexplained,
      total = c.total + EXCLUDED.total`;

/** A key that no longer counts any assessment goes (as it would from a count over them). */
export const DROP_EMPTY_PATTERN_COUNTS = `DELETE FROM provider_pattern_counts WHERE total = 0`;

/**
 * A pattern's part of a case's score: up to 20 points for a shrunk OR of 10 (log scale), none
 * at or below 1. The clinician's figures reach a case only through this integer and through
 * whether the pattern stands out (patternStandsOut): a delta rescores a clinician's cases only
 * when one of the two moves (AssessmentService.updatePatterns).
 */
export const patternPoints = (shrunkOddsRatio: string): string =>
  `round(20 * greatest(0, least(1, ln(greatest(${shrunkOddsRatio}, 1e-9)) / ln(10))))::int`;

/**
 * Whether a pattern keeps a PROBABLE candidate PROBABLE: its reference OR's lower 95 % bound
 * above minLower and its q-value (for the site's own pattern, its p-value: a single test) at or
 * below maxQ.
 */
export const patternStandsOut = (
  lower: string,
  q: string,
  minLower: string,
  maxQ: string,
): string => `(coalesce(${lower} > ${minLower}, false) AND coalesce(${q} <= ${maxQ}, false))`;

/** The columns of an assessment `a` SCORE_CASES reads (its targets carry them). */
const TARGET_COLUMNS = `a.order_pk, a.provider_id, a.case_level, a.level, a.score,
      a.requested_rating`;

/**
 * SCORE_CASES' targets after an analysis of some orders, each with its assessment: the orders
 * in scope, each by its key (LATERAL … OFFSET 0), then the cases of the clinicians whose
 * pattern moved a case (their points or whether they stand out), by the cases' own index
 * (ix_order_assessments_cases); '*' among them (the site's pattern moved) adds the cases that
 * use the site's pattern: no clinician, or one without a pattern of their own. A UNION of
 * set-based reads, never "IN (SELECT …) OR …", which PostgreSQL plans as a per-row SubPlan over
 * a materialised scan (quadratic) once the scope's hash exceeds work_mem; and the assessments
 * come with them, where joining the targets to order_assessments afterwards read every
 * assessment twice (two seq scans of 1M rows for 44,207 targets at 1M orders).
 */
const SCOPE_TARGETS = `
    SELECT a.* FROM assess_scope s
    CROSS JOIN LATERAL (
      SELECT ${TARGET_COLUMNS} FROM order_assessments a WHERE a.order_pk = s.order_pk OFFSET 0
    ) a
    UNION
    SELECT ${TARGET_COLUMNS} FROM order_assessments a
    WHERE a.case_level IS NOT NULL AND a.provider_id = ANY ($3::text[])
    UNION
    SELECT ${TARGET_COLUMNS} FROM order_assessments a
    WHERE a.case_level IS NOT NULL AND '*' = ANY ($3::text[])
      AND NOT EXISTS (SELECT 1 FROM provider_patterns p WHERE p.provider_id = a.provider_id)`;

/**
 * SCORE_CASES' targets after the first assessments (INSERT_ASSESSMENTS into empty tables):
 * every assessment is in scope and none has a level, a score or a PATTERN signal yet, so only
 * the cases can change. An order that is not a case comes out with no level and no score,
 * as it went in: reading the scope (every order) would find nothing more to write.
 */
const FIRST_LOAD_TARGETS = `
    -- $3 (the clinicians whose pattern moved) adds nothing here: every case is a target
    SELECT ${TARGET_COLUMNS} FROM order_assessments a
    WHERE a.case_level IS NOT NULL AND $3::text[] IS NOT NULL`;

/** The PATTERN signals of orders in scope that are no longer cases; the re-levelled targets. */
const REMOVE_PATTERN_SIGNALS = `, relevelled_targets AS (
    INSERT INTO relevelled
    SELECT order_pk, stored_level FROM scored WHERE stored_level IS DISTINCT FROM level
  ), removed AS (
    DELETE FROM order_signals s USING scored
    WHERE s.order_pk = scored.order_pk AND s.code = 'PATTERN' AND scored.case_level IS NULL
  )`;

/**
 * Final level and score for the cases in assess_scope and the cases of the clinicians whose
 * pattern moved a case ($3 text[]; '*' = the site's pattern, used by cases without a clinician
 * of their own pattern). $1 = PROBABLE needs the clinician's reference OR lower 95 % bound above
 * this; $4 = and the clinician's Benjamini–Hochberg q-value (over every clinician compared) at
 * or below this false discovery rate; a case without a clinician uses the site's own p-value;
 * $2 settings version. The score orders cases within a level: base by level, +10 each for E3,
 * E4 and E5, and up to +20 for the clinician's pattern (patternPoints).
 *
 * The PATTERN signal stores the case's own facts only: demoted to POSSIBLE or not, placed at
 * order entry (a PROBABLE candidate without E2: level.at_entry_probable), what the pattern's
 * points add to its score and the gate it was judged under. The clinician's figures (ORs, q-values, how many
 * clinicians stand out) change with every delta: they are read from provider_patterns when the
 * evidence is shown (PATTERN_EVIDENCE), so a delta rewrites no case whose level and score stay.
 */
export const scoreCasesSql = (targets: 'scope' | 'first-load' = 'scope'): string => `
  WITH site AS (
    SELECT * FROM provider_patterns WHERE provider_id = '*'
  ), targets AS (${targets === 'scope' ? SCOPE_TARGETS : FIRST_LOAD_TARGETS}
  ), cases AS (
    SELECT a.order_pk, a.case_level, a.level AS stored_level, a.score AS stored_score,
      pp.provider_id AS pattern_provider,
      ${patternStandsOut(
        'CASE WHEN pp.provider_id IS NULL THEN site.reference_lower_95 ELSE pp.reference_lower_95 END',
        'CASE WHEN pp.provider_id IS NULL THEN site.reference_p_value ELSE pp.reference_q_value END',
        '$1',
        '$4::float8',
      )} AS stands_out,
      ${patternPoints('coalesce(pp.shrunk_odds_ratio, site.shrunk_odds_ratio, 1)')} AS points,
      e3.order_pk IS NOT NULL AS e3, e4.order_pk IS NOT NULL AS e4,
      e5.order_pk IS NOT NULL AS e5,
      -- a PROBABLE candidate without a switch after the order (E2) was placed at order entry
      -- for a low-rated modality (level.at_entry_probable)
      a.case_level = 'PROBABLE' AND e2.order_pk IS NULL AS at_entry
    FROM targets a
    LEFT JOIN provider_patterns pp ON pp.provider_id = a.provider_id
    LEFT JOIN site ON true
    -- (order_pk, code) is the key of order_signals: at most one row each
    LEFT JOIN order_signals e2 ON e2.order_pk = a.order_pk AND e2.code = 'E2'
    LEFT JOIN order_signals e3 ON e3.order_pk = a.order_pk AND e3.code = 'E3'
    LEFT JOIN order_signals e4 ON e4.order_pk = a.order_pk AND e4.code = 'E4'
    LEFT JOIN order_signals e5 ON e5.order_pk = a.order_pk AND e5.code = 'E5'
  ), unranked AS (
    SELECT cases.*,
      cases.case_level = 'PROBABLE' AND NOT cases.stands_out AS demoted,
      CASE WHEN case_level = 'PROBABLE' AND NOT stands_out THEN 'POSSIBLE' ELSE case_level END
        AS level,
      -- the score before the pattern's points
      CASE case_level WHEN 'DOCUMENTED' THEN 60 WHEN 'PROBABLE' THEN 40
                      WHEN 'POSSIBLE' THEN 20 ELSE 0 END
        + CASE WHEN e3 THEN 10 ELSE 0 END + CASE WHEN e4 THEN 10 ELSE 0 END
        + CASE WHEN e5 THEN 10 ELSE 0 END AS base
    FROM cases
  ), scored AS (
    SELECT unranked.*,
      -- a cleared case is not ranked: its score is 0
      CASE WHEN case_level IS NULL THEN NULL WHEN case_level = 'EXCLUDED' THEN 0
           ELSE least(100, base + points) END AS score,
      -- what the points add, below the cap of 100 (the signal states this, not the points)
      CASE WHEN case_level = 'EXCLUDED' THEN 0
           ELSE least(100, base + points) - least(100, base) END AS pattern_part
    FROM unranked
  ), rescored AS (
    -- the targets whose level or score changes (their stored values were read above, in the
    -- statement's snapshot, which the update below sees too)
    SELECT order_pk, level, score FROM scored
    WHERE (stored_level, stored_score) IS DISTINCT FROM (level, score::numeric)
  ), updated AS (
    -- by key: joined to scored, the planner hashed every assessment (a seq scan, spilled to
    -- disk at 200k orders) to update a few hundred rows
    UPDATE order_assessments a SET level = rescored.level, score = rescored.score
    FROM rescored
    WHERE a.order_pk = ANY (ARRAY(SELECT order_pk FROM rescored))
      AND a.order_pk = rescored.order_pk
      AND (a.level, a.score) IS DISTINCT FROM (rescored.level, rescored.score::numeric)
    RETURNING a.order_pk
  ), pattern_signals AS (
    SELECT order_pk, 'PATTERN' AS code,
      format('%s: %s%s; %s (its figures are read with the case)',
        CASE WHEN pattern_provider IS NULL THEN 'site pattern' ELSE 'clinician pattern' END,
        CASE WHEN demoted THEN 'does not stand out, so the case is POSSIBLE, not PROBABLE'
             WHEN case_level = 'PROBABLE' THEN 'stands out, so the case is PROBABLE'
             ELSE format('the case is %s', level) END,
        CASE WHEN at_entry THEN '; placed at order entry' ELSE '' END,
        CASE WHEN case_level = 'EXCLUDED' THEN 'not ranked'
             ELSE format('the pattern adds %s to the score', pattern_part) END) AS explanation,
      jsonb_build_object('demoted', demoted, 'at_entry', at_entry, 'pattern_points', pattern_part,
        'min_lower_95', $1::float8, 'max_q', $4::float8, 'settings_version', $2::int) AS inputs
    FROM scored WHERE case_level IS NOT NULL
  )${targets === 'scope' ? REMOVE_PATTERN_SIGNALS : ''}
  INSERT INTO order_signals (order_pk, code, explanation, inputs)
  SELECT order_pk, code, explanation, inputs FROM pattern_signals
  ON CONFLICT (order_pk, code) DO UPDATE SET explanation = EXCLUDED.explanation,
    inputs = EXCLUDED.inputs
  WHERE (order_signals.explanation, order_signals.inputs)
    IS DISTINCT FROM (EXCLUDED.explanation, EXCLUDED.inputs)`;

export const SCORE_CASES = scoreCasesSql('scope');
/** SCORE_CASES after the first assessments: the cases only (see FIRST_LOAD_TARGETS). */
export const SCORE_FIRST_CASES = scoreCasesSql('first-load');
