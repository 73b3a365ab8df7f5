import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { precisionCeiling, type CeilingCounts } from './domain/precision-ceiling.js';
import {
  CEILING_COUNTS,
  CLINICIAN_ODDS,
  CONFLICT_CLINICIANS,
  CREATE_TRUTH_TABLE,
  INSERT_TRUTH,
  LEVELS_BY_TRUTH,
  SITE_ODDS,
} from './evaluation.sql.js';

export interface LevelCount {
  readonly level: string;
  readonly steered: number;
  readonly notSteered: number;
}

export interface CategoryCount {
  readonly category: string;
  readonly orders: number;
  readonly documented: number;
  readonly probable: number;
  readonly possible: number;
  readonly excluded: number;
}

export interface ClinicianEvaluation {
  readonly providerId: string;
  readonly providerSteers: boolean;
  readonly oddsRatio: number | null;
  readonly lower95: number | null;
  readonly upper95: number | null;
  readonly shrunkOddsRatio: number | null;
  /** HIGH-band patients of the clinician vs the site's LOW-band patients (the PROBABLE gate). */
  readonly referenceOddsRatio: number | null;
  readonly referenceLower95: number | null;
  readonly referenceUpper95: number | null;
  /** Benjamini–Hochberg q-value of the reference test over the clinicians compared. */
  readonly referenceQValue: number | null;
}

export interface Evaluation {
  readonly truthOrders: number;
  readonly matchedOrders: number;
  readonly conflicts: {
    readonly flagged: number;
    readonly truePositives: number;
    readonly steered: number;
    readonly precision: number | null;
    readonly recall: number | null;
    /**
     * Steered orders the case rules make DOCUMENTED or PROBABLE candidates (before the
     * clinician gate). The others are by design at most POSSIBLE: a HIGH-band order placed
     * directly for a low-rated modality, a concordant substitute (with dose wording: POSSIBLE),
     * a silent switch to a concordant alternative.
     */
    readonly steeredCandidates: number;
    /** Conflicts among steered candidates over steeredCandidates: what the gate keeps. */
    readonly candidateRecall: number | null;
    /** Steered orders flagged POSSIBLE (for review, not conflicts). */
    readonly steeredPossible: number;
  };
  /**
   * The best reachable precision (domain/precision-ceiling.ts): an oracle told which clinicians
   * steer flags every steered order and every away-switch with no dose motive by a steering
   * clinician in a HIGH-band patient, which the records cannot tell apart; its precision bounds
   * any detector's at recall 1. At recall 0.90 the bound flags the steered orders with dose talk
   * first, then a share of the indistinguishable pool.
   */
  readonly ceiling: CeilingCounts & {
    readonly precisionAtRecall1: number | null;
    readonly precisionAtRecall90: number | null;
  };
  readonly byLevel: readonly LevelCount[];
  readonly byCategory: readonly CategoryCount[];
  /** Orders of an exclusion category flagged DOCUMENTED, PROBABLE or POSSIBLE (must be 0). */
  readonly exclusionCategoriesFlagged: number;
  /** Clinicians with at least one conflict (DOCUMENTED or PROBABLE), steering or not. */
  readonly conflictClinicians: { readonly all: number; readonly notSteering: number };
  readonly clinicians: {
    readonly steering: number;
    /** Own MH OR (HIGH vs LOW among the clinician's patients). */
    readonly steeringWithCiAbove1: number;
    readonly others: number;
    readonly othersWithCiContaining1: number;
    /** Reference OR (the clinician's HIGH vs the site's LOW). */
    readonly steeringWithReferenceCiAbove1: number;
    readonly othersWithReferenceCiContaining1: number;
    readonly list: readonly ClinicianEvaluation[];
  };
  readonly site: { oddsRatio: number | null; lower95: number | null; upper95: number | null };
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

async function loadTruth(manager: EntityManager, file: string): Promise<number> {
  await manager.query(CREATE_TRUTH_TABLE);
  const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, trim: true }));
  let batch: Record<string, string>[] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await manager.query(INSERT_TRUTH, [
      batch.map((row) => row.order_id),
      batch.map((row) => row.steered === '1'),
      batch.map((row) => row.category),
      batch.map((row) => row.provider_id || null),
      batch.map((row) => row.provider_steers === '1'),
    ]);
    count += batch.length;
    batch = [];
  };
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    batch.push(row);
    if (batch.length >= 10000) await flush();
  }
  await flush();
  return count;
}

/**
 * Detection quality against a generator's truth file: precision and recall of conflicts
 * (DOCUMENTED + PROBABLE), counts per level and per truth category, each clinician's OR against
 * whether the generator made them steer, and the site OR.
 */
