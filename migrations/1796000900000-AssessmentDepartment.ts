import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assessment keeps its order's department, as it keeps its month: the rollups are then
 * moved by the assessments an analysis changed (minus the old row, plus the new) instead of
 * re-aggregating whole months, which needs the department an assessment was counted under
 * after its order moved department (10M orders: refreshing one month re-read its 420,000
 * assessments, 13.8 s of a one-day delta). The rollups get a key for those upserts.
 */
export class AssessmentDepartment1796000900000 implements MigrationInterface {
  name = 'AssessmentDepartment1796000900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order_assessments" ADD "department_id" integer`);
    await queryRunner.query(
      `UPDATE "order_assessments" a SET "department_id" = o."department_id"
       FROM "orders" o WHERE o."id" = a."order_pk" AND o."department_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_assessment_rollups_key" ON "assessment_rollups" ("month", "department_id", "provider_id", "indication_group", "population", "setting", "band", "outcome", "level", "assessable") NULLS NOT DISTINCT`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_department_rollups_key" ON "department_rollups" ("month", "department_id", "indication_group", "population", "setting", "band", "outcome", "level", "assessable") NULLS NOT DISTINCT`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_order_volume_rollups_key" ON "order_volume_rollups" ("month", "department_id", "outcome_modality") NULLS NOT DISTINCT`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ux_order_volume_rollups_key"`);
    await queryRunner.query(`DROP INDEX "ux_department_rollups_key"`);
    await queryRunner.query(`DROP INDEX "ux_assessment_rollups_key"`);
    await queryRunner.query(`ALTER TABLE "order_assessments" DROP COLUMN "department_id"`);
  }
}
