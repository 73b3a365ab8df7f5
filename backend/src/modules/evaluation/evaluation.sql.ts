/** The evaluation's SQL: the generator truth beside the assessments it scores. */

/** The generator truth of one evaluation, dropped at commit. */
export const CREATE_TRUTH_TABLE = `CREATE TEMPORARY TABLE truth (
    order_id text PRIMARY KEY, steered boolean, category text, provider_id text,
    provider_steers boolean) ON COMMIT DROP`;

/** $1..$5 a batch of truth rows as arrays (order id, steered, category, provider id, provider steers). */
export const INSERT_TRUTH = `INSERT INTO truth SELECT * FROM unnest($1::text[], $2::boolean[], $3::text[], $4::text[], $5::boolean[])
       ON CONFLICT DO NOTHING`;

/** $1 source: matched orders by truth category, steered or not, and assessed level. */
export const LEVELS_BY_TRUTH = `SELECT t.category, t.steered, a.level, a.case_level,
           count(*)::int AS orders
         FROM truth t
         JOIN orders o ON o.source = $1 AND o.order_id = t.order_id
         JOIN order_assessments a ON a.order_pk = o.id
         GROUP BY 1, 2, 3, 4`;

/** Clinicians with a conflict (DOCUMENTED or PROBABLE), and those of them the generator did not make steer. */
export const CONFLICT_CLINICIANS = `SELECT count(DISTINCT a.provider_id)::int AS all,
                count(DISTINCT a.provider_id) FILTER (WHERE NOT t.provider_steers)::int
                  AS not_steering
         FROM truth t
         JOIN orders o ON o.source = $1 AND o.order_id = t.order_id
         JOIN order_assessments a ON a.order_pk = o.id
         WHERE a.level IN ('DOCUMENTED', 'PROBABLE')`;

/** Each truth clinician's odds ratios from provider_patterns, with whether the generator made them steer. */
export const CLINICIAN_ODDS = `SELECT t.provider_id, bool_or(t.provider_steers) AS provider_steers, p.odds_ratio,
                p.lower_95, p.upper_95, p.shrunk_odds_ratio, p.reference_odds_ratio,
                p.reference_lower_95, p.reference_upper_95, p.reference_q_value
         FROM truth t LEFT JOIN provider_patterns p ON p.provider_id = t.provider_id
         WHERE t.provider_id IS NOT NULL
         GROUP BY t.provider_id, p.provider_id
         ORDER BY t.provider_id`;

/** The site-wide odds ratio (provider '*'). */
export const SITE_ODDS = `SELECT odds_ratio AS "oddsRatio", lower_95 AS "lower95", upper_95 AS "upper95"
         FROM provider_patterns WHERE provider_id = '*'`;

/**
 * $1 source: what the precision ceiling needs (domain/precision-ceiling.ts). Steered orders, and
 * those of them whose texts carry dose talk (the lexicon's dose phrase); the away-switches with
 * no dose motive (SILENT_NO_MOTIVE) by clinicians the generator made steer, in patients the
 * product puts in the HIGH band at order time: the records cannot tell them from the
 * undocumented steered orders.
 */
export const CEILING_COUNTS = `SELECT count(*) FILTER (WHERE t.steered)::int AS steered,
                count(*) FILTER (WHERE t.steered AND f.dose_phrase IS NOT NULL)::int AS documented,
                count(*) FILTER (WHERE t.category = 'SILENT_NO_MOTIVE' AND t.provider_steers
                                   AND a.band = 'HIGH'
                                   AND a.outcome IN ('SUBSTITUTED', 'DOWNGRADED'))::int
                  AS indistinguishable
         FROM truth t
         JOIN orders o ON o.source = $1 AND o.order_id = t.order_id
         JOIN order_assessments a ON a.order_pk = o.id
         LEFT JOIN order_text_facts f ON f.order_pk = a.order_pk`;