@Injectable()
export class EvaluationService {
  constructor(private readonly dataSource: DataSource) {}

  async evaluate(truthFile: string, source = 'csv'): Promise<Evaluation> {
    return this.dataSource.transaction(async (manager) => {
      const truthOrders = await loadTruth(manager, truthFile);
      const rows: {
        category: string;
        steered: boolean;
        level: string | null;
        case_level: string | null;
        orders: number;
      }[] = await manager.query(LEVELS_BY_TRUTH, [source]);
      const matchedOrders = rows.reduce((sum, row) => sum + row.orders, 0);
      const isConflict = (level: string | null) => level === 'DOCUMENTED' || level === 'PROBABLE';
      const sum = (filter: (row: (typeof rows)[number]) => boolean) =>
        rows.filter(filter).reduce((total, row) => total + row.orders, 0);
      const flagged = sum((row) => isConflict(row.level));
      const truePositives = sum((row) => isConflict(row.level) && row.steered);
      const steered = sum((row) => row.steered);
      const isCandidate = (row: (typeof rows)[number]) =>
        row.steered && (row.case_level === 'DOCUMENTED' || row.case_level === 'PROBABLE');
      const steeredCandidates = sum(isCandidate);
      const candidateTruePositives = sum((row) => isCandidate(row) && isConflict(row.level));

      const levels = ['DOCUMENTED', 'PROBABLE', 'POSSIBLE', 'EXCLUDED', 'none'];
      const byLevel = levels.map((level) => ({
        level,
        steered: sum((row) => (row.level ?? 'none') === level && row.steered),
        notSteered: sum((row) => (row.level ?? 'none') === level && !row.steered),
      }));
      const categories = [...new Set(rows.map((row) => row.category))].sort();
      const byCategory = categories.map((category) => {
        const inCategory = (level: string) =>
          sum((row) => row.category === category && row.level === level);
        return {
          category,
          orders: sum((row) => row.category === category),
          documented: inCategory('DOCUMENTED'),
          probable: inCategory('PROBABLE'),
          possible: inCategory('POSSIBLE'),
          excluded: inCategory('EXCLUDED'),
        };
      });
      const exclusionCategoriesFlagged = sum(
        (row) =>
          /^EXCL/.test(row.category) &&
          ['DOCUMENTED', 'PROBABLE', 'POSSIBLE'].includes(row.level ?? ''),
      );

      const [ceilingCounts]: CeilingCounts[] = await manager.query(CEILING_COUNTS, [source]);

      const [conflictClinicians]: { all: number; not_steering: number }[] = await manager.query(
        CONFLICT_CLINICIANS,
        [source],
      );

      const clinicianRows: {
        provider_id: string;
        provider_steers: boolean;
        odds_ratio: number | null;
        lower_95: number | null;
        upper_95: number | null;
        shrunk_odds_ratio: number | null;
        reference_odds_ratio: number | null;
        reference_lower_95: number | null;
        reference_upper_95: number | null;
        reference_q_value: number | null;
      }[] = await manager.query(CLINICIAN_ODDS);
      const list = clinicianRows.map((row) => ({
        providerId: row.provider_id,
        providerSteers: row.provider_steers,
        oddsRatio: row.odds_ratio,
        lower95: row.lower_95,
        upper95: row.upper_95,
        shrunkOddsRatio: row.shrunk_odds_ratio,
        referenceOddsRatio: row.reference_odds_ratio,
        referenceLower95: row.reference_lower_95,
        referenceUpper95: row.reference_upper_95,
        referenceQValue: row.reference_q_value,
      }));
      const containsOne = (lower: number | null, upper: number | null) =>
        lower === null || (lower <= 1 && (upper ?? Infinity) >= 1);
      const steering = list.filter((row) => row.providerSteers);
      const others = list.filter((row) => !row.providerSteers);

      // the site's pattern, as the analysis stored it (the same strata and counts)
      const [site = { oddsRatio: null, lower95: null, upper95: null }]: {
        oddsRatio: number | null;
        lower95: number | null;
        upper95: number | null;
      }[] = await manager.query(SITE_ODDS);
      return {
        truthOrders,
        matchedOrders,
        conflicts: {
          flagged,
          truePositives,
          steered,
          precision: ratio(truePositives, flagged),
          recall: ratio(truePositives, steered),
          steeredCandidates,
          candidateRecall: ratio(candidateTruePositives, steeredCandidates),
          steeredPossible: sum((row) => row.steered && row.level === 'POSSIBLE'),
        },
        ceiling: {
          ...ceilingCounts,
          precisionAtRecall1: precisionCeiling(ceilingCounts, 1),
          precisionAtRecall90: precisionCeiling(ceilingCounts, 0.9),
        },
        byLevel,
        byCategory,
        exclusionCategoriesFlagged,
        conflictClinicians: {
          all: conflictClinicians.all,
          notSteering: conflictClinicians.not_steering,
        },
        clinicians: {
          steering: steering.length,
          steeringWithCiAbove1: steering.filter((row) => (row.lower95 ?? 0) > 1).length,
          others: others.length,
          othersWithCiContaining1: others.filter((row) => containsOne(row.lower95, row.upper95))
            .length,
          steeringWithReferenceCiAbove1: steering.filter((row) => (row.referenceLower95 ?? 0) > 1)
            .length,
          othersWithReferenceCiContaining1: others.filter((row) =>
            containsOne(row.referenceLower95, row.referenceUpper95),
          ).length,
          list,
        },
        site: { oddsRatio: site.oddsRatio, lower95: site.lower95, upper95: site.upper95 },
      };
    });
  }
}

