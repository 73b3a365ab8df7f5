import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the clinician funnel reads besides the rollups: names and department ids. */
const TABLES = ['providers', 'departments'];

/**
 * The dashboard generation (DashboardGeneration) also moves after every statement that writes
 * `providers` or `departments`. The whole clinician funnel (every clinician with its strata,
 * the dashboard's "Show all") is kept per process under the generation like a page's totals,
 * and it shows each clinician's name (`providers.name`, which a load may change without the
 * rollups moving: a load that is not analysed) and maps a department scope or filter to ids
 * through `departments`. A load writes each table once (one statement each), so the counter
 * moves once more per load, which an analysed load moves anyway.
 */
export class DashboardGenerationNames1796000900500 implements MigrationInterface {
  name = 'DashboardGenerationNames1796000900500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_bump_dashboard_generation"
         AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION bump_dashboard_generation()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`DROP TRIGGER "${table}_bump_dashboard_generation" ON "${table}"`);
    }
  }
}
