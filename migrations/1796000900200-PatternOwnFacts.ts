import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PATTERN signal keeps the case's own facts: demoted to POSSIBLE or not, placed at order
 * entry, the pattern's points in the score and the gate the case was judged under. It used to
 * store the clinician's figures (ORs, q-values, how many clinicians stand out), which change
 * with every delta, so every delta rescored and rewrote every case; those are now read from
 * provider_patterns when the evidence is shown. This rewrites the stored signals in the new
 * form from what they held (the same statement as scoreCasesSql's, frozen here).
 */
export class PatternOwnFacts1796000900200 implements MigrationInterface {
  name = 'PatternOwnFacts1796000900200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH facts AS (
        SELECT s.order_pk,
          s.explanation LIKE 'no clinician on the order%' AS site_pattern,
          a.case_level, a.level,
          a.case_level = 'PROBABLE' AND a.level IS DISTINCT FROM 'PROBABLE' AS demoted,
          coalesce((s.inputs ->> 'at_entry')::boolean, false) AS at_entry,
          CASE a.case_level WHEN 'DOCUMENTED' THEN 60 WHEN 'PROBABLE' THEN 40
                            WHEN 'POSSIBLE' THEN 20 ELSE 0 END
            + 10 * (SELECT count(*)::int FROM order_signals e
                    WHERE e.order_pk = s.order_pk AND e.code IN ('E3', 'E4', 'E5')) AS base,
          round(20 * greatest(0, least(1,
            ln(greatest(coalesce((s.inputs ->> 'shrunk_odds_ratio')::float8, 1), 1e-9)) / ln(10))))::int
            AS points,
          coalesce((sv.values ->> 'level.probable_min_clinician_lower95')::float8, 1) AS min_lower,
          coalesce((s.inputs ->> 'max_q')::float8,
                   (sv.values ->> 'level.probable_max_clinician_q')::float8, 0.05) AS max_q,
          coalesce((s.inputs ->> 'settings_version')::int, a.settings_version) AS settings_version
        FROM order_signals s
        JOIN order_assessments a ON a.order_pk = s.order_pk
        LEFT JOIN settings_versions sv ON sv.version = a.settings_version
        -- a signal already in the new form stays as it is
        WHERE s.code = 'PATTERN' AND NOT s.inputs ? 'pattern_points'
      ), parts AS (
        SELECT facts.*, CASE WHEN case_level = 'EXCLUDED' THEN 0
                             ELSE least(100, base + points) - least(100, base) END AS pattern_part
        FROM facts
      )
      UPDATE order_signals s SET
        explanation = format('%s: %s%s; %s (its figures are read with the case)',
          CASE WHEN site_pattern THEN 'site pattern' ELSE 'clinician pattern' END,
          CASE WHEN demoted THEN 'does not stand out, so the case is POSSIBLE, not PROBABLE'
               WHEN case_level = 'PROBABLE' THEN 'stands out, so the case is PROBABLE'
               ELSE format('the case is %s', level) END,
          CASE WHEN at_entry THEN '; placed at order entry' ELSE '' END,
          CASE WHEN case_level = 'EXCLUDED' THEN 'not ranked'
               ELSE format('the pattern adds %s to the score', pattern_part) END),
        inputs = jsonb_build_object('demoted', demoted, 'at_entry', at_entry,
          'pattern_points', pattern_part, 'min_lower_95', min_lower, 'max_q', max_q,
          'settings_version', settings_version)
      FROM parts facts
      WHERE s.order_pk = facts.order_pk AND s.code = 'PATTERN'`);
  }

  public async down(): Promise<void> {
    // The figures the old form stored are not kept: after going back, `grounds analyse --all`
    // writes every PATTERN signal again in the old form.
  }
}
