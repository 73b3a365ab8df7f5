import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far an incremental source (the PostgreSQL source of DESIGN.md section 5) has been read:
 * per source name and entity, the watermark of the last row read, as the source's own text
 * (so no precision is lost) with its type. Written in the same transaction as the model rows
 * of the run that read it, so a failed or killed run leaves it where it was and is re-read.
 */
@Entity({ name: 'source_watermarks' })
export class SourceWatermarkEntity {
  @PrimaryColumn({ type: 'text' })
  source: string;

  /** patients | orders | order_changes | exams */
  @PrimaryColumn({ type: 'text' })
  entity: string;

  @Column({ type: 'text' })
  watermark: string;

  /** The watermark column's type on the source (PostgreSQL `format_type`). */
  @Column({ name: 'watermark_type', type: 'text' })
  watermarkType: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'run_id', type: 'integer' })
  runId: number;
}
