import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadDatabase } from '../../database/read-database.js';
import type { Principal } from '../auth/principal.js';
import { RequestMemo } from '../../common/request-memo.js';
import {
  addMonths,
  analysisScopeOf,
  checkFilterDepartments,
  filterConditions,
  filtersClinicians,
  filtersDepartments,
  filtersLevels,
  monthsBetween,
  SqlParameters,
  type AnalysisCaller,
  type AnalysisFilter,
} from './analysis-filter.js';
import { DashboardReads } from './dashboard-reads.js';
import { sourceSql, type AggregateSource } from './aggregate-source.js';
import {
  CLINICIAN_LABELS,
  caseCounts,
  fromClinicianRollups,
  overviewCounts,
  sensitivityCounts,
  variationCounts,
  variationStrata,
  variationTotals,
  type BandCountRow,
  type FigureCountRow,
  type StratumBandCounts,
  type CaseCountRow,
  type ClinicianLabelRow,
  type OverviewCountRow,
  type SensitivityCountRow,
  type VariationCountRow,
  type VariationStrataRow,
  type VariationTotalRow,
  type VariationUnitColumn,
} from './aggregate.sql.js';
import {
  assembleDoseHistorySensitivity,
  comparePracticeVariation,
  orderByEvidence,
  pagePracticeVariation,
  practiceVariationCursor,
  summariseDoseHistory,
  withDoseHistory,
  type DoseBandName,
  type DoseHistorySensitivity,
  type DoseHistoryStratumCounts,
  type ExcessAwaySwitchesResult,
  type FunnelMeasure,
  type OddsRatioSummary,
  type PracticeVariation,
  type PracticeVariationComparison,
  type PracticeVariationOrder,
  type PracticeVariationPageInfo,
  type PracticeVariationRow,
  type PracticeVariationPageRequest,
  type PracticeVariationUnit,
  type UnitConflictCounts,
  binFunnelDensity,
  type FunnelCurvePoint,
  type FunnelDensityCell,
  type FunnelDensityGrid,
  type OutsidePosition,
} from './domain/index.js';
import { analyticsInputError } from './analytics.exception.js';
import {
  DASHBOARD_GENERATION,
  VariationCache,
  type DerivedVariation,
  type VariationCacheEntry,
  type VariationRecipe,
} from './variation-cache.js';

export type VariationDimensionName = 'DEPARTMENT' | 'CLINICIAN' | 'INDICATION_GROUP';

export interface PeriodFigures {
  readonly from: string | null;
  readonly to: string | null;
  readonly opportunities: number;
  readonly awaySwitches: number;
  readonly awaySwitchRate: number | null;
  readonly conflicts: number;
  readonly conflictRate: number | null;
  readonly documented: number;
  readonly probable: number;
  readonly possible: number;
  readonly excessAwaySwitches: ExcessAwaySwitchesResult;
  readonly siteOddsRatio: OddsRatioSummary;
  readonly openCases: number;
  readonly reviewedCases: number;
}

export interface Overview {
  readonly current: PeriodFigures;
  readonly previous: PeriodFigures;
}

export interface ScopedPracticeVariation extends PracticeVariation {
  readonly by: VariationDimensionName;
  /** Units outside a 95 % limit (above or below), over every unit compared. */
  readonly outside: number;
  /** Units above the 95 % limit whose q holds (PRACTICE_VARIATION_FDR), over every unit. */
  readonly outsideAfterMultiplicity: number;
  /** Where `rows` lie among every unit's rows. */
  readonly page: PracticeVariationPageInfo;
}

/**
 * The funnel of every unit in the caller's scope and filter, compactly (binFunnelDensity): the
 * units inside the 95 % limits counted per cell of the plot's grid, every unit outside a 95 %
 * limit whole, and what the plot draws around them.
 */
export interface PracticeVariationDensity {
  readonly by: VariationDimensionName;
  readonly measure: FunnelMeasure;
  readonly targetRate: number | null;
  /** Units with opportunities: the cells' units and the outside units add up to it. */
  readonly compared: number;
  readonly grid: FunnelDensityGrid;
  readonly cells: readonly FunnelDensityCell[];
  /** Keys and labels as the caller sees them (pseudonyms for COMMITTEE). */
  readonly outside: readonly (PracticeVariationUnit & { readonly position: OutsidePosition })[];
  readonly funnelCurve: readonly FunnelCurvePoint[];
}

