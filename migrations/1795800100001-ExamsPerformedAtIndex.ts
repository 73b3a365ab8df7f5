import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The newest instant in the data (the latest order or exam) decides which pending orders are
 * NOT_PERFORMED; every analysis reads it, and without this index max(performed_at) is a scan of
 * every exam (about 1 s at 3M exams, on every nightly delta). A plain index: a first load builds
 * it after the bulk insert.
 */
export class ExamsPerformedAtIndex1795800100001 implements MigrationInterface {
  name = 'ExamsPerformedAtIndex1795800100001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_exams_performed_at" ON "exams" ("performed_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_exams_performed_at"`);
  }
}
