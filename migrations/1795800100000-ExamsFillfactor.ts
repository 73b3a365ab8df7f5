import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room on each exams page for a second version of its rows: the dose step writes the effective
 * dose of every exam it loads (all of them on a first load) right after the insert, and with
 * free space on the page that update is HOT, so no index is touched. Pages written before this
 * keep their layout until rewritten.
 */
export class ExamsFillfactor1795800100000 implements MigrationInterface {
  name = 'ExamsFillfactor1795800100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exams" SET (fillfactor = 50)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exams" RESET (fillfactor)`);
  }
}