/** A comparison kept with its totals, and the plot binned from it once asked. */
type DerivedFunnel = DerivedVariation<PracticeVariationDensity>;

/**
 * How often each server looks whether the kept funnels' data moved (refreshKept): one read of a
 * one-row table; a nightly load's new figures are then read within this long of its end.
 */
const REFRESH_KEPT_MS = 10_000;

/** The recipes that bin the comparison they derive (practiceVariationDensity wraps one once). */
const BINNING_RECIPES = new WeakSet<VariationRecipe<VariationTotalRow, DerivedFunnel>>();

const UNIT_COLUMN: Record<VariationDimensionName, VariationUnitColumn> = {
  DEPARTMENT: 'department',
  CLINICIAN: 'clinician',
  INDICATION_GROUP: 'indication_group',
};

/**
 * The aggregates every signed-in role reads (overview, practice variation, dose-history
 * sensitivity): SQL counts in the caller's scope (a QUALITY_MANAGER's departments, in the
 * query), the statistics from the pure domain functions, clinicians as pseudonyms for COMMITTEE
 * unless committee.show_clinician_names.
 */
@Injectable()
export class AggregateService implements OnModuleInit, OnModuleDestroy {
  /** Where the counts come from: the monthly rollups, or the raw tables (spec and bench). */
  private source: AggregateSource = 'rollups';

  constructor(
    private readonly dataSource: DataSource,
    /** The counts run here: on a streaming replica when one is configured. */
    private readonly read: ReadDatabase = new ReadDatabase(dataSource),
  ) {}

  /** Every clinician's funnel totals, per statement and generation (VariationCache). */
  private readonly variations = new VariationCache<VariationTotalRow, DerivedFunnel>();

  /**
   * The whole clinician funnel (every clinician's strata): its rows and answers, the same way.
   * A row with its strata and four answers' rows (two measures, ids or pseudonyms) held 2.7 kB
   * of heap at 1M orders (8.9 MB for 3,304 clinicians): 50,000 rows, one site-wide funnel of a
   * 10M-order hospital (33,044 clinicians, about 90 MB) beside scoped ones.
   */
  private readonly wholeVariations = new VariationCache<VariationCountRow, ScopedPracticeVariation>(
    50_000,
  );

  /** The kept statements being read, by generation and key (readOnce). */
  private readonly reading = new Map<string, Promise<unknown>>();

  /** The background refresh of the kept funnels (refreshKept), and the one running. */
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  private refreshing: Promise<number> | null = null;

  /** The same service counting from another source (the equivalence spec and the bench). */
  over(source: AggregateSource): AggregateService {
    const service = new AggregateService(this.dataSource, this.read);
    service.source = source;
    return service;
  }

  /** The caller's department scope and pseudonyms (see DashboardReads.caller). */
  callerOf(principal: Principal, memo: RequestMemo = new RequestMemo()): Promise<AnalysisCaller> {
    return this.reads(memo).caller(principal);
  }

