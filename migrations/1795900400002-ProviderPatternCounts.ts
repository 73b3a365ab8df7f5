import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counts behind every clinician's pattern (away-switches and opportunities per clinician,
 * stratum and band; every away-switch and the unexplained ones, see
 * PATTERN_COUNTS), kept up to date by the analysis instead of counted over every assessment
 * on each run: the analysis adds what the assessments it rewrites no longer count and what they
 * now count (see COLLECT_PATTERN_DELTA), so a nightly delta reads a few hundred rows, not the
 * history. Filled here from the assessments as they are.
 */
export class ProviderPatternCounts1795900400002 implements MigrationInterface {
  name = 'ProviderPatternCounts1795900400002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "provider_pattern_counts" ("provider_id" text NOT NULL, "indication_group" text NOT NULL, "population" text NOT NULL, "setting" text NOT NULL, "band" text NOT NULL, "away" integer NOT NULL, "away_unexplained" integer NOT NULL, "total" integer NOT NULL, CONSTRAINT "PK_provider_pattern_counts" PRIMARY KEY ("provider_id", "indication_group", "population", "setting", "band"))`,
    );
    await queryRunner.query(
      `INSERT INTO "provider_pattern_counts"
       SELECT coalesce(provider_id, ''), indication_group, population, setting, band,
         count(*) FILTER (WHERE outcome IN ('SUBSTITUTED', 'DOWNGRADED'))::int,
         count(*) FILTER (WHERE outcome IN ('SUBSTITUTED', 'DOWNGRADED')
           AND non_dose_reason IS NULL AND outcome_event <> 'timeout')::int,
         count(*)::int
       FROM "order_assessments"
       WHERE is_opportunity AND outcome <> 'PENDING' AND exclusion IS NULL AND band IN ('HIGH', 'LOW')
       GROUP BY 1, 2, 3, 4, 5`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "provider_pattern_counts"`);
  }
}
