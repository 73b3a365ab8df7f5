import {
  adjustBenjaminiHochberg,
  computeUpperTailPValue,
} from '../../statistics/benjamini-hochberg.js';
import type { ExcessAwaySwitchesResult } from './excess-away-switches.js';
import { BinomialDistributions, type FunnelLimits } from '../../statistics/funnel-limits.js';
import {
  computeFunnelPlot,
  type FunnelCurvePoint,
  type FunnelPosition,
} from '../../statistics/funnel-plot.js';
import type { FunnelMeasure } from './assemble-department-variation.js';
import {
  summariseDoseHistory,
  type DoseHistoryStratumCounts,
  type OddsRatioSummary,
} from './summarise-dose-history.js';

/** The false discovery rate a unit's q must not exceed to stand out after multiplicity. */
export const PRACTICE_VARIATION_FDR = 0.05;

export interface UnitConflictCounts {
  /** Department name, clinician key or indication group. */
  readonly key: string;
  readonly label: string;
  readonly opportunities: number;
  readonly conflicts: number;
  readonly awaySwitches: number;
}

export interface UnitDoseHistoryStratum extends DoseHistoryStratumCounts {
  readonly key: string;
}

/** A unit's place on the funnel, before its dose-history summary. */
export interface PracticeVariationUnit extends UnitConflictCounts {
  readonly rate: number | null;
  readonly limits: FunnelLimits | null;
  readonly position: FunnelPosition | null;
  /** One-sided exact binomial p of a rate above the target; null without opportunities. */
  readonly pValue: number | null;
  /** Benjamini–Hochberg q over the units compared. */
  readonly qValue: number | null;
  /** Above the funnel's 95 % limit and q <= PRACTICE_VARIATION_FDR. */
  readonly outsideAfterMultiplicity: boolean;
}

export interface PracticeVariationRow extends PracticeVariationUnit {
  readonly doseHistoryOddsRatio: OddsRatioSummary;
  readonly excessAwaySwitches: ExcessAwaySwitchesResult;
}

export interface PracticeVariation {
  readonly measure: FunnelMeasure;
  /** The rate of the measure over everything in scope (units without a key included). */
  readonly targetRate: number | null;
  /** Units with at least one opportunity: the m of the multiplicity adjustment. */
  readonly compared: number;
  readonly rows: readonly PracticeVariationRow[];
  readonly funnelCurve: readonly FunnelCurvePoint[];
}

/** Every unit on the funnel, with the figures over all of them (see assemblePracticeVariation). */
export interface PracticeVariationComparison {
  readonly measure: FunnelMeasure;
  readonly targetRate: number | null;
  readonly compared: number;
  /** Units outside a 95 % limit, above or below. */
  readonly outside: number;
  /** Units with outsideAfterMultiplicity. */
  readonly outsideAfterMultiplicity: number;
  readonly units: readonly PracticeVariationUnit[];
  readonly funnelCurve: readonly FunnelCurvePoint[];
}

/**
 * Practice variation between units (departments, clinicians or indication groups): each unit's
 * conflict or away-switch rate on a funnel around the target (the rate over everything in
 * scope), exact binomial limits at its volume (`computeFunnelPlot`), the one-sided exact
 * binomial p-value of its rate lying above the target, Benjamini–Hochberg q-values over the
 * units compared, and its dose-history sensitivity (MH OR HIGH vs LOW, excess away-switches).
 */
export function assemblePracticeVariation(
  units: readonly UnitConflictCounts[],
  scope: {
    readonly opportunities: number;
    readonly conflicts: number;
    readonly awaySwitches: number;
  },
  strata: readonly UnitDoseHistoryStratum[],
  measure: FunnelMeasure,
): PracticeVariation {
  const comparison = comparePracticeVariation(units, scope, measure);
  const strataByKey = new Map<string, UnitDoseHistoryStratum[]>();
  for (const stratum of strata) {
    const list = strataByKey.get(stratum.key) ?? [];
    list.push(stratum);
    strataByKey.set(stratum.key, list);
  }
  return {
    measure,
    targetRate: comparison.targetRate,
    compared: comparison.compared,
    rows: comparison.units.map((unit) => withDoseHistory(unit, strataByKey.get(unit.key) ?? [])),
    funnelCurve: comparison.funnelCurve,
  };
}

/**
 * Every unit's funnel figures without the dose-history summaries: what ranking and paging the
 * units needs (the p-values and q-values are over every unit compared), leaving the strata to
 * be read for the units shown (withDoseHistory).
 */
export function comparePracticeVariation(
  units: readonly UnitConflictCounts[],
  scope: {
    readonly opportunities: number;
    readonly conflicts: number;
    readonly awaySwitches: number;
  },
  measure: FunnelMeasure,
): PracticeVariationComparison {
  const eventsOf = (counts: { conflicts: number; awaySwitches: number }) =>
    measure === 'CONFLICT_RATE' ? counts.conflicts : counts.awaySwitches;
  const targetRate = scope.opportunities > 0 ? eventsOf(scope) / scope.opportunities : null;
  // a unit's limits and its p-value read the same distribution, Binomial(n, target)
  const distributions = new BinomialDistributions();
  const funnel = computeFunnelPlot(
    units.map((unit) => ({ id: unit.key, events: eventsOf(unit), n: unit.opportunities })),
    targetRate ?? undefined,
    distributions,
  );
  const pValues = units.map((unit) =>
    targetRate === null
      ? null
      : computeUpperTailPValue(eventsOf(unit), unit.opportunities, targetRate, distributions),
  );
  const qValues = adjustBenjaminiHochberg(pValues);
  let outside = 0;
  let outsideAfterMultiplicity = 0;
  const ranked = units.map((unit, index): PracticeVariationUnit => {
    const plotted = funnel.units[index];
    const qValue = qValues[index];
    const holds = plotted.above95 && qValue !== null && qValue <= PRACTICE_VARIATION_FDR;
    if (plotted.above95 || plotted.below95) outside += 1;
    if (holds) outsideAfterMultiplicity += 1;
    // the unit's fields named, not spread: V8 copied each unit by spread in about 30 µs (a
    // slow path), 0.1 s of a 3,304-clinician funnel
    return {
      key: unit.key,
      label: unit.label,
      opportunities: unit.opportunities,
      conflicts: unit.conflicts,
      awaySwitches: unit.awaySwitches,
      rate: plotted.rate,
      limits: plotted.limits,
      position: plotted.position,
      pValue: pValues[index],
      qValue,
      outsideAfterMultiplicity: holds,
    };
  });
  return {
    measure,
    targetRate,
    compared: units.filter((unit) => unit.opportunities > 0).length,
    outside,
    outsideAfterMultiplicity,
    units: ranked,
    funnelCurve: targetRate === null ? [] : funnel.curve,
  };
}

