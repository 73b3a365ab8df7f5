import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Watermarks of incremental sources (the PostgreSQL source): one row per source and entity. */
export class SourceWatermarks1795697130590 implements MigrationInterface {
  name = 'SourceWatermarks1795697130590';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "source_watermarks" ("source" text NOT NULL, "entity" text NOT NULL, "watermark" text NOT NULL, "watermark_type" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "run_id" integer NOT NULL, CONSTRAINT "PK_source_watermarks" PRIMARY KEY ("source", "entity"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "source_watermarks"`);
  }
}
