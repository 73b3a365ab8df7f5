import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Thresholds and options, versioned so a month's figures can be reproduced. */
@Entity({ name: 'settings_versions' })
export class SettingsVersionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  values: Record<string, unknown>;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