  /**
   * The overview: the caller, the latest month and (when the filter names departments) the
   * department names side by side, then both counts side by side.
   */
  async overview(
    principal: Principal,
    filter: AnalysisFilter = {},
    memo: RequestMemo = new RequestMemo(),
  ): Promise<Overview> {
    const reads = this.reads(memo);
    const [caller, latest, names] = await Promise.all([
      reads.caller(principal),
      reads.latestMonth(this.source),
      filtersDepartments(filter) ? reads.departmentNames() : [],
    ]);
    const parameters = new SqlParameters();
    const to = filter.to ?? (filter.from && latest && latest < filter.from ? filter.from : latest);
    const from = filter.from ?? to;
    if (to === null || from === null) {
      this.conditions(parameters, filter, caller);
      checkFilterDepartments(filter, caller, names);
      return { current: emptyPeriod(null, null), previous: emptyPeriod(null, null) };
    }
    const months = monthsBetween(from, to);
    const previousFrom = addMonths(from, -months);
    const previousTo = addMonths(from, -1);
    parameters.add(previousFrom);
    parameters.add(from);
    parameters.add(to);
    const { conditions, needsOrders } = this.conditions(
      parameters,
      { ...filter, from, to },
      caller,
    );
    checkFilterDepartments(filter, caller, names);
    const [counts, cases]: [OverviewCountRow[], CaseCountRow[]] = await Promise.all([
      this.read.query<OverviewCountRow>(
        overviewCounts(conditions, needsOrders, this.source),
        parameters.values,
      ),
      this.read.query<CaseCountRow>(
        caseCounts(conditions, needsOrders, this.source),
        parameters.values,
      ),
    ]);
    const period = (isCurrent: boolean, periodFrom: string, periodTo: string): PeriodFigures => {
      const rows = counts.filter((row) => row.is_current === isCurrent);
      const total = rows.find((row) => row.is_total);
      const caseRow = cases.find((row) => row.is_current === isCurrent);
      if (!total) {
        return {
          ...emptyPeriod(periodFrom, periodTo),
          openCases: (caseRow?.flagged ?? 0) - (caseRow?.reviewed ?? 0),
          reviewedCases: caseRow?.reviewed ?? 0,
        };
      }
      const doseHistory = summariseDoseHistory(
        rows.filter((row) => !row.is_total).map(toStratumCounts),
      );
      return {
        from: periodFrom,
        to: periodTo,
        opportunities: total.opportunities,
        awaySwitches: total.away_switches,
        awaySwitchRate: rateOf(total.away_switches, total.opportunities),
        conflicts: total.conflicts,
        conflictRate: rateOf(total.conflicts, total.opportunities),
        documented: total.documented,
        probable: total.probable,
        possible: total.possible,
        excessAwaySwitches: doseHistory.excess,
        siteOddsRatio: doseHistory.oddsRatio,
        openCases: (caseRow?.flagged ?? 0) - (caseRow?.reviewed ?? 0),
        reviewedCases: caseRow?.reviewed ?? 0,
      };
    };
    return {
      current: period(true, from, to),
      previous: period(false, previousFrom, previousTo),
    };
  }

  /**
   * Practice variation by department, clinician or indication group. Without a page (no
   * `first`, no `after`, unit order) every unit with its dose-history summary, from one
   * statement. With a page: every unit's totals (the target, p-values, q-values, limits and
   * outside counts are over all of them), ordered, then the strata of the page's units only
   * (`doseHistory` false: none, the summaries left empty), so the answer's size and the work
   * per row follow the page, not the number of units.
   */
  async practiceVariation(
    principal: Principal,
    by: VariationDimensionName,
    measure: FunnelMeasure = 'CONFLICT_RATE',
    filter: AnalysisFilter = {},
    memo: RequestMemo = new RequestMemo(),
    paging: VariationPaging = {},
  ): Promise<ScopedPracticeVariation> {
    const request: PracticeVariationPageRequest = {
      orderBy: paging.orderBy ?? 'UNIT',
      first: paging.first ?? null,
      after: paging.after ?? null,
    };
    if (
      request.orderBy === 'UNIT' &&
      request.first === null &&
      request.after === null &&
      paging.doseHistory !== false
    ) {
      return this.wholeVariation(principal, by, measure, filter, memo);
    }
    const { unit, allMonths, caller, built, derived } = await this.comparisonOf(
      principal,
      by,
      measure,
      filter,
      memo,
    );
    const { comparison, unitOf } = derived;
    // the order by evidence is sorted once and kept with the comparison
    const ordered =
      request.orderBy === 'EVIDENCE'
        ? (derived.byEvidence ??= orderByEvidence(comparison.units))
        : comparison.units;
    const selected = pagePracticeVariation(ordered, request, analyticsInputError, true);
    const pageUnits = selected.units.map((one) => unitOf.get(one) as string);
    const strataByUnit = new Map<string, readonly StratumBandCounts[]>();
    const labelByUnit = new Map<string, string>();
    await Promise.all([
      (async () => {
        if (paging.doseHistory === false || pageUnits.length === 0) return;
        const values = [...built.parameters.values, pageUnits];
        const strataRows = await this.read.query<VariationStrataRow>(
          variationStrata(
            unit,
            built.conditions,
            built.needsOrders || unit === 'department',
            this.source,
            allMonths,
            `$${values.length}`,
          ),
          values,
        );
        for (const row of strataRows) strataByUnit.set(row.unit, row.strata);
      })(),
      (async () => {
        // the page's clinician names (a pseudonym is its own label)
        if (unit !== 'clinician' || caller.pseudonyms || pageUnits.length === 0) return;
        const rows = await this.read.query<ClinicianLabelRow>(CLINICIAN_LABELS, [pageUnits]);
        for (const row of rows) labelByUnit.set(row.unit, row.label);
      })(),
    ]);
    return scopedVariation(
      by,
      comparison,
      selected.units.map((one, index) => {
        const label = labelByUnit.get(pageUnits[index]);
        const row = withDoseHistory(one, toStrata(strataByUnit.get(pageUnits[index])));
        return label === undefined ? row : { ...row, label };
      }),
      selected.page,
    );
  }

