// Dose reports (DICOM RDSR): landing rows per file, studies and their irradiation events.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DoseReports1795697608519 implements MigrationInterface {
  name = 'DoseReports1795697608519';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "landing_dose_reports" ("id" BIGSERIAL NOT NULL, "run_id" integer NOT NULL, "source" text NOT NULL, "file" text NOT NULL, "content_sha256" text NOT NULL, "bytes" integer NOT NULL, "status" text NOT NULL, "error_code" text, "error_reason" text, "sop_instance_uid" text, "study_instance_uid" text, "report" jsonb, "warnings" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_09685c4e53c907b519b1c93115f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_landing_dose_reports_study" ON "landing_dose_reports"  ("study_instance_uid", "sop_instance_uid") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_landing_dose_reports_run" ON "landing_dose_reports"  ("run_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dose_report_studies" ("study_instance_uid" text NOT NULL, "sop_instance_uids" text array NOT NULL, "accession_number" text, "patient_id" text, "patient_birth_date" date, "patient_sex" text, "patient_age_years" numeric, "study_date" date, "performed_at" TIMESTAMP WITH TIME ZONE, "study_description" text, "manufacturer" text, "manufacturer_model_name" text, "modality" text NOT NULL, "body_region" text, "events" integer NOT NULL, "ctdivol_max_mgy" numeric, "dlp_total_mgycm" numeric, "dlp_total_source" text NOT NULL, "dap_total_gycm2" numeric, "dap_total_source" text NOT NULL, "dose_rp_total_mgy" numeric, "dose_rp_total_source" text NOT NULL, "fluoro_time_total_s" numeric, "recorded_effective_dose_msv" numeric, "rdsr_effective_dose_msv" numeric, "rdsr_dose_method" text, "is_qa" boolean NOT NULL DEFAULT false, "qa_match" text, "exam_id" bigint, "merge_warnings" text array NOT NULL DEFAULT '{}', "last_run_id" integer, CONSTRAINT "PK_2f3ad3f9ce9efd2334bf2745c71" PRIMARY KEY ("study_instance_uid"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dose_report_studies_patient" ON "dose_report_studies"  ("patient_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dose_report_studies_exam" ON "dose_report_studies"  ("exam_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dose_report_events" ("study_instance_uid" text NOT NULL, "irradiation_event_uid" text NOT NULL, "position" integer NOT NULL, "template" text NOT NULL, "event_type" text, "acquisition_protocol" text, "target_region" text, "body_region" text, "started_at" TIMESTAMP WITH TIME ZONE, "ctdivol_mgy" numeric, "dlp_mgycm" numeric, "phantom_type" text, "recorded_effective_dose_msv" numeric, "acquisition_plane" text, "dap_gycm2" numeric, "dose_rp_mgy" numeric, "irradiation_duration_s" numeric, "average_glandular_dose_mgy" numeric, "is_fluoroscopy" boolean NOT NULL DEFAULT false, "effective_dose_estimate_msv" numeric, "last_run_id" integer, CONSTRAINT "PK_cfacf61ba3a9a3a72c70a3077de" PRIMARY KEY ("study_instance_uid", "irradiation_event_uid"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dose_report_studies" ADD CONSTRAINT "FK_94962eba94433a114dc853fb472" FOREIGN KEY ("exam_id") REFERENCES "exams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dose_report_studies" DROP CONSTRAINT "FK_94962eba94433a114dc853fb472"`,
    );
    await queryRunner.query(`DROP TABLE "dose_report_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dose_report_studies_exam"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dose_report_studies_patient"`);
    await queryRunner.query(`DROP TABLE "dose_report_studies"`);
    await queryRunner.query(`DROP INDEX "public"."ix_landing_dose_reports_run"`);
    await queryRunner.query(`DROP INDEX "public"."ix_landing_dose_reports_study"`);
    await queryRunner.query(`DROP TABLE "landing_dose_reports"`);
  }
}
