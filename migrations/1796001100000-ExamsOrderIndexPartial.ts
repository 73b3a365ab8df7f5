import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ix_exams_order_pk indexed every exam, yet most exams belong to no order: the prior imaging
 * that makes up a patient's dose history (3,073,129 of 4,035,532 exams at 1M orders). Every
 * statement that reads it looks an order up (a join on exams.order_pk, the foreign key's
 * `ON DELETE SET NULL`), and an equality implies IS NOT NULL, so the planner uses the partial
 * index for all of them. A quarter of the entries: a first load builds it in about a third of
 * the time (3.35 / 3.20 against 1.06 / 0.88 s at 1M orders, docs/performance.md), and a delta's
 * exams without an order write no entry. Rebuilt under the migration's lock (`grounds migrate`
 * took 12.9 s in all on 40,317,880 exams).
 */
export class ExamsOrderIndexPartial1796001100000 implements MigrationInterface {
  name = 'ExamsOrderIndexPartial1796001100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "ix_exams_order_pk"`);
    await queryRunner.query(
      `CREATE INDEX "ix_exams_order_pk" ON "exams" ("order_pk") WHERE order_pk IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "ix_exams_order_pk"`);
    await queryRunner.query(`CREATE INDEX "ix_exams_order_pk" ON "exams" ("order_pk")`);
  }
}