  /**
   * Every unit's totals in the caller's scope and filter compared (comparePracticeVariation):
   * by clinician over all months the totals are kept (variationRows) and the comparison with
   * them, per measure and kind of caller, with the recipe a refresh derives it again by (in
   * evidence order too, the order the dashboard asks first). The page and the density start
   * from it.
   */
  private async comparisonOf(
    principal: Principal,
    by: VariationDimensionName,
    measure: FunnelMeasure,
    filter: AnalysisFilter,
    memo: RequestMemo,
  ): Promise<{
    unit: VariationUnitColumn;
    allMonths: boolean;
    caller: AnalysisCaller;
    built: { conditions: string[]; needsOrders: boolean; parameters: SqlParameters };
    derived: DerivedFunnel;
    derivedKey: string;
    recipes: Map<string, VariationRecipe<VariationTotalRow, DerivedFunnel>> | null;
  }> {
    const unit = UNIT_COLUMN[by];
    const allMonths = !filter.from && !filter.to && !filtersLevels(filter);
    const [caller, { totals, built }] = await this.countWithCaller(
      principal,
      filter,
      memo,
      async (conditions) => {
        return {
          // every clinician's totals from the rollups: kept per process under the generation
          totals: await this.variationRows(
            this.variations,
            variationTotals,
            unit,
            conditions,
            allMonths,
          ),
          built: conditions,
        };
      },
    );
    const derivedKey = derivedKeyOf(measure, caller);
    const derive = (rows: readonly VariationTotalRow[]): DerivedFunnel => {
      const scope = rows.find((row) => row.grouping_level === 0);
      const unitRows = rows.filter((row) => row.grouping_level === 1 && row.unit !== null);
      const keyOf = this.keysOf(unit, caller);
      const units = unitRows.map((row) =>
        toUnitCounts(row, keyOf(row.unit as string), unit, caller),
      );
      const comparison = comparePracticeVariation(units, scopeCounts(scope), measure);
      return {
        comparison,
        // the statement's unit of each row (a pseudonym's provider id; by row, not by key: two
        // providers' pseudonyms may share their six hex digits)
        unitOf: new Map(
          comparison.units.map((one, index) => [one, unitRows[index].unit as string]),
        ),
      };
    };
    let derived = totals.derived?.get(derivedKey);
    if (derived === undefined) {
      derived = derive(totals.rows);
      totals.derived?.set(derivedKey, derived);
      totals.recipes?.set(derivedKey, (rows) => {
        const again = derive(rows);
        return { ...again, byEvidence: orderByEvidence(again.comparison.units) };
      });
    }
    return { unit, allMonths, caller, built, derived, derivedKey, recipes: totals.recipes };
  }

  /**
   * The rows of a funnel statement (`statement`: every unit's totals, or the whole funnel's
   * counts) for the filter's conditions: by clinician over the rollups and all months kept in
   * `cache` (kept), else read for this request alone (no derived answers then).
   */
  private variationRows<Row extends { readonly generation?: string }, Derived>(
    cache: VariationCache<Row, Derived>,
    statement: typeof variationTotals,
    unit: VariationUnitColumn,
    conditions: { conditions: string[]; needsOrders: boolean; parameters: SqlParameters },
    allMonths: boolean,
  ): Promise<{
    rows: readonly Row[];
    derived: Map<string, Derived> | null;
    recipes: Map<string, VariationRecipe<Row, Derived>> | null;
  }> {
    const sql = statement(
      unit,
      conditions.conditions,
      conditions.needsOrders || unit === 'department',
      this.source,
      allMonths,
    );
    const values = conditions.parameters.values;
    return fromClinicianRollups(unit, this.source, allMonths)
      ? this.kept(cache, sql, values)
      : this.read.query<Row>(sql, values).then((rows) => ({ rows, derived: null, recipes: null }));
  }

