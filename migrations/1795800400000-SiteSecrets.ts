import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Site-wide secrets generated on first use (the key of the clinicians' pseudonyms). */
export class SiteSecrets1795800400000 implements MigrationInterface {
  name = 'SiteSecrets1795800400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "site_secrets" ("name" text NOT NULL, "secret" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_site_secrets" PRIMARY KEY ("name"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "site_secrets"`);
  }
}
