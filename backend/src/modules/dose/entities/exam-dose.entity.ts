import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The effective dose the product uses for one exam (DESIGN.md section 2), written by the dose
 * step: its own narrow table, so a first load writes each exam once and its dose once (no
 * update of every exam after its insert). No foreign key (its check would lock, and so write
 * again, every exam); a trigger on exams removes the dose of a deleted exam (migration
 * 1795900400000). An exam without a row has an unknown dose.
 */
@Entity({ name: 'exam_doses' })
export class ExamDoseEntity {
  @PrimaryColumn({ name: 'exam_id', type: 'bigint', primaryKeyConstraintName: 'PK_exam_doses' })
  examId: string;

  /** Null when unknown. */
  @Column({ name: 'effective_dose_msv', type: 'numeric', nullable: true })
  effectiveDoseMsv: string | null;

  /** recorded | rdsr_estimate | dlp_estimate | typical | non_ionizing | unknown */
  @Column({ name: 'dose_source', type: 'text', default: 'unknown' })
  doseSource: string;

  @Column({ name: 'dose_method', type: 'text', nullable: true })
  doseMethod: string | null;
}
