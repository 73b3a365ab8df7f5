import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PROBABLE gate accounts for how many clinicians were compared: each clinician's one-sided
 * p-value of the reference odds ratio above 1, its Benjamini–Hochberg q-value over the
 * clinicians compared in the same analysis, and that number.
 */
export class ClinicianFalseDiscovery1795800200000 implements MigrationInterface {
  name = 'ClinicianFalseDiscovery1795800200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "provider_patterns" ADD "reference_p_value" double precision`,
    );
    await queryRunner.query(
      `ALTER TABLE "provider_patterns" ADD "reference_q_value" double precision`,
    );
    await queryRunner.query(
      `ALTER TABLE "provider_patterns" ADD "compared_clinicians" integer NOT NULL DEFAULT 0`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "provider_patterns" DROP COLUMN "compared_clinicians"`);
    await queryRunner.query(`ALTER TABLE "provider_patterns" DROP COLUMN "reference_q_value"`);
    await queryRunner.query(`ALTER TABLE "provider_patterns" DROP COLUMN "reference_p_value"`);
  }
}
