import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A site-wide secret generated on first use (see clinician-pseudonym.ts). */
@Entity({ name: 'site_secrets' })
export class SiteSecretEntity {
  @PrimaryColumn({ type: 'text' }) name: string;
  @Column({ type: 'bytea' }) secret: Buffer;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
