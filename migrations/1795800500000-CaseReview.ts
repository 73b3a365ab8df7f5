import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The same level order everywhere a case list is sorted by level (most severe highest). */
export const LEVEL_RANK_SQL = `(CASE "level" WHEN 'DOCUMENTED' THEN 4 WHEN 'PROBABLE' THEN 3 WHEN 'POSSIBLE' THEN 2 ELSE 1 END)`;

/**
 * Case review: an append-only history of reviews (a case may be reviewed again; nothing is
 * overwritten), the current assignment of a case, and the indexes the case list walks for its
 * keyset pagination (score, level then score, and order date), so a page never needs OFFSET,
 * and the orders of a department, for department managers' lists and counts.
 */
export class CaseReview1795800500000 implements MigrationInterface {
  name = 'CaseReview1795800500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "case_reviews" (
        "id" bigserial PRIMARY KEY,
        "order_pk" bigint NOT NULL REFERENCES "orders" ("id"),
        "disposition" text NOT NULL,
        "note" text,
        "reviewer" text NOT NULL,
        "reviewer_user_id" text,
        "reviewed_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "case_reviews_disposition" CHECK ("disposition" IN
          ('CONFIRMED_STEERING', 'CLINICALLY_JUSTIFIED', 'DATA_ERROR', 'NEEDS_DISCUSSION'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_case_reviews_order" ON "case_reviews" ("order_pk", "reviewed_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "case_reviews_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_reviews is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "case_reviews_append_only"
        BEFORE UPDATE OR DELETE OR TRUNCATE ON "case_reviews"
        FOR EACH STATEMENT EXECUTE FUNCTION "case_reviews_append_only"()`);
    await queryRunner.query(`
      CREATE TABLE "case_assignments" (
        "order_pk" bigint PRIMARY KEY REFERENCES "orders" ("id"),
        "assignee" text NOT NULL,
        "assigned_by" text NOT NULL,
        "assigned_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_case_assignments_assignee" ON "case_assignments" ("assignee")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_cases_score" ON "order_assessments" ("score", "order_pk") WHERE "level" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_cases_level" ON "order_assessments" (${LEVEL_RANK_SQL}, "score", "order_pk") WHERE "level" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_orders_ordered_at_id" ON "orders" ("ordered_at", "id")`,
    );
    // a department manager's cases: the orders of their departments, read from the index alone
    await queryRunner.query(
      `CREATE INDEX "ix_orders_department_id" ON "orders" ("department_id", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_orders_department_id"`);
    await queryRunner.query(`DROP INDEX "ix_orders_ordered_at_id"`);
    await queryRunner.query(`DROP INDEX "ix_cases_level"`);
    await queryRunner.query(`DROP INDEX "ix_cases_score"`);
    await queryRunner.query(`DROP TABLE "case_assignments"`);
    await queryRunner.query(`DROP TRIGGER "case_reviews_append_only" ON "case_reviews"`);
    await queryRunner.query(`DROP FUNCTION "case_reviews_append_only"()`);
    await queryRunner.query(`DROP TABLE "case_reviews"`);
  }
}
