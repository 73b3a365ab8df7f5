import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One row of the append-only audit trail (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  /** Email of the user, `token:<name> (<email>)`, or the operating-system user for the CLI. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'object_type', type: 'text', nullable: true })
  objectType: string | null;

  @Column({ name: 'object_id', type: 'text', nullable: true })
  objectId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;
}
