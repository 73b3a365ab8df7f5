import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One version of the reference data set (seeded from data/*.csv, edited by sites later). */
@Entity({ name: 'reference_versions' })
export class ReferenceVersionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  version: number;

  /** Hash of the content, so seeding the same data twice makes no new version. */
  @Column({ name: 'content_hash', type: 'text', unique: true })
  contentHash: string;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

@Entity({ name: 'dlp_coefficients' })
export class DlpCoefficientEntity {
  @PrimaryColumn({ type: 'text' }) method: string;
  @PrimaryColumn({ name: 'body_region', type: 'text' }) bodyRegion: string;
  @PrimaryColumn({ name: 'age_years', type: 'integer' }) ageYears: number;
  @Column({ name: 'k_msv_per_mgycm', type: 'numeric' }) kMsvPerMgyCm: string;
  @Column({ type: 'text', nullable: true }) source: string | null;
}

@Entity({ name: 'typical_doses' })
export class TypicalDoseEntity {
  @PrimaryColumn({ type: 'text' }) modality: string;
  @PrimaryColumn({ name: 'body_region', type: 'text' }) bodyRegion: string;
  @Column({ name: 'typical_msv', type: 'numeric' }) typicalMsv: string;
  @Column({ type: 'text', nullable: true }) exam: string | null;
  @Column({ type: 'text', nullable: true }) source: string | null;
}

@Entity({ name: 'indication_groups' })
export class IndicationGroupEntity {
  @PrimaryColumn({ name: 'reference_version', type: 'integer' }) referenceVersion: number;
  @PrimaryColumn({ name: 'indication_group', type: 'text' }) indicationGroup: string;
  @Column({ name: 'needs_iodinated_contrast', type: 'boolean' }) needsIodinatedContrast: boolean;
  @Column({ type: 'text', nullable: true }) description: string | null;
}

@Entity({ name: 'appropriateness' })
@Unique('uq_appropriateness', ['referenceVersion', 'indicationGroup', 'population', 'modality'])
export class AppropriatenessEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ name: 'reference_version', type: 'integer' }) referenceVersion: number;
  @Column({ name: 'indication_group', type: 'text' }) indicationGroup: string;
  /** ICD-10-CM prefixes, normalised (no dots, upper case). */
  @Column({ name: 'icd10_prefixes', type: 'text', array: true }) icd10Prefixes: string[];
  @Column({ type: 'text' }) population: string;
  @Column({ type: 'text' }) modality: string;
  @Column({ type: 'integer' }) rating: number;
  @Column({ type: 'text', nullable: true }) basis: string | null;
}
