import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The clinician funnel, a page at a time, needs every clinician's totals (the q-values and the
 * order by evidence are over all of them) but the strata of the page's clinicians only; summed
 * from clinician_rollups those totals read about six rows per clinician (one per case-mix
 * stratum and department: 19,908 rows for 3,304 clinicians at 1M orders). clinician_totals
 * holds them already summed: one row per department × clinician over assessable opportunities
 * (opportunities, away-switches, conflicts), the department kept for a manager's scope and the
 * department filter. Like clinician_rollups its size follows the clinicians, not the months;
 * the rollup refresh moves it by the same months (analytics/rollup.sql.ts).
 */
export class ClinicianTotals1796000730000 implements MigrationInterface {
  name = 'ClinicianTotals1796000730000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "clinician_totals" ("department_id" integer, "provider_id" text, "opportunities" integer NOT NULL, "away_switches" integer NOT NULL, "conflicts" integer NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_clinician_totals_key" ON "clinician_totals" ("department_id", "provider_id") NULLS NOT DISTINCT`,
    );
    // an existing database: from the clinician rollups already there
    await queryRunner.query(`
      INSERT INTO clinician_totals
      SELECT department_id, provider_id, sum(opportunities)::int, sum(away_switches)::int,
        sum(conflicts)::int
      FROM clinician_rollups
      GROUP BY 1, 2`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "clinician_totals"`);
  }
}