  /**
   * A statement's rows over the clinician rollups (`sql`, `values`: every clinician's totals, or
   * the whole funnel's counts): the rows kept in `cache` for the process while the dashboard
   * generation has not moved, else read again with the generation they were read at (the same
   * statement, so the same snapshot: on a replica too).
   */
  private async kept<Row extends { readonly generation?: string }, Derived>(
    cache: VariationCache<Row, Derived>,
    sql: string,
    values: readonly unknown[],
  ): Promise<VariationCacheEntry<Row, Derived>> {
    const key = JSON.stringify([sql, values]);
    const [{ generation }] = await this.read.query<{ generation: string }>(DASHBOARD_GENERATION);
    const kept = cache.get(key, generation);
    if (kept !== undefined) return kept;
    return this.readOnce(key, generation, () => this.readKept(cache, key, sql, values, generation));
  }

  /**
   * `read` (a kept statement's read into its cache) unless the same statement is being read at
   * the same generation already: requests that find nothing kept at once (the page and the
   * plot the clinician dashboard asks for together, everyone opening it after the nightly load)
   * share one read and what it derived, and a request during a refresh waits for the refresh's.
   */
  private readOnce<Entry>(
    key: string,
    generation: string,
    read: () => Promise<Entry>,
  ): Promise<Entry> {
    const id = `${generation} ${key}`;
    const pending = this.reading.get(id) as Promise<Entry> | undefined;
    if (pending !== undefined) return pending;
    const started = read().finally(() => this.reading.delete(id));
    this.reading.set(id, started);
    return started;
  }

  /** Reads a kept statement's rows (with the generation they were read at) into `cache`. */
  private async readKept<Row extends { readonly generation?: string }, Derived>(
    cache: VariationCache<Row, Derived>,
    key: string,
    sql: string,
    values: readonly unknown[],
    generation: string,
    recipes = new Map<string, VariationRecipe<Row, Derived>>(),
  ): Promise<VariationCacheEntry<Row, Derived>> {
    const rows = await this.read.query<Row>(sql, values);
    // what earlier requests derived, derived again (a refresh; none on a request's read)
    const derived = new Map<string, Derived>();
    for (const [key, recipe] of recipes) derived.set(key, await recipe(rows));
    const entry = {
      sql,
      values,
      generation: rows[0]?.generation ?? generation,
      rows,
      derived,
      recipes,
    };
    cache.set(key, entry);
    return entry;
  }

  /**
   * Reads again every kept funnel statement that a load or an analysis left behind (the
   * dashboard generation moved), so that the first request after the nightly load finds its
   * rows kept, and what requests derived from them (the comparison and the order by evidence,
   * the whole answer) derived again by the recipes kept with them: at 10M orders the first page
   * by evidence after a load then took 5 to 26 ms instead of 195 to 329. Each server looks
   * every REFRESH_KEPT_MS (onModuleInit); one refresh at a time. Returns the statements read
   * again.
   */
  async refreshKept(): Promise<number> {
    if (this.refreshing !== null) return this.refreshing;
    this.refreshing = (async () => {
      const [{ generation }] = await this.read.query<{ generation: string }>(DASHBOARD_GENERATION);
      const refresh = async <Row extends { readonly generation?: string }, Derived>(
        cache: VariationCache<Row, Derived>,
      ): Promise<number> => {
        let refreshed = 0;
        for (const key of cache.staleKeys(generation)) {
          const kept = cache.peek(key);
          if (kept === undefined) continue;
          await this.readOnce(key, generation, () =>
            this.readKept(cache, key, kept.sql, kept.values, generation, kept.recipes),
          );
          refreshed += 1;
        }
        return refreshed;
      };
      return (await refresh(this.variations)) + (await refresh(this.wholeVariations));
    })();
    try {
      return await this.refreshing;
    } finally {
      this.refreshing = null;
    }
  }

