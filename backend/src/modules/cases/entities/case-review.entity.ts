import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One review of a case; append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Entity({ name: 'case_reviews' })
export class CaseReviewEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'order_pk', type: 'bigint' }) orderPk: string;
  /** CONFIRMED_STEERING | CLINICALLY_JUSTIFIED | DATA_ERROR | NEEDS_DISCUSSION */
  @Column({ type: 'text' }) disposition: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** The reviewer's email. */
  @Column({ type: 'text' }) reviewer: string;
  @Column({ name: 'reviewer_user_id', type: 'text', nullable: true }) reviewerUserId: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', default: () => 'now()' }) reviewedAt: Date;
}

/** Who a case is assigned to now (the history of assignments is in the audit trail). */
@Entity({ name: 'case_assignments' })
export class CaseAssignmentEntity {
  @PrimaryColumn({ name: 'order_pk', type: 'bigint' }) orderPk: string;
  @Column({ type: 'text' }) assignee: string;
  @Column({ name: 'assigned_by', type: 'text' }) assignedBy: string;
  @Column({ name: 'assigned_at', type: 'timestamptz', default: () => 'now()' }) assignedAt: Date;
}
