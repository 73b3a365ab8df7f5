import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The loads whose orders may not be assessed yet, so that the analysis looks for never-assessed
 * orders only when there can be some. Every load records itself here in its transaction (xact:
 * that transaction); the analysis after a load removes its own load's row (the load's orders
 * belong to its touched patients, all in scope), and a run that finds other rows (a load made
 * without the analysis: the pipeline's `analyse: false`, an ImportService without its after-load
 * hook) looks for never-assessed orders among every order and removes the rows it read. Before
 * this, every analysis did that search: an anti-join of every order with every assessment (2 s
 * at 1M orders on each one-day delta, finding only the delta's own orders).
 *
 * An existing database with orders never assessed (a load without the analysis before this
 * migration) gets one row here, so its next analysis still finds them.
 */
export class UnassessedLoads1796000500000 implements MigrationInterface {
  name = 'UnassessedLoads1796000500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "unassessed_loads" ("xact" xid8 NOT NULL DEFAULT pg_current_xact_id(), "run_id" integer, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_unassessed_loads" PRIMARY KEY ("xact"))`,
    );
    await queryRunner.query(
      `INSERT INTO "unassessed_loads" ("run_id")
       SELECT NULL WHERE EXISTS (
         SELECT 1 FROM "orders" o
         WHERE NOT EXISTS (SELECT 1 FROM "order_assessments" a WHERE a."order_pk" = o."id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "unassessed_loads"`);
  }
}
