import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's review status as one SQL function owned by the database, so the case API and the
 * `export cases` file read the same rule without one module importing the other's SQL:
 * REVIEWED once any review exists, ASSIGNED while only an assignment does, else OPEN. A
 * single-statement STABLE SQL function, which the planner inlines like the expression it holds.
 */
export class CaseReviewStatusFunction1795800500100 implements MigrationInterface {
  name = 'CaseReviewStatusFunction1795800500100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION case_review_status(order_pk bigint) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN EXISTS (SELECT 1 FROM case_reviews cr WHERE cr.order_pk = $1) THEN 'REVIEWED'
          WHEN EXISTS (SELECT 1 FROM case_assignments ca WHERE ca.order_pk = $1) THEN 'ASSIGNED'
          ELSE 'OPEN' END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION case_review_status(bigint)`);
  }
}
