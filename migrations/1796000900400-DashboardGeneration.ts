import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter of the clinician funnel's data (one row), moved by PostgreSQL itself after every
 * statement that writes `clinician_totals` or `clinician_rollups` (statement triggers, so no
 * writer can forget it). The dashboard keeps every clinician's funnel figures (the totals over
 * 33,000 clinicians at 10M orders, their p- and q-values, their order by evidence) per process
 * under the generation they were read at, and reads them again only when it has moved: a
 * page of the funnel then costs the page (VariationCache).
 */
export class DashboardGeneration1796000900400 implements MigrationInterface {
  name = 'DashboardGeneration1796000900400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dashboard_generation" ("id" boolean NOT NULL DEFAULT true, "generation" bigint NOT NULL, CONSTRAINT "PK_dashboard_generation" PRIMARY KEY ("id"), CONSTRAINT "CHK_dashboard_generation_one_row" CHECK ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "dashboard_generation" ("generation") VALUES (1)`);
    await queryRunner.query(`
      CREATE FUNCTION "bump_dashboard_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE dashboard_generation SET generation = generation + 1;
        RETURN NULL;
      END $$`);
    for (const table of ['clinician_totals', 'clinician_rollups']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_bump_dashboard_generation"
         AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION bump_dashboard_generation()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['clinician_totals', 'clinician_rollups']) {
      await queryRunner.query(`DROP TRIGGER "${table}_bump_dashboard_generation" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "bump_dashboard_generation"()`);
    await queryRunner.query(`DROP TABLE "dashboard_generation"`);
  }
}
