import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Practice variation by clinician without a month filter (the dashboard's default) read
 * assessment_rollups, whose clinician grain barely compresses (about three rows in four of the
 * orders survive at 200k orders), so its cost grew with history. clinician_rollups holds the
 * same counts without the month and without band, outcome and level: one row per department ×
 * clinician × indication group × population × setting, over assessable opportunities only,
 * with the figures practice variation sums (opportunities, away-switches, conflicts and the
 * HIGH/LOW counts of the dose-history strata). Its size is bounded by the clinicians and their
 * case mix, not by the months loaded. The rollup refresh keeps it in step
 * (analytics/rollup.sql.ts): it subtracts the old counts of the months it refreshes and adds
 * the new ones. Dimensions may be null (orders without a department, clinician or indication
 * group): the key treats nulls as equal.
 */
export class ClinicianRollups1796000200000 implements MigrationInterface {
  name = 'ClinicianRollups1796000200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "clinician_rollups" ("department_id" integer, "provider_id" text, "indication_group" text, "population" text NOT NULL, "setting" text NOT NULL, "opportunities" integer NOT NULL, "away_switches" integer NOT NULL, "conflicts" integer NOT NULL, "high_away_switches" integer NOT NULL, "high_opportunities" integer NOT NULL, "low_away_switches" integer NOT NULL, "low_opportunities" integer NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_clinician_rollups_key" ON "clinician_rollups" ("department_id", "provider_id", "indication_group", "population", "setting") NULLS NOT DISTINCT`,
    );
    // an existing database: build it from the monthly rollups already there
    await queryRunner.query(`
      INSERT INTO clinician_rollups
      SELECT department_id, provider_id, indication_group, population, setting,
        sum(orders)::int,
        coalesce(sum(orders) FILTER (WHERE outcome IN ('SUBSTITUTED', 'DOWNGRADED')), 0)::int,
        coalesce(sum(orders) FILTER (WHERE level IN ('DOCUMENTED', 'PROBABLE')), 0)::int,
        coalesce(sum(orders) FILTER (WHERE band = 'HIGH' AND outcome IN ('SUBSTITUTED', 'DOWNGRADED')), 0)::int,
        coalesce(sum(orders) FILTER (WHERE band = 'HIGH'), 0)::int,
        coalesce(sum(orders) FILTER (WHERE band = 'LOW' AND outcome IN ('SUBSTITUTED', 'DOWNGRADED')), 0)::int,
        coalesce(sum(orders) FILTER (WHERE band = 'LOW'), 0)::int
      FROM assessment_rollups
      WHERE assessable
      GROUP BY 1, 2, 3, 4, 5`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "clinician_rollups"`);
  }
}