  onModuleInit(): void {
    // a failed look (the database restarting) is tried again at the next one
    this.refreshTimer = setInterval(
      () => void this.refreshKept().catch(() => undefined),
      REFRESH_KEPT_MS,
    );
    this.refreshTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.refreshTimer);
  }

  /**
   * Every unit, in unit order, with its strata: one statement (variationCounts). By clinician
   * over all months (the rollups' clinician_rollups and the clinicians' names) the answer is kept
   * per statement, measure and kind of caller under the dashboard generation, which every write
   * of those tables moves (migrations DashboardGeneration, DashboardGenerationNames).
   */
  private async wholeVariation(
    principal: Principal,
    by: VariationDimensionName,
    measure: FunnelMeasure,
    filter: AnalysisFilter,
    memo: RequestMemo,
  ): Promise<ScopedPracticeVariation> {
    const unit = UNIT_COLUMN[by];
    const allMonths = !filter.from && !filter.to && !filtersLevels(filter);
    const [caller, counts] = await this.countWithCaller(principal, filter, memo, (conditions) =>
      this.variationRows(this.wholeVariations, variationCounts, unit, conditions, allMonths),
    );
    // the key and label of a clinician differ by caller: pseudonyms for COMMITTEE
    const wholeKey = derivedKeyOf(measure, caller);
    const kept = counts.derived?.get(wholeKey);
    if (kept !== undefined) return kept;
    const derive = (rows: readonly VariationCountRow[]) =>
      this.deriveWhole(rows, by, measure, caller);
    const whole = derive(counts.rows);
    counts.derived?.set(wholeKey, whole);
    counts.recipes?.set(wholeKey, derive);
    return whole;
  }

  /**
   * The funnel of every unit in the caller's scope and filter, compactly: the units inside the
   * 95 % limits counted per cell of the plot's grid, every unit outside a 95 % limit whole
   * (densityOf). Binned from the comparison the page derives (comparisonOf: every unit's totals,
   * without the strata and the dose-history summaries the whole answer adds, which the plot
   * does not draw) and kept with it under the same generation, so that once kept it costs the
   * read of the generation, and the background refresh (refreshKept) bins it again after a
   * load. Its size follows the grid and the units outside, not the units.
   */
  async practiceVariationDensity(
    principal: Principal,
    by: VariationDimensionName,
    measure: FunnelMeasure = 'CONFLICT_RATE',
    filter: AnalysisFilter = {},
    memo: RequestMemo = new RequestMemo(),
  ): Promise<PracticeVariationDensity> {
    const { unit, caller, derived, derivedKey, recipes } = await this.comparisonOf(
      principal,
      by,
      measure,
      filter,
      memo,
    );
    if (derived.density !== undefined) return derived.density;
    const density = await this.densityOf(by, unit, caller, derived);
    derived.density = density;
    // from now on a refresh bins the comparison it derives again (once, though two requests
    // may have binned the same comparison at the same time)
    const recipe = recipes?.get(derivedKey);
    if (recipes !== null && recipe !== undefined && !BINNING_RECIPES.has(recipe)) {
      const binning: VariationRecipe<VariationTotalRow, DerivedFunnel> = async (rows) => {
        const again = await recipe(rows);
        return { ...again, density: await this.densityOf(by, unit, caller, again) };
      };
      BINNING_RECIPES.add(binning);
      recipes.set(derivedKey, binning);
    }
    return density;
  }

  /**
   * A comparison binned for the funnel plot (binFunnelDensity), its points named as the whole
   * answer names them: a clinician by name (else the provider id) for callers who see names,
   * read for the points alone; a pseudonym for COMMITTEE; a department or indication group by
   * itself.
   */
  private async densityOf(
    by: VariationDimensionName,
    unit: VariationUnitColumn,
    caller: AnalysisCaller,
    { comparison, unitOf }: DerivedFunnel,
  ): Promise<PracticeVariationDensity> {
    const binned = binFunnelDensity(comparison.units, comparison.targetRate);
    let outside = binned.outside;
    if (unit === 'clinician' && !caller.pseudonyms && outside.length > 0) {
      const providers = outside.map((one) => unitOf.get(one) as string);
      const rows = await this.read.query<ClinicianLabelRow>(CLINICIAN_LABELS, [providers]);
      const labels = new Map(rows.map((row) => [row.unit, row.label]));
      outside = outside.map((one, index) => ({
        ...one,
        label: labels.get(providers[index]) ?? one.label,
      }));
    }
    return {
      by,
      measure: comparison.measure,
      targetRate: comparison.targetRate,
      compared: comparison.compared,
      grid: binned.grid,
      cells: binned.cells,
      outside,
      funnelCurve: comparison.funnelCurve,
    };
  }

  /** The whole answer from the whole funnel's rows, keyed and labelled for `caller`. */
  private deriveWhole(
    rows: readonly VariationCountRow[],
    by: VariationDimensionName,
    measure: FunnelMeasure,
    caller: AnalysisCaller,
  ): ScopedPracticeVariation {
    const unit = UNIT_COLUMN[by];
    const scope = rows.find((row) => row.grouping_level === 0);
    const keyOf = this.keysOf(unit, caller);
    const unitRows = rows.filter((row) => row.grouping_level === 1 && row.unit !== null);
    const units = unitRows.map((row) => toUnitCounts(row, keyOf(row.unit as string), unit, caller));
    const comparison = comparePracticeVariation(units, scopeCounts(scope), measure);
    const rowsOut = comparison.units.map((one, index) =>
      withDoseHistory(one, toStrata(unitRows[index].strata)),
    );
    const last = rowsOut.at(-1);
    return scopedVariation(by, comparison, rowsOut, {
      total: rowsOut.length,
      offset: 0,
      endCursor: last ? practiceVariationCursor('UNIT', last.key) : null,
      hasNextPage: false,
    });
  }

  /** A unit's key: one pseudonym per clinician for COMMITTEE (an HMAC each, kept per call). */
  private keysOf(unit: VariationUnitColumn, caller: AnalysisCaller): (unitValue: string) => string {
    const pseudonyms = caller.pseudonyms;
    if (unit !== 'clinician' || !pseudonyms) return (unitValue) => unitValue;
    const keys = new Map<string, string>();
    return (providerId) => {
      let key = keys.get(providerId);
      if (key === undefined) {
        key = pseudonyms.pseudonym(providerId);
        keys.set(providerId, key);
      }
      return key;
    };
  }

  async doseHistorySensitivity(
    principal: Principal,
    filter: AnalysisFilter = {},
    memo: RequestMemo = new RequestMemo(),
  ): Promise<DoseHistorySensitivity> {
    const [, rows] = await this.countWithCaller(principal, filter, memo, (conditions) =>
      this.read.query<SensitivityCountRow>(
        sensitivityCounts(conditions.conditions, conditions.needsOrders, this.source),
        conditions.parameters.values,
      ),
    );
    return assembleDoseHistorySensitivity(
      rows.map((row) => ({
        indicationGroup: row.indication_group,
        population: row.population,
        setting: row.setting,
        band: row.band as DoseBandName,
        opportunities: row.opportunities,
        awaySwitches: row.away_switches,
      })),
    );
  }

  private reads(memo: RequestMemo): DashboardReads {
    return new DashboardReads(this.dataSource, this.read, memo);
  }

  /**
   * Runs `count` on the filter's conditions (with its month range) beside the caller's and the
   * department names' reads: the conditions wait for the caller only when the filter names
   * clinicians (COMMITTEE names them in pseudonyms); a department the caller cannot see is
   * refused once all have answered.
   */
  private async countWithCaller<T>(
    principal: Principal,
    filter: AnalysisFilter,
    memo: RequestMemo,
    count: (built: {
      conditions: string[];
      needsOrders: boolean;
      parameters: SqlParameters;
    }) => Promise<T>,
  ): Promise<[AnalysisCaller, T]> {
    const reads = this.reads(memo);
    const callerRead = reads.caller(principal);
    const scopeOnly: AnalysisCaller = {
      departmentScope: analysisScopeOf(principal),
      pseudonyms: null,
    };
    const counted = (caller: AnalysisCaller) => {
      const parameters = new SqlParameters();
      const built = this.conditionsWithMonths(parameters, filter, caller);
      return count({ ...built, parameters });
    };
    const [caller, names, counts] = await Promise.all([
      callerRead,
      filtersDepartments(filter) ? reads.departmentNames() : [],
      // a malformed month throws here, before the counts are sent
      filtersClinicians(filter) ? callerRead.then(counted) : counted(scopeOnly),
    ]);
    checkFilterDepartments(filter, caller, names);
    return [caller, counts];
  }

  private conditionsWithMonths(
    parameters: SqlParameters,
    filter: AnalysisFilter,
    caller: AnalysisCaller,
  ): { conditions: string[]; needsOrders: boolean } {
    const built = this.conditions(parameters, filter, caller);
    const conditions = [...built.conditions];
    if (filter.from) conditions.push(`a.month >= ${parameters.add(filter.from)}::text`);
    if (filter.to) conditions.push(`a.month <= ${parameters.add(filter.to)}::text`);
    return { conditions, needsOrders: built.needsOrders };
  }

  private conditions(
    parameters: SqlParameters,
    filter: AnalysisFilter,
    caller: AnalysisCaller,
  ): { conditions: string[]; needsOrders: boolean } {
    const department = sourceSql(this.source).department;
    return filterConditions(parameters, filter, caller, department);
  }
}

