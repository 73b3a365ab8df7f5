import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a run loaded, beside its target (the folder, upload or source database): the names of
 * the files (or source tables) it read, relative to the target, so the Data page can say
 * "orders.csv, exams.csv" and not only a temporary folder. Empty for runs from before, and for
 * analysis runs, which read no file.
 */
export class IngestRunFiles1795900800000 implements MigrationInterface {
  name = 'IngestRunFiles1795900800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "ingest_runs" ADD COLUMN "files" text[] NOT NULL DEFAULT '{}'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ingest_runs" DROP COLUMN "files"`);
  }
}
