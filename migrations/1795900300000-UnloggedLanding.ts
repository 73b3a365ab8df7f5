import type { MigrationInterface, QueryRunner } from 'typeorm';

const LANDING_TABLES = [
  'landing_patients',
  'landing_orders',
  'landing_order_changes',
  'landing_exams',
] as const;

/**
 * The CSV/FHIR landing tables are a staging area: a load writes every row it reads there once,
 * the normaliser moves them into the model in its own transaction, and rejections and
 * warnings are copied into the (logged) rejections table. Writing them to the WAL too cost
 * about a third of the landing's insert. UNLOGGED: a crash of the server (not a restart, not
 * a killed importer) empties them, which loses only the record of past runs' landing rows,
 * never the model or a rejection; a run interrupted by a crash is marked failed anyway.
 */
export class UnloggedLanding1795900300000 implements MigrationInterface {
  name = 'UnloggedLanding1795900300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of LANDING_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" SET UNLOGGED`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of LANDING_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" SET LOGGED`);
    }
  }
}
