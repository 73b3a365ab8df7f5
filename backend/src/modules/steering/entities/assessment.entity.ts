import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { OrderEntity } from '../../model/entities/model.entity.js';

/**
 * The assessment of one order (DESIGN.md section 3): its indication group and population, its
 * outcome, the exclusion that cleared it, its level and score, and the versions of settings,
 * reference data and lexicon it was computed under, so a month can be recomputed identically.
 */
@Entity({ name: 'order_assessments' })
@Index('ix_order_assessments_level', ['level'])
@Index('ix_order_assessments_month', ['month'])
@Index('ix_order_assessments_provider', ['providerId'])
export class OrderAssessmentEntity {
  @PrimaryColumn({ name: 'order_pk', type: 'bigint' })
  orderPk: string;

  @OneToOne(() => OrderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_pk' })
  order: Relation<OrderEntity>;

  @Column({ name: 'provider_id', type: 'text', nullable: true }) providerId: string | null;
  /** The order's department when assessed (the rollups count the assessment under it). */
  @Column({ name: 'department_id', type: 'integer', nullable: true }) departmentId: number | null;
  /** Month of the order in the site time zone, YYYY-MM. */
  @Column({ type: 'text' }) month: string;
  @Column({ name: 'indication_group', type: 'text', nullable: true }) indicationGroup:
    string | null;
  /** ADULT | PEDIATRIC | PREGNANT */
  @Column({ type: 'text' }) population: string;
  /** ED | IP | OP | UNKNOWN: with group and population, the stratum of the MH analysis. */
  @Column({ type: 'text' }) setting: string;
  @Column({ name: 'is_opportunity', type: 'boolean' }) isOpportunity: boolean;
  @Column({ name: 'requested_rating', type: 'integer', nullable: true }) requestedRating:
    number | null;
  /** Modality, or CANCELLED / NOT_PERFORMED / PENDING. */
  @Column({ name: 'outcome_modality', type: 'text' }) outcomeModality: string;
  @Column({ name: 'outcome_rating', type: 'integer', nullable: true }) outcomeRating: number | null;
  /** exam | change | timeout | none */
  @Column({ name: 'outcome_event', type: 'text' }) outcomeEvent: string;
  @Column({ name: 'outcome_at', type: 'timestamptz', nullable: true }) outcomeAt: Date | null;
  /** KEPT | SUBSTITUTED | DOWNGRADED | PENDING | NOT_OPPORTUNITY | UNMAPPED */
  @Column({ type: 'text' }) outcome: string;
  /** LOW | MODERATE | HIGH at order time. */
  @Column({ type: 'text' }) band: string;
  @Column({ type: 'text', nullable: true }) exclusion: string | null;
  @Column({ name: 'exclusion_detail', type: 'text', nullable: true }) exclusionDetail:
    string | null;
  @Column({ name: 'non_dose_reason', type: 'text', nullable: true }) nonDoseReason: string | null;
  /** DOCUMENTED | PROBABLE | POSSIBLE | EXCLUDED, or null (not flagged). */
  @Column({ type: 'text', nullable: true }) level: string | null;
  /** The level the case rules gave before the clinician's pattern was considered. */
  @Column({ name: 'case_level', type: 'text', nullable: true }) caseLevel: string | null;
  @Column({ type: 'numeric', nullable: true }) score: string | null;
  @Column({ name: 'settings_version', type: 'integer' }) settingsVersion: number;
  @Column({ name: 'reference_version', type: 'integer' }) referenceVersion: number;
  @Column({ name: 'lexicon_version', type: 'text' }) lexiconVersion: string;
  @Column({ name: 'assessed_at', type: 'timestamptz', default: () => 'now()' }) assessedAt: Date;
}

/** One piece of case-level evidence (E1–E5) with its explanation and the inputs it used. */
@Entity({ name: 'order_signals' })
export class OrderSignalEntity {
  @PrimaryColumn({ name: 'order_pk', type: 'bigint' }) orderPk: string;
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) explanation: string;
  @Column({ type: 'jsonb' }) inputs: Record<string, unknown>;
}

/** Facts read from an order's free texts by the lexicon. */
@Entity({ name: 'order_text_facts' })
export class OrderTextFactsEntity {
  @PrimaryColumn({ name: 'order_pk', type: 'bigint' }) orderPk: string;
  @Column({ name: 'dose_phrase', type: 'text', nullable: true }) dosePhrase: string | null;
  @Column({ name: 'dose_text', type: 'text', nullable: true }) doseText: string | null;
  @Column({ name: 'negated_by', type: 'text', nullable: true }) negatedBy: string | null;
  @Column({ name: 'exclusion_codes', type: 'text', array: true }) exclusionCodes: string[];
  @Column({ name: 'exclusion_phrase', type: 'text', nullable: true }) exclusionPhrase:
    string | null;
  @Column({ name: 'non_dose_reason', type: 'text', nullable: true }) nonDoseReason: string | null;
  @Column({ name: 'lexicon_version', type: 'text' }) lexiconVersion: string;
}

/** A clinician's dose-history sensitivity: MH OR HIGH vs LOW, shrunk toward the site's. */
@Entity({ name: 'provider_patterns' })
export class ProviderPatternEntity {
  /** '*' is the site. */
  @PrimaryColumn({ name: 'provider_id', type: 'text' }) providerId: string;
  @Column({ type: 'integer' }) opportunities: number;
  @Column({ name: 'high_opportunities', type: 'integer' }) highOpportunities: number;
  @Column({ name: 'high_away', type: 'integer' }) highAway: number;
  @Column({ name: 'low_opportunities', type: 'integer' }) lowOpportunities: number;
  @Column({ name: 'low_away', type: 'integer' }) lowAway: number;
  @Column({ name: 'odds_ratio', type: 'double precision', nullable: true }) oddsRatio:
    number | null;
  @Column({ name: 'lower_95', type: 'double precision', nullable: true }) lower95: number | null;
  @Column({ name: 'upper_95', type: 'double precision', nullable: true }) upper95: number | null;
  @Column({ name: 'shrunk_odds_ratio', type: 'double precision' }) shrunkOddsRatio: number;
  /** HIGH-band patients of the clinician against the site's LOW-band patients (MH). */
  @Column({ name: 'reference_odds_ratio', type: 'double precision', nullable: true })
  referenceOddsRatio: number | null;
  @Column({ name: 'reference_lower_95', type: 'double precision', nullable: true })
  referenceLower95: number | null;
  @Column({ name: 'reference_upper_95', type: 'double precision', nullable: true })
  referenceUpper95: number | null;
  /** One-sided CMH p-value of the reference odds ratio above 1. */
  @Column({ name: 'reference_p_value', type: 'double precision', nullable: true })
  referencePValue: number | null;
  /** Benjamini–Hochberg q-value over the clinicians compared (null for the site). */
  @Column({ name: 'reference_q_value', type: 'double precision', nullable: true })
  referenceQValue: number | null;
  /** How many clinicians the analysis compared (the m of the adjustment). */
  @Column({ name: 'compared_clinicians', type: 'integer', default: 0 })
  comparedClinicians: number;
  @Column({ name: 'settings_version', type: 'integer' }) settingsVersion: number;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
