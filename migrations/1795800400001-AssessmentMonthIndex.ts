import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aggregates read a month range of order_assessments (the overview: the latest month and the
 * one before; the latest month itself): an index on month turns those scans into index scans.
 */
export class AssessmentMonthIndex1795800400001 implements MigrationInterface {
  name = 'AssessmentMonthIndex1795800400001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "ix_order_assessments_month" ON "order_assessments" ("month") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_order_assessments_month"`);
  }
}
