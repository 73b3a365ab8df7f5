import type { PracticeVariationComparison, PracticeVariationUnit } from './domain/index.js';
import type { VariationTotalRow } from './aggregate.sql.js';

/** The funnel's data generation (migration DashboardGeneration): moved by every write of it. */
export const DASHBOARD_GENERATION = `SELECT generation::text AS generation FROM dashboard_generation`;

/**
 * Every clinician's funnel figures for one measure and one kind of caller, from cached totals.
 * `Density`: what the funnel plot bins them into (the service's PracticeVariationDensity).
 */
export interface DerivedVariation<Density = unknown> {
  readonly comparison: PracticeVariationComparison;
  /** The statement's unit (provider id) of each compared unit, by unit. */
  readonly unitOf: ReadonlyMap<PracticeVariationUnit, string>;
  /** The units by evidence, sorted once (pagePracticeVariation's EVIDENCE order). */
  byEvidence?: readonly PracticeVariationUnit[];
  /** The comparison binned for the funnel plot, once asked (practiceVariationDensity). */
  density?: Density;
}

/**
 * Derives an answer from a statement's rows (a promise when it reads more: the names of the
 * clinicians a density draws as points).
 */
export type VariationRecipe<Row, Derived> = (rows: readonly Row[]) => Derived | Promise<Derived>;

/**
 * One statement's rows (by default a page's totals: VariationTotalRow), read at a generation,
 * and what was derived from them.
 */
export interface VariationCacheEntry<Row = VariationTotalRow, Derived = DerivedVariation> {
  /** The statement and its parameters the rows were read by (to read them again). */
  readonly sql: string;
  readonly values: readonly unknown[];
  readonly generation: string;
  readonly rows: readonly Row[];
  /** By measure and whether the caller sees pseudonyms (the units' keys differ). */
  readonly derived: Map<string, Derived>;
  /**
   * How each of them was derived from the rows: a refresh derives them again from its rows, in
   * the order they were first derived (a recipe may start from what an earlier one derived).
   */
  readonly recipes: Map<string, VariationRecipe<Row, Derived>>;
}

/**
 * Every clinician's funnel totals per totals statement (its text and parameters: the caller's
 * department scope and the filter are in them), kept for the process under the dashboard
 * generation they were read at, with the comparison, the evidence order and the plot's density
 * derived from them. A page of the funnel over 33,000 clinicians then reads the generation, the
 * page's strata and names, instead of every clinician's totals, p-values and order. An entry
 * read at another generation than the current one is never used. Bounded by the rows kept (least recently used
 * first out), so a few site-wide funnels of a 10M-order hospital fit and no caller can grow it
 * without limit. The whole funnel (every clinician with its strata, no page) is kept the same
 * way in a cache of its own (its rows are VariationCountRow, what it derives the whole answer).
 */
export class VariationCache<Row = VariationTotalRow, Derived = DerivedVariation> {
  private readonly entries = new Map<string, VariationCacheEntry<Row, Derived>>();
  private rowsKept = 0;

  constructor(private readonly rowLimit = 200_000) {}

  /** The entry of `key` when it was read at `generation`. */
  get(key: string, generation: string): VariationCacheEntry<Row, Derived> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.generation !== generation) return undefined;
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** The keys of the entries read at another generation than `generation`, newest used first. */
  staleKeys(generation: string): string[] {
    const stale: string[] = [];
    for (const [key, entry] of this.entries) if (entry.generation !== generation) stale.push(key);
    return stale.reverse();
  }

  /** The entry of `key` whatever its generation (to read its statement again). */
  peek(key: string): VariationCacheEntry<Row, Derived> | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: VariationCacheEntry<Row, Derived>): void {
    this.remove(key);
    if (entry.rows.length > this.rowLimit) return;
    for (const [oldest] of this.entries) {
      if (this.rowsKept + entry.rows.length <= this.rowLimit) break;
      this.remove(oldest);
    }
    this.entries.set(key, entry);
    this.rowsKept += entry.rows.length;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.rowsKept -= entry.rows.length;
  }
}