/**
 * What is derived from kept rows is kept by measure and by whether the caller sees pseudonyms:
 * the units' keys and labels differ (the caller's department scope is in the statement's key).
 */
function derivedKeyOf(measure: FunnelMeasure, caller: AnalysisCaller): string {
  return `${measure} ${caller.pseudonyms ? 'pseudonyms' : 'ids'}`;
}

function rateOf(events: number, n: number): number | null {
  return n > 0 ? events / n : null;
}

function toStratumCounts(row: BandCountRow): DoseHistoryStratumCounts {
  return {
    highAwaySwitches: row.high_away_switches,
    highOpportunities: row.high_opportunities,
    lowAwaySwitches: row.low_away_switches,
    lowOpportunities: row.low_opportunities,
  };
}

function emptyPeriod(from: string | null, to: string | null): PeriodFigures {
  const doseHistory = summariseDoseHistory([]);
  return {
    from,
    to,
    opportunities: 0,
    awaySwitches: 0,
    awaySwitchRate: null,
    conflicts: 0,
    conflictRate: null,
    documented: 0,
    probable: 0,
    possible: 0,
    excessAwaySwitches: doseHistory.excess,
    siteOddsRatio: doseHistory.oddsRatio,
    openCases: 0,
    reviewedCases: 0,
  };
}

