import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Landing tables keep every raw record an adapter read, one row per record, as text in the
 * import format's columns. `error_field`/`error_reason` hold a format error found while
 * landing; the normaliser turns the rest into the model and moves failures to `rejections`.
 */
abstract class LandingRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'run_id', type: 'integer' })
  runId: number;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  file: string;

  /** Line (or record number) where the record starts. */
  @Column({ type: 'integer' })
  line: number;

  @Column({ type: 'text', nullable: true })
  raw: string | null;

  @Column({ name: 'error_field', type: 'text', nullable: true })
  errorField: string | null;

  @Column({ name: 'error_reason', type: 'text', nullable: true })
  errorReason: string | null;
}

@Entity({ name: 'landing_patients' })
@Index('ix_landing_patients_run', ['runId'])
export class LandingPatientEntity extends LandingRow {
  @Column({ name: 'patient_id', type: 'text', nullable: true }) patientId: string | null;
  @Column({ name: 'birth_date', type: 'text', nullable: true }) birthDate: string | null;
  @Column({ type: 'text', nullable: true }) sex: string | null;
}

@Entity({ name: 'landing_orders' })
@Index('ix_landing_orders_run', ['runId'])
export class LandingOrderEntity extends LandingRow {
  @Column({ name: 'order_id', type: 'text', nullable: true }) orderId: string | null;
  @Column({ name: 'patient_id', type: 'text', nullable: true }) patientId: string | null;
  @Column({ name: 'ordered_at', type: 'text', nullable: true }) orderedAt: string | null;
  @Column({ name: 'provider_id', type: 'text', nullable: true }) providerId: string | null;
  @Column({ name: 'provider_name', type: 'text', nullable: true }) providerName: string | null;
  @Column({ type: 'text', nullable: true }) department: string | null;
  @Column({ type: 'text', nullable: true }) setting: string | null;
  @Column({ name: 'indication_code', type: 'text', nullable: true }) indicationCode: string | null;
  @Column({ name: 'indication_text', type: 'text', nullable: true }) indicationText: string | null;
  @Column({ name: 'requested_modality', type: 'text', nullable: true })
  requestedModality: string | null;
  @Column({ name: 'requested_procedure', type: 'text', nullable: true })
  requestedProcedure: string | null;
  @Column({ name: 'pregnancy_status', type: 'text', nullable: true })
  pregnancyStatus: string | null;
  @Column({ name: 'contrast_allergy', type: 'text', nullable: true })
  contrastAllergy: string | null;
  @Column({ type: 'text', nullable: true }) egfr: string | null;
  @Column({ name: 'dose_alert_shown', type: 'text', nullable: true })
  doseAlertShown: string | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
}

@Entity({ name: 'landing_order_changes' })
@Index('ix_landing_order_changes_run', ['runId'])
export class LandingOrderChangeEntity extends LandingRow {
  @Column({ name: 'order_id', type: 'text', nullable: true }) orderId: string | null;
  @Column({ name: 'changed_at', type: 'text', nullable: true }) changedAt: string | null;
  @Column({ type: 'text', nullable: true }) action: string | null;
  @Column({ name: 'new_modality', type: 'text', nullable: true }) newModality: string | null;
  @Column({ name: 'new_procedure', type: 'text', nullable: true }) newProcedure: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'changed_by', type: 'text', nullable: true }) changedBy: string | null;
}

@Entity({ name: 'landing_exams' })
@Index('ix_landing_exams_run', ['runId'])
export class LandingExamEntity extends LandingRow {
  @Column({ type: 'text', nullable: true }) accession: string | null;
  @Column({ name: 'patient_id', type: 'text', nullable: true }) patientId: string | null;
  @Column({ name: 'order_id', type: 'text', nullable: true }) orderId: string | null;
  @Column({ name: 'performed_at', type: 'text', nullable: true }) performedAt: string | null;
  @Column({ type: 'text', nullable: true }) modality: string | null;
  @Column({ type: 'text', nullable: true }) procedure: string | null;
  @Column({ name: 'body_region', type: 'text', nullable: true }) bodyRegion: string | null;
  @Column({ name: 'ctdivol_mgy', type: 'text', nullable: true }) ctdivolMgy: string | null;
  @Column({ name: 'dlp_mgycm', type: 'text', nullable: true }) dlpMgyCm: string | null;
  @Column({ name: 'effective_dose_msv', type: 'text', nullable: true })
  effectiveDoseMsv: string | null;
}

@Entity({ name: 'ingest_runs' })
export class IngestRunEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** csv | fhir | postgres | rdsr | analyse */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  source: string;

  /** What was read: a folder, a file, a source database (without credentials). */
  @Column({ type: 'text', nullable: true })
  target: string | null;

  /** The files (or source tables) it read, relative to the target; empty for an analysis. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  files: string[];

  @Column({ name: 'started_by', type: 'text' })
  startedBy: string;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** running | succeeded | failed */
  @Column({ type: 'text', default: 'running' })
  status: string;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead: number;

  @Column({ name: 'rows_loaded', type: 'integer', default: 0 })
  rowsLoaded: number;

  @Column({ name: 'rows_rejected', type: 'integer', default: 0 })
  rowsRejected: number;

  @Column({ name: 'rows_warned', type: 'integer', default: 0 })
  rowsWarned: number;

  @Column({ type: 'text', nullable: true })
  message: string | null;
}

@Entity({ name: 'rejections' })
@Index('ix_rejections_run', ['runId'])
export class RejectionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'run_id', type: 'integer' })
  runId: number;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  entity: string;

  @Column({ type: 'text' })
  file: string;

  @Column({ type: 'integer' })
  line: number;

  @Column({ type: 'text', nullable: true })
  field: string | null;

  @Column({ type: 'text' })
  reason: string;

  /** error: the record was not loaded; warning: it was, with a remark (e.g. a duplicate). */
  @Column({ type: 'text', default: 'error' })
  severity: string;

  @Column({ type: 'text', nullable: true })
  raw: string | null;

  /** The same bad record of the same file is reported once, however often it is imported. */
  @Column({ type: 'text', unique: true })
  fingerprint: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