/** A unit's row: its funnel figures and the dose-history summary of its strata. */
export function withDoseHistory(
  unit: PracticeVariationUnit,
  strata: readonly DoseHistoryStratumCounts[],
): PracticeVariationRow {
  const doseHistory = summariseDoseHistory(strata);
  return {
    key: unit.key,
    label: unit.label,
    opportunities: unit.opportunities,
    conflicts: unit.conflicts,
    awaySwitches: unit.awaySwitches,
    rate: unit.rate,
    limits: unit.limits,
    position: unit.position,
    pValue: unit.pValue,
    qValue: unit.qValue,
    outsideAfterMultiplicity: unit.outsideAfterMultiplicity,
    doseHistoryOddsRatio: doseHistory.oddsRatio,
    excessAwaySwitches: doseHistory.excess,
  };
}

/**
 * The order of practice-variation rows: UNIT, by unit (as the units come, the statement's
 * order); EVIDENCE, strongest evidence of a rate above the target first: ascending one-sided
 * p-value (the order of the q-values), then more opportunities, then the key; units without a
 * p-value last.
 */
export type PracticeVariationOrder = 'UNIT' | 'EVIDENCE';

export interface PracticeVariationPageRequest {
  readonly orderBy: PracticeVariationOrder;
  /** At most this many rows; null: every row after the cursor. */
  readonly first: number | null;
  /** The cursor of the last row already read (endCursor of the previous page), or null. */
  readonly after: string | null;
}

export interface PracticeVariationPageInfo {
  /** Rows in the whole answer, every page together. */
  readonly total: number;
  /** Rows before this page. */
  readonly offset: number;
  /** The cursor of this page's last row (pass as `after` for the next); null without rows. */
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export function compareByEvidence(
  left: PracticeVariationUnit,
  right: PracticeVariationUnit,
): number {
  if (left.pValue !== right.pValue) {
    if (left.pValue === null) return 1;
    if (right.pValue === null) return -1;
    return left.pValue - right.pValue;
  }
  if (left.opportunities !== right.opportunities) return right.opportunities - left.opportunities;
  return left.key < right.key ? -1 : left.key > right.key ? 1 : 0;
}

/** The units by evidence (compareByEvidence), a new array. */
export function orderByEvidence<T extends PracticeVariationUnit>(units: readonly T[]): T[] {
  return [...units].sort(compareByEvidence);
}

/** An opaque cursor naming a row's place: the order and the row's key. */
export function practiceVariationCursor(order: PracticeVariationOrder, key: string): string {
  return Buffer.from(JSON.stringify([order, key]), 'utf8').toString('base64url');
}

/**
 * One page of the units in the requested order: the units after the cursor's row, at most
 * `first`. A cursor from another order, or naming a unit no longer in the answer (the data
 * changed between pages), is refused (`invalidCursor`).
 */
export function pagePracticeVariation<T extends PracticeVariationUnit>(
  units: readonly T[],
  request: PracticeVariationPageRequest,
  invalidCursor: (message: string) => Error,
  /** The units are in the requested order already (orderByEvidence, kept by the caller). */
  ordered = false,
): { readonly units: readonly T[]; readonly page: PracticeVariationPageInfo } {
  if (request.first !== null && (!Number.isInteger(request.first) || request.first < 0)) {
    throw invalidCursor(`first must be a whole number of rows, 0 or more; got ${request.first}.`);
  }
  const inOrder = ordered || request.orderBy === 'UNIT' ? units : orderByEvidence(units);
  let offset = 0;
  if (request.after !== null) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(request.after, 'base64url').toString('utf8'));
    } catch {
      decoded = null;
    }
    if (
      !Array.isArray(decoded) ||
      decoded.length !== 2 ||
      decoded[0] !== request.orderBy ||
      typeof decoded[1] !== 'string'
    ) {
      throw invalidCursor(`after is not a cursor of rows ordered by ${request.orderBy}.`);
    }
    const key = decoded[1];
    const index = inOrder.findIndex((unit) => unit.key === key);
    if (index < 0) {
      throw invalidCursor(
        'The rows changed since that page was read; read them again from the start.',
      );
    }
    offset = index + 1;
  }
  const end =
    request.first === null ? inOrder.length : Math.min(inOrder.length, offset + request.first);
  const page = inOrder.slice(offset, end);
  const last = page.at(-1);
  return {
    units: page,
    page: {
      total: inOrder.length,
      offset,
      endCursor: last ? practiceVariationCursor(request.orderBy, last.key) : null,
      hasNextPage: end < inOrder.length,
    },
  };
}
