import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every file an `import rdsr` run read, one row per file: a parsed dose report (with the parsed
 * report as JSON, the input of the per-study merge) or a file that is not one (with its
 * reason; the normaliser turns it into a rejection). Rows of a run that never finished are
 * ignored by every later merge, so an interrupted import leaves no trace in the model.
 */
@Entity({ name: 'landing_dose_reports' })
@Index('ix_landing_dose_reports_run', ['runId'])
@Index('ix_landing_dose_reports_study', ['studyInstanceUid', 'sopInstanceUid'])
export class LandingDoseReportEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'run_id', type: 'integer' })
  runId: number;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  file: string;

  /** SHA-256 of the file's bytes: the same bad file is reported once, however often read. */
  @Column({ name: 'content_sha256', type: 'text' })
  contentSha256: string;

  @Column({ type: 'integer' })
  bytes: number;

  /** parsed | rejected */
  @Column({ type: 'text' })
  status: string;

  /** The parser's rejection code (not_dicom, truncated, not_dose_report, ...). */
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_reason', type: 'text', nullable: true })
  errorReason: string | null;

  @Column({ name: 'sop_instance_uid', type: 'text', nullable: true })
  sopInstanceUid: string | null;

  @Column({ name: 'study_instance_uid', type: 'text', nullable: true })
  studyInstanceUid: string | null;

  /** The parsed DoseReport (dose-report.types.ts), null for a rejected file. */
  @Column({ type: 'jsonb', nullable: true })
  report: unknown;

  /** Remarks on a parsed file (unknown units, unknown totals, events without a UID). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  warnings: string[];
}
