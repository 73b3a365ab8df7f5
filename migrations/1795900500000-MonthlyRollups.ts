import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly rollups that every dashboard aggregate reads instead of order_assessments and orders
 * (DESIGN.md section 4: "dashboards read rollups, not raw orders"), refreshed by the analysis for
 * the months it touched (analytics/rollup.service.ts).
 *
 * assessment_rollups: orders per month × department × clinician × indication group × population
 * × setting × dose-history band × outcome × level × assessable (an opportunity with a known
 * outcome and no exclusion): every count the overview, practice variation, dose-history
 * sensitivity, the p-chart and the department funnel need is a sum over its rows.
 * department_rollups: the same without the clinician, for every query that neither groups nor
 * filters by clinician (about 15 times fewer rows at 200k orders: a clinician's orders spread
 * over so many combinations that assessment_rollups keeps about three rows in four).
 * order_volume_rollups: orders per month × department × outcome modality (the volume chart).
 * Dimensions may be null (orders without a department, clinician or indication group), so the
 * tables have no primary key; a refresh deletes and re-inserts whole months.
 */
export class MonthlyRollups1795900500000 implements MigrationInterface {
  name = 'MonthlyRollups1795900500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment_rollups" ("month" text NOT NULL, "department_id" integer, "provider_id" text, "indication_group" text, "population" text NOT NULL, "setting" text NOT NULL, "band" text NOT NULL, "outcome" text NOT NULL, "level" text, "assessable" boolean NOT NULL, "orders" integer NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_rollups_month" ON "assessment_rollups" ("month")`,
    );
    await queryRunner.query(
      `CREATE TABLE "department_rollups" ("month" text NOT NULL, "department_id" integer, "indication_group" text, "population" text NOT NULL, "setting" text NOT NULL, "band" text NOT NULL, "outcome" text NOT NULL, "level" text, "assessable" boolean NOT NULL, "orders" integer NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_department_rollups_month" ON "department_rollups" ("month")`,
    );
    await queryRunner.query(
      `CREATE TABLE "order_volume_rollups" ("month" text NOT NULL, "department_id" integer, "outcome_modality" text NOT NULL, "orders" integer NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_order_volume_rollups_month" ON "order_volume_rollups" ("month")`,
    );
    // an existing database: build the rollups from the assessments already there
    await queryRunner.query(`
      INSERT INTO assessment_rollups
      SELECT a.month, o.department_id, a.provider_id, a.indication_group, a.population,
        a.setting, a.band, a.outcome, a.level,
        a.is_opportunity AND a.outcome <> 'PENDING' AND a.exclusion IS NULL, count(*)::int
      FROM order_assessments a JOIN orders o ON o.id = a.order_pk
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`);
    await queryRunner.query(`
      INSERT INTO department_rollups
      SELECT month, department_id, indication_group, population, setting, band, outcome, level,
        assessable, sum(orders)::int
      FROM assessment_rollups
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`);
    await queryRunner.query(`
      INSERT INTO order_volume_rollups
      SELECT a.month, o.department_id, a.outcome_modality, count(*)::int
      FROM order_assessments a JOIN orders o ON o.id = a.order_pk
      GROUP BY 1, 2, 3`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "order_volume_rollups"`);
    await queryRunner.query(`DROP TABLE "department_rollups"`);
    await queryRunner.query(`DROP TABLE "assessment_rollups"`);
  }
}
