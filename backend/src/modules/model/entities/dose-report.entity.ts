import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { ExamEntity } from './model.entity.js';

/** Numeric columns arrive from pg as strings; the repositories convert them in one place. */
const numeric = { type: 'numeric' as const, nullable: true };

/**
 * One dose-report study (Study Instance UID): the union of its distinct events over every
 * report received for it, with totals as `mergeStudyReports` decides them.
 */
@Entity({ name: 'dose_report_studies' })
@Index('ix_dose_report_studies_exam', ['examId'])
@Index('ix_dose_report_studies_patient', ['patientId'])
export class DoseReportStudyEntity {
  @PrimaryColumn({ name: 'study_instance_uid', type: 'text' })
  studyInstanceUid: string;

  /** The reports merged (SOP Instance UIDs), in the order first received. */
  @Column({ name: 'sop_instance_uids', type: 'text', array: true })
  sopInstanceUids: string[];

  @Column({ name: 'accession_number', type: 'text', nullable: true })
  accessionNumber: string | null;

  @Column({ name: 'patient_id', type: 'text', nullable: true })
  patientId: string | null;

  @Column({ name: 'patient_birth_date', type: 'date', nullable: true })
  patientBirthDate: string | null;

  @Column({ name: 'patient_sex', type: 'text', nullable: true })
  patientSex: string | null;

  @Column({ name: 'patient_age_years', ...numeric })
  patientAgeYears: string | null;

  @Column({ name: 'study_date', type: 'date', nullable: true })
  studyDate: string | null;

  @Column({ name: 'performed_at', type: 'timestamptz', nullable: true })
  performedAt: Date | null;

  @Column({ name: 'study_description', type: 'text', nullable: true })
  studyDescription: string | null;

  @Column({ type: 'text', nullable: true })
  manufacturer: string | null;

  @Column({ name: 'manufacturer_model_name', type: 'text', nullable: true })
  manufacturerModelName: string | null;

  /** CT, RF, XA, MG or DX. */
  @Column({ type: 'text' })
  modality: string;

  /** The region of the event with the most dose (import-format body regions), or null. */
  @Column({ name: 'body_region', type: 'text', nullable: true })
  bodyRegion: string | null;

  @Column({ type: 'integer' })
  events: number;

  @Column({ name: 'ctdivol_max_mgy', ...numeric })
  ctdivolMaxMgy: string | null;

  @Column({ name: 'dlp_total_mgycm', ...numeric })
  dlpTotalMgyCm: string | null;

  /** covering_report | events | largest_report_total | none (merge-study-events.ts). */
  @Column({ name: 'dlp_total_source', type: 'text' })
  dlpTotalSource: string;

  @Column({ name: 'dap_total_gycm2', ...numeric })
  dapTotalGyCm2: string | null;

  @Column({ name: 'dap_total_source', type: 'text' })
  dapTotalSource: string;

  @Column({ name: 'dose_rp_total_mgy', ...numeric })
  doseRpTotalMgy: string | null;

  @Column({ name: 'dose_rp_total_source', type: 'text' })
  doseRpTotalSource: string;

  @Column({ name: 'fluoro_time_total_s', ...numeric })
  fluoroTimeTotalS: string | null;

  /** An effective dose the reports carry (CT Effective Dose Total or the events' own). */
  @Column({ name: 'recorded_effective_dose_msv', ...numeric })
  recordedEffectiveDoseMsv: string | null;

  /** CT: the sum over events of DLP x k (event region, patient age band); null otherwise. */
  @Column({ name: 'rdsr_effective_dose_msv', ...numeric })
  rdsrEffectiveDoseMsv: string | null;

  @Column({ name: 'rdsr_dose_method', type: 'text', nullable: true })
  rdsrDoseMethod: string | null;

  /** QA or phantom study: kept, never linked to an exam, never in a patient's dose. */
  @Column({ name: 'is_qa', type: 'boolean', default: false })
  isQa: boolean;

  /** Why it is QA ("patientId: physics"), or null. */
  @Column({ name: 'qa_match', type: 'text', nullable: true })
  qaMatch: string | null;

  /** The exam whose dose the study gives: the matching RIS exam, or its own `rdsr` exam. */
  @Column({ name: 'exam_id', type: 'bigint', nullable: true })
  examId: string | null;

  @ManyToOne(() => ExamEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'exam_id' })
  exam: Relation<ExamEntity> | null;

  /** Remarks from the merge (reports naming different patients, totals that disagree). */
  @Column({ name: 'merge_warnings', type: 'text', array: true, default: () => "'{}'" })
  mergeWarnings: string[];

  @Column({ name: 'last_run_id', type: 'integer', nullable: true })
  lastRunId: number | null;
}

/**
 * One irradiation event of a study, keyed by (Study Instance UID, Irradiation Event UID):
 * devices reuse event UIDs across studies (OpenREM's RF-RDSR-Siemens-Zee_adjusted). An event
 * without a UID is keyed `<SOP Instance UID>#<position in that report>`.
 */
@Entity({ name: 'dose_report_events' })
export class DoseReportEventEntity {
  @PrimaryColumn({ name: 'study_instance_uid', type: 'text' })
  studyInstanceUid: string;

  @PrimaryColumn({ name: 'irradiation_event_uid', type: 'text' })
  irradiationEventUid: string;

  /** Order of first appearance in the study (1-based). */
  @Column({ type: 'integer' })
  position: number;

  /** CT | PROJECTION */
  @Column({ type: 'text' })
  template: string;

  @Column({ name: 'event_type', type: 'text', nullable: true })
  eventType: string | null;

  @Column({ name: 'acquisition_protocol', type: 'text', nullable: true })
  acquisitionProtocol: string | null;

  /** Target Region as coded: "SRT:T-D3000 Chest". */
  @Column({ name: 'target_region', type: 'text', nullable: true })
  targetRegion: string | null;

  @Column({ name: 'body_region', type: 'text', nullable: true })
  bodyRegion: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ctdivol_mgy', ...numeric })
  ctdivolMgy: string | null;

  @Column({ name: 'dlp_mgycm', ...numeric })
  dlpMgyCm: string | null;

  @Column({ name: 'phantom_type', type: 'text', nullable: true })
  phantomType: string | null;

  @Column({ name: 'recorded_effective_dose_msv', ...numeric })
  recordedEffectiveDoseMsv: string | null;

  @Column({ name: 'acquisition_plane', type: 'text', nullable: true })
  acquisitionPlane: string | null;

  @Column({ name: 'dap_gycm2', ...numeric })
  dapGyCm2: string | null;

  @Column({ name: 'dose_rp_mgy', ...numeric })
  doseRpMgy: string | null;

  @Column({ name: 'irradiation_duration_s', ...numeric })
  irradiationDurationS: string | null;

  @Column({ name: 'average_glandular_dose_mgy', ...numeric })
  averageGlandularDoseMgy: string | null;

  @Column({ name: 'is_fluoroscopy', type: 'boolean', default: false })
  isFluoroscopy: boolean;

  /** DLP x k for the event's region and the patient's age band (CT), else null. */
  @Column({ name: 'effective_dose_estimate_msv', ...numeric })
  effectiveDoseEstimateMsv: string | null;

  @Column({ name: 'last_run_id', type: 'integer', nullable: true })
  lastRunId: number | null;
}
