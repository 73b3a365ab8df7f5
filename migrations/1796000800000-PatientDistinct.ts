import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The patients of orders and exams for the planner of a database loaded before each bulk load
 * pinned them (pinPatientDistinct in backend/src/modules/ingestion/bulk-load.ts): n_distinct of
 * orders.patient_id and exams.patient_id as the patients' rows over the table's, a ratio that
 * grows with the table. ANALYZE's own estimate undercounts them on a large table (319,106
 * patients in exams for 8,695,652 at 10M orders), and a one-day delta then read every exam (the
 * cumulative dose: 24.5 s against 0.58 s). A one-day delta is too small to trigger that bulk
 * ANALYZE, so a database loaded before needs this once. A new or empty database is left alone:
 * its first load pins them.
 */
export class PatientDistinct1796000800000 implements MigrationInterface {
  name = 'PatientDistinct1796000800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      DECLARE
        patients float8;
        target record;
      BEGIN
        SELECT c.reltuples INTO patients FROM pg_class c WHERE c.oid = to_regclass('patients');
        IF patients IS NULL OR patients <= 0 THEN
          RETURN;
        END IF;
        FOR target IN
          SELECT c.relname, c.reltuples FROM pg_class c
          WHERE c.oid IN (to_regclass('orders'), to_regclass('exams')) AND c.reltuples > 0
          ORDER BY c.relname
        LOOP
          EXECUTE format('ALTER TABLE %I ALTER COLUMN patient_id SET (n_distinct = %s)',
            target.relname, -least(1, patients / target.reltuples));
          EXECUTE format('ANALYZE %I (patient_id)', target.relname);
        END LOOP;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "patient_id" RESET (n_distinct)`);
    await queryRunner.query(`ALTER TABLE "exams" ALTER COLUMN "patient_id" RESET (n_distinct)`);
  }
}
