import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * orders carried two indexes on the order time: ix_orders_ordered_at (ordered_at) from the first
 * schema and ix_orders_ordered_at_id (ordered_at, id), added for the case list's keyset pages.
 * The second answers every search the first does (its leading column), so the first only cost
 * its upkeep: a sixth index entry per order written (every delta's orders, a rebuild on every
 * first load) and 21 MB per million orders.
 */
export class OrdersOneOrderedAtIndex1796001000000 implements MigrationInterface {
  name = 'OrdersOneOrderedAtIndex1796001000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "ix_orders_ordered_at"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_orders_ordered_at" ON "orders" ("ordered_at")`);
  }
}
