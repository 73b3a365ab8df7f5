import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';

/** Numeric columns arrive from pg as strings; the repositories convert them in one place. */
const numeric = { type: 'numeric' as const, nullable: true };

@Entity({ name: 'departments' })
export class DepartmentEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text', unique: true })
  name: string;
}

@Entity({ name: 'providers' })
export class ProviderEntity {
  @PrimaryColumn({ name: 'provider_id', type: 'text' })
  providerId: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;
}

@Entity({ name: 'patients' })
export class PatientEntity {
  @PrimaryColumn({ name: 'patient_id', type: 'text' })
  patientId: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'text', nullable: true })
  sex: string | null;

  @Column({ name: 'last_run_id', type: 'integer', nullable: true })
  lastRunId: number | null;
}

@Entity({ name: 'orders' })
@Unique('uq_orders_source_order_id', ['source', 'orderId'])
@Index('ix_orders_patient_ordered_at', ['patientId', 'orderedAt'])
@Index('ix_orders_ordered_at_id', ['orderedAt', 'id'])
export class OrderEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'order_id', type: 'text' })
  orderId: string;

  @Column({ name: 'patient_id', type: 'text' })
  patientId: string;

  @ManyToOne(() => PatientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id' })
  patient: Relation<PatientEntity>;

  @Column({ name: 'ordered_at', type: 'timestamptz' })
  orderedAt: Date;

  @Column({ name: 'provider_id', type: 'text', nullable: true })
  providerId: string | null;

  @ManyToOne(() => ProviderEntity, { nullable: true })
  @JoinColumn({ name: 'provider_id' })
  provider: Relation<ProviderEntity> | null;

  @Column({ name: 'department_id', type: 'integer', nullable: true })
  departmentId: number | null;

  @ManyToOne(() => DepartmentEntity, { nullable: true })
  @JoinColumn({ name: 'department_id' })
  department: Relation<DepartmentEntity> | null;

  @Column({ type: 'text', nullable: true })
  setting: string | null;

  @Column({ name: 'indication_code', type: 'text', nullable: true })
  indicationCode: string | null;

  @Column({ name: 'indication_text', type: 'text', nullable: true })
  indicationText: string | null;

  @Column({ name: 'requested_modality', type: 'text' })
  requestedModality: string;

  @Column({ name: 'requested_procedure', type: 'text', nullable: true })
  requestedProcedure: string | null;

  @Column({ name: 'pregnancy_status', type: 'text', nullable: true })
  pregnancyStatus: string | null;

  @Column({ name: 'contrast_allergy', type: 'boolean', nullable: true })
  contrastAllergy: boolean | null;

  @Column({ name: 'egfr', ...numeric })
  egfr: string | null;

  @Column({ name: 'dose_alert_shown', type: 'boolean', nullable: true })
  doseAlertShown: boolean | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'last_run_id', type: 'integer', nullable: true })
  lastRunId: number | null;
}

@Entity({ name: 'order_changes' })
@Unique('uq_order_changes_natural', ['orderPk', 'changedAt', 'action'])
export class OrderChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'order_pk', type: 'bigint' })
  orderPk: string;

  @ManyToOne(() => OrderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_pk' })
  order: Relation<OrderEntity>;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'new_modality', type: 'text', nullable: true })
  newModality: string | null;

  @Column({ name: 'new_procedure', type: 'text', nullable: true })
  newProcedure: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'changed_by', type: 'text', nullable: true })
  changedBy: string | null;

  @Column({ name: 'last_run_id', type: 'integer', nullable: true })
  lastRunId: number | null;
}

@Entity({ name: 'exams' })
@Unique('uq_exams_source_accession', ['source', 'accession'])
@Index('ix_exams_patient_performed_at', ['patientId', 'performedAt'])
@Index('ix_exams_order_pk', ['orderPk'], { where: 'order_pk IS NOT NULL' })
@Index('ix_exams_performed_at', ['performedAt'])
export class ExamEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  accession: string;

  @Column({ name: 'patient_id', type: 'text' })
  patientId: string;

  @ManyToOne(() => PatientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'patient_id' })
  patient: Relation<PatientEntity>;

  @Column({ name: 'order_pk', type: 'bigint', nullable: true })
  orderPk: string | null;

  @ManyToOne(() => OrderEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'order_pk' })
  order: Relation<OrderEntity> | null;

  @Column({ name: 'performed_at', type: 'timestamptz' })
  performedAt: Date;

  @Column({ type: 'text' })
  modality: string;

  @Column({ type: 'text', nullable: true })
  procedure: string | null;

  @Column({ name: 'body_region', type: 'text', nullable: true })
  bodyRegion: string | null;

  @Column({ name: 'ctdivol_mgy', ...numeric })
  ctdivolMgy: string | null;

  @Column({ name: 'dlp_mgycm', ...numeric })
  dlpMgyCm: string | null;

  /** The effective dose the source recorded, as imported. */
  @Column({ name: 'recorded_effective_dose_msv', ...numeric })
  recordedEffectiveDoseMsv: string | null;

  // the effective dose the product uses is in exam_doses (ExamDoseEntity), one row per exam

  @Column({ name: 'is_qa', type: 'boolean', default: false })
  isQa: boolean;

  @Column({ name: 'last_run_id', type: 'integer', nullable: true })
  lastRunId: number | null;
}
