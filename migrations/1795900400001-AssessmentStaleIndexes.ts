import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What makes an assessment stale without its data changing (still pending, or computed under
 * other versions of settings, reference data or lexicon) read through two small indexes, so a
 * nightly delta finds those orders without reading every assessment. The versions index holds
 * one value for nearly every row (B-tree deduplication keeps it to a few pages); the pending one
 * only the recent orders still waiting for their exam.
 */
export class AssessmentStaleIndexes1795900400001 implements MigrationInterface {
  name = 'AssessmentStaleIndexes1795900400001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_order_assessments_versions" ON "order_assessments" ("settings_version", "reference_version", "lexicon_version")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_order_assessments_pending" ON "order_assessments" ("order_pk") WHERE "outcome_modality" = 'PENDING'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_order_assessments_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_order_assessments_versions"`);
  }
}
