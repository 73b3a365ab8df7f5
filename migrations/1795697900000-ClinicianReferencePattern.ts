import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The clinician's HIGH-band patients against the site's LOW-band ones: the PROBABLE gate. */
export class ClinicianReferencePattern1795697900000 implements MigrationInterface {
  name = 'ClinicianReferencePattern1795697900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "provider_patterns" ADD "reference_odds_ratio" double precision`,
    );
    await queryRunner.query(
      `ALTER TABLE "provider_patterns" ADD "reference_lower_95" double precision`,
    );
    await queryRunner.query(
      `ALTER TABLE "provider_patterns" ADD "reference_upper_95" double precision`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "provider_patterns" DROP COLUMN "reference_upper_95"`);
    await queryRunner.query(`ALTER TABLE "provider_patterns" DROP COLUMN "reference_lower_95"`);
    await queryRunner.query(`ALTER TABLE "provider_patterns" DROP COLUMN "reference_odds_ratio"`);
  }
}
