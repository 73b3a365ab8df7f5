/**
 * The PATTERN evidence of one case as a reviewer reads it. The stored signal holds the case's
 * own facts (demoted or not, placed at order entry, the gate it was judged under: see
 * scoreCasesSql); the clinician's figures are those of provider_patterns now, which the last
 * analysis left consistent with the case's level and score (it rescored every case whose
 * level or score they moved).
 */

/** A probability as a reviewer reads it: "< 0.001", "0.003", "0.41". */
const formatProbability = (expression: string): string => `
  (CASE WHEN ${expression} IS NULL THEN 'n/a'
        WHEN ${expression} < 0.001 THEN '< 0.001'
        ELSE trim_scale(round((${expression})::numeric, 3))::text END)`;

/** $1 order pk: its PATTERN explanation (no row when the order is not a case). */
export const PATTERN_EVIDENCE = `
  WITH stored AS (
    SELECT s.order_pk, (s.inputs ->> 'min_lower_95')::float8 AS min_lower,
      (s.inputs ->> 'max_q')::float8 AS max_q, (s.inputs ->> 'demoted')::boolean AS demoted,
      (s.inputs ->> 'at_entry')::boolean AS at_entry
    FROM order_signals s WHERE s.order_pk = $1::bigint AND s.code = 'PATTERN'
  ), facts AS (
    SELECT stored.*, o.requested_modality, a.requested_rating, site.compared_clinicians,
      (SELECT count(*) FROM provider_patterns other
       WHERE other.provider_id <> '*' AND other.reference_q_value <= stored.max_q
         AND coalesce(other.reference_lower_95 > stored.min_lower, false)) AS standing_out,
      pp.provider_id AS pattern_provider,
      coalesce(pp.shrunk_odds_ratio, site.shrunk_odds_ratio, 1) AS pattern_or,
      CASE WHEN pp.provider_id IS NULL THEN site.reference_p_value
           ELSE pp.reference_q_value END AS pattern_q,
      pp.reference_p_value AS pattern_p,
      CASE WHEN pp.provider_id IS NULL THEN site.reference_lower_95
           ELSE pp.reference_lower_95 END AS reference_lower,
      CASE WHEN pp.provider_id IS NULL THEN site.reference_odds_ratio
           ELSE pp.reference_odds_ratio END AS reference_or,
      CASE WHEN pp.provider_id IS NULL THEN site.reference_upper_95
           ELSE pp.reference_upper_95 END AS reference_upper,
      pp.odds_ratio, pp.lower_95, pp.upper_95
    FROM stored
    JOIN order_assessments a ON a.order_pk = stored.order_pk
    JOIN orders o ON o.id = stored.order_pk
    LEFT JOIN provider_patterns pp ON pp.provider_id = a.provider_id
    LEFT JOIN provider_patterns site ON site.provider_id = '*'
  )
  SELECT format('%s: away-switches of HIGH-band patients vs the site''s LOW-band, OR %s (95%% CI %s); own OR HIGH vs LOW %s (95%% CI %s), shrunk toward the site: %s; %s%s%s',
    CASE WHEN pattern_provider IS NULL THEN 'no clinician on the order, site pattern'
         ELSE 'clinician pattern' END,
    coalesce(round(reference_or::numeric, 2)::text, 'not estimable'),
    CASE WHEN reference_lower IS NULL THEN 'n/a'
         ELSE round(reference_lower::numeric, 2) || '–' || round(reference_upper::numeric, 2) END,
    coalesce(round(odds_ratio::numeric, 2)::text, 'not estimable'),
    CASE WHEN lower_95 IS NULL THEN 'n/a'
         ELSE round(lower_95::numeric, 2) || '–' || round(upper_95::numeric, 2) END,
    round(pattern_or::numeric, 2),
    CASE WHEN pattern_provider IS NULL
         THEN format('site one-sided p = %s (a single test: no clinician compared)',
                     ${formatProbability('pattern_q')})
         WHEN pattern_q IS NULL
         THEN format('not compared (no HIGH-band patient to test); %s of %s clinicians compared stand out',
                     standing_out, coalesce(compared_clinicians, 0))
         ELSE format('%s of %s clinicians compared stand out; one-sided p = %s, adjusted q = %s (Benjamini–Hochberg; PROBABLE needs q <= %s)',
                     standing_out, coalesce(compared_clinicians, 0), ${formatProbability('pattern_p')},
                     ${formatProbability('pattern_q')}, max_q) END,
    CASE WHEN demoted AND NOT coalesce(reference_lower > min_lower, false)
         THEN format('; the lower bound is not above %s, so the case is POSSIBLE, not PROBABLE', min_lower)
         WHEN demoted
         THEN format('; the pattern does not stand out after comparing %s clinicians (q above %s), so the case is POSSIBLE, not PROBABLE',
                     coalesce(compared_clinicians, 0), max_q)
         ELSE '' END,
    CASE WHEN at_entry AND NOT demoted
         THEN format('; placed at order entry for %s (rated %s) in a HIGH-band patient, with no recognised non-dose reason, %s: PROBABLE (setting level.at_entry_probable)',
                     requested_modality, coalesce(requested_rating::text, 'unrated'),
                     CASE WHEN pattern_provider IS NULL
                          THEN 'and the site''s pattern stands out (no clinician on the order)'
                          ELSE 'by a clinician whose pattern stands out' END)
         WHEN at_entry
         THEN format('; placed at order entry for %s (rated %s) in a HIGH-band patient: PROBABLE only when the clinician''s pattern stands out (setting level.at_entry_probable)',
                     requested_modality, coalesce(requested_rating::text, 'unrated'))
         ELSE '' END) AS explanation
  FROM facts`;
