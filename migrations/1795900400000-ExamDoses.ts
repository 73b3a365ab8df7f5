import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The effective dose the product uses moves from three columns of exams to its own narrow table,
 * exam_doses (one row per exam, written by the dose step). The dose step used to UPDATE every
 * exam it loaded right after the normaliser had inserted it: on a first load every exam was
 * written twice (245 s of a 718 s load at 1M orders). It now inserts one narrow row per exam
 * instead, and exams are written once; their free page space for that update (fillfactor 50,
 * migration 1795800100000) is given back.
 *
 * No foreign key: its check on each insert locks the exam row (a second write of every exam on
 * a first load, the cost this table removes). A trigger removes the dose of a deleted exam
 * instead (the dose-report import deletes the exams a study no longer needs). A row missing
 * (never, after a dose step) reads as an unknown dose, as the old column default did.
 */
export class ExamDoses1795900400000 implements MigrationInterface {
  name = 'ExamDoses1795900400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exam_doses" ("exam_id" bigint NOT NULL, "effective_dose_msv" numeric, "dose_source" text NOT NULL DEFAULT 'unknown', "dose_method" text, CONSTRAINT "PK_exam_doses" PRIMARY KEY ("exam_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "exam_doses" ("exam_id", "effective_dose_msv", "dose_source", "dose_method")
       SELECT "id", "effective_dose_msv", "dose_source", "dose_method" FROM "exams"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exams" DROP COLUMN "effective_dose_msv", DROP COLUMN "dose_source", DROP COLUMN "dose_method"`,
    );
    await queryRunner.query(`ALTER TABLE "exams" RESET (fillfactor)`);
    await queryRunner.query(
      `CREATE FUNCTION "exam_doses_follow_exams"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'TRUNCATE' THEN
           TRUNCATE "exam_doses";
         ELSE
           DELETE FROM "exam_doses" d USING deleted_exams x WHERE d."exam_id" = x."id";
         END IF;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "exam_doses_on_exam_delete" AFTER DELETE ON "exams"
       REFERENCING OLD TABLE AS deleted_exams
       FOR EACH STATEMENT EXECUTE FUNCTION "exam_doses_follow_exams"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "exam_doses_on_exam_truncate" AFTER TRUNCATE ON "exams"
       FOR EACH STATEMENT EXECUTE FUNCTION "exam_doses_follow_exams"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "exam_doses_on_exam_truncate" ON "exams"`);
    await queryRunner.query(`DROP TRIGGER "exam_doses_on_exam_delete" ON "exams"`);
    await queryRunner.query(`DROP FUNCTION "exam_doses_follow_exams"()`);
    await queryRunner.query(`ALTER TABLE "exams" SET (fillfactor = 50)`);
    await queryRunner.query(
      `ALTER TABLE "exams" ADD "effective_dose_msv" numeric, ADD "dose_source" text NOT NULL DEFAULT 'unknown', ADD "dose_method" text`,
    );
    await queryRunner.query(
      `UPDATE "exams" e SET "effective_dose_msv" = d."effective_dose_msv",
         "dose_source" = d."dose_source", "dose_method" = d."dose_method"
       FROM "exam_doses" d WHERE d."exam_id" = e."id"`,
    );
    await queryRunner.query(`DROP TABLE "exam_doses"`);
  }
}
