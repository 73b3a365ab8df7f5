import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cases by clinician: SCORE_CASES rescores every case of the clinicians whose pattern
 * changed, and without this index found them by a seq scan of every assessment (1M rows for
 * 36,491 cases at 1M orders, on every delta). Partial: only cases (a few per cent of orders).
 */
export class AssessmentCasesIndex1796000900100 implements MigrationInterface {
  name = 'AssessmentCasesIndex1796000900100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_order_assessments_cases" ON "order_assessments" ("provider_id") WHERE "case_level" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_order_assessments_cases"`);
  }
}