/** How the rows of practice variation are ordered and paged (every field optional). */
export interface VariationPaging {
  readonly orderBy?: PracticeVariationOrder | null;
  readonly first?: number | null;
  readonly after?: string | null;
  /** false: the rows' dose-history summaries are not asked for (their strata are not read). */
  readonly doseHistory?: boolean;
}

/** The answer: the comparison's figures over every unit, the rows given and where they lie. */
function scopedVariation(
  by: VariationDimensionName,
  comparison: PracticeVariationComparison,
  rows: readonly PracticeVariationRow[],
  page: PracticeVariationPageInfo,
): ScopedPracticeVariation {
  return {
    by,
    measure: comparison.measure,
    targetRate: comparison.targetRate,
    compared: comparison.compared,
    outside: comparison.outside,
    outsideAfterMultiplicity: comparison.outsideAfterMultiplicity,
    rows,
    funnelCurve: comparison.funnelCurve,
    page,
  };
}

function toUnitCounts(
  row: { unit: string | null; label: string | null } & FigureCountRow,
  key: string,
  unit: VariationUnitColumn,
  caller: AnalysisCaller,
): UnitConflictCounts {
  return {
    key,
    label: caller.pseudonyms && unit === 'clinician' ? key : (row.label ?? key),
    opportunities: row.opportunities,
    conflicts: row.conflicts,
    awaySwitches: row.away_switches,
  };
}

function scopeCounts(scope: FigureCountRow | undefined): {
  opportunities: number;
  conflicts: number;
  awaySwitches: number;
} {
  return {
    opportunities: scope?.opportunities ?? 0,
    conflicts: scope?.conflicts ?? 0,
    awaySwitches: scope?.away_switches ?? 0,
  };
}

/** A unit's strata as the dose-history summary takes them, in the statement's order. */
function toStrata(
  strata: readonly StratumBandCounts[] | null | undefined,
): DoseHistoryStratumCounts[] {
  return (strata ?? []).map(
    ([highAwaySwitches, highOpportunities, lowAwaySwitches, lowOpportunities]) => ({
      highAwaySwitches,
      highOpportunities,
      lowAwaySwitches,
      lowOpportunities,
    }),
  );
}