const percent = (value: number | null): string =>
  value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`;
const fixed = (value: number | null, digits = 2): string =>
  value === null ? 'n/a' : value.toFixed(digits);

/** The evaluation as a reader wants it on a terminal. */
export function formatEvaluation(evaluation: Evaluation): string {
  const lines = [
    `Orders in truth: ${evaluation.truthOrders}, assessed and matched: ${evaluation.matchedOrders}`,
    `Conflicts (DOCUMENTED + PROBABLE): ${evaluation.conflicts.flagged} flagged, ` +
      `${evaluation.conflicts.truePositives} steered; precision ${percent(evaluation.conflicts.precision)}, ` +
      `recall ${percent(evaluation.conflicts.recall)} of ${evaluation.conflicts.steered} steered orders`,
    `Of the ${evaluation.conflicts.steeredCandidates} steered orders the case rules make DOCUMENTED or PROBABLE ` +
      `candidates, ${percent(evaluation.conflicts.candidateRecall)} are conflicts after the clinician gate; ` +
      `${evaluation.conflicts.steeredPossible} steered orders are POSSIBLE (for review)`,
    `Best reachable precision (an oracle told which clinicians steer: the ${evaluation.ceiling.steered} steered orders, ` +
      `${evaluation.ceiling.documented} with dose talk, and ${evaluation.ceiling.indistinguishable} silent switches with no dose motive ` +
      `by steering clinicians in HIGH-band patients that the records cannot tell apart): ` +
      `${percent(evaluation.ceiling.precisionAtRecall1)} at recall 1, ${percent(evaluation.ceiling.precisionAtRecall90)} at recall 0.90`,
    '',
    'Level        steered  not steered',
    ...evaluation.byLevel.map(
      (row) =>
        `${row.level.padEnd(12)} ${String(row.steered).padStart(7)}  ${String(row.notSteered).padStart(11)}`,
    ),
    '',
    'Truth category          orders  DOCUMENTED  PROBABLE  POSSIBLE  EXCLUDED',
    ...evaluation.byCategory.map(
      (row) =>
        `${row.category.padEnd(22)} ${String(row.orders).padStart(7)} ${String(row.documented).padStart(11)} ` +
        `${String(row.probable).padStart(9)} ${String(row.possible).padStart(9)} ${String(row.excluded).padStart(9)}`,
    ),
    '',
    `Exclusion-category orders flagged at any level: ${evaluation.exclusionCategoriesFlagged}`,
    `Clinicians with a conflict: ${evaluation.conflictClinicians.all} (${evaluation.conflictClinicians.notSteering} of them not steering)`,
    `Steering clinicians whose OR CI is above 1: ${evaluation.clinicians.steeringWithReferenceCiAbove1} of ${evaluation.clinicians.steering} ` +
      `(their HIGH-band patients vs the site's LOW-band); ${evaluation.clinicians.steeringWithCiAbove1} of ${evaluation.clinicians.steering} ` +
      `by their own HIGH vs LOW patients`,
    `Other clinicians whose OR CI contains 1: ${evaluation.clinicians.othersWithReferenceCiContaining1} of ${evaluation.clinicians.others} ` +
      `(vs the site's LOW-band); ${evaluation.clinicians.othersWithCiContaining1} of ${evaluation.clinicians.others} by their own patients`,
    `Site OR HIGH vs LOW: ${fixed(evaluation.site.oddsRatio)} (95 % CI ${fixed(evaluation.site.lower95)}–${fixed(evaluation.site.upper95)})`,
  ];
  return lines.join('\n');
}
