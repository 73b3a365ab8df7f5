import { adjustBenjaminiHochberg } from '../../statistics/benjamini-hochberg.js';
import { computeMantelHaenszelTest } from '../../statistics/mantel-haenszel-test.js';
import { computeMantelHaenszel, type Stratum2x2 } from '../../statistics/mantel-haenszel.js';
import {
  estimateBetweenUnitVariance,
  shrinkLogOddsRatio,
  type LogOddsRatioEstimate,
} from '../../statistics/shrink-log-odds-ratio.js';

/** Opportunities of one clinician in one stratum and dose-history band. */
export interface PatternCountRow {
  readonly providerId: string;
  readonly stratum: string;
  readonly band: 'HIGH' | 'LOW';
  readonly away: number;
  readonly total: number;
}

export interface ProviderPattern {
  /** '*' is the site. */
  readonly providerId: string;
  readonly opportunities: number;
  readonly highOpportunities: number;
  readonly highAway: number;
  readonly lowOpportunities: number;
  readonly lowAway: number;
  readonly oddsRatio: number | null;
  readonly lower95: number | null;
  readonly upper95: number | null;
  /** Shrunk toward the site's, rounded to 3 significant decimals so noise does not rescore. */
  readonly shrunkOddsRatio: number;
  /**
   * The clinician's HIGH-band patients against the whole site's LOW-band patients, MH over the
   * same strata: whether their HIGH-band switches exceed what the site's concordant practice
   * predicts. Unlike the own OR it does not need the clinician to see many LOW-band patients
   * (an oncologist's patients are mostly HIGH), so it is the one that gates PROBABLE.
   */
  readonly referenceOddsRatio: number | null;
  readonly referenceLower95: number | null;
  readonly referenceUpper95: number | null;
  /**
   * One-sided Cochran–Mantel–Haenszel p-value (continuity-corrected) for the reference odds
   * ratio above 1; null when the clinician has no informative HIGH-band stratum. For the site:
   * its own HIGH vs LOW test.
   */
  readonly referencePValue: number | null;
  /**
   * The p-value adjusted by Benjamini–Hochberg over every clinician compared in the same
   * analysis (false discovery rate); null for the site and for a clinician not compared.
   */
  readonly referenceQValue: number | null;
  /** Clinicians compared in this analysis (those with a p-value): the m of the adjustment. */
  readonly comparedClinicians: number;
}

export const SITE = '*';

type MutableStratum = { -readonly [cell in keyof Stratum2x2]: number };

/** Adds one row to its stratum's 2×2 table in `byStratum` (created empty when new). */
const addToStratum = (byStratum: Map<string, MutableStratum>, row: PatternCountRow): void => {
  let stratum = byStratum.get(row.stratum);
  if (stratum === undefined) {
    stratum = { exposedEvents: 0, exposedNonEvents: 0, unexposedEvents: 0, unexposedNonEvents: 0 };
    byStratum.set(row.stratum, stratum);
  }
  if (row.band === 'HIGH') {
    stratum.exposedEvents += row.away;
    stratum.exposedNonEvents += row.total - row.away;
  } else {
    stratum.unexposedEvents += row.away;
    stratum.unexposedNonEvents += row.total - row.away;
  }
};

/**
 * The 2×2 table of each stratum of `rows`, in the order the strata first come. Built in place,
 * one object per stratum: at 10M orders this runs over 313,793 rows on every analysis, and a
 * copy per row (spread) cost more in garbage collection than the statistics themselves.
 */
const toStrata = (rows: readonly PatternCountRow[]): Stratum2x2[] => {
  const byStratum = new Map<string, MutableStratum>();
  for (const row of rows) addToStratum(byStratum, row);
  return [...byStratum.values()];
};

/**
 * A clinician's log OR for shrinkage. When the MH odds ratio is 0 or unbounded (e.g. away
 * switches only among HIGH-band patients: exactly the steering pattern), 0.5 is added to every
 * cell of the strata with an empty cell (Haldane), so the estimate is finite and still large.
 */
const estimateForShrinkage = (strata: Stratum2x2[]): LogOddsRatioEstimate => {
  const plain = computeMantelHaenszel(strata);
  if (plain.logOddsRatio !== null && plain.logVariance !== null) {
    return { logOr: plain.logOddsRatio, variance: plain.logVariance };
  }
  if (plain.status === 'NO_INFORMATION') return { logOr: null, variance: null };
  // Counts are doubled and 1 is added (the same odds ratios as +0.5 on the original counts,
  // in integers); doubling every cell halves the RBG variance exactly, so it is doubled back.
  const corrected = computeMantelHaenszel(
    strata.map((stratum) => {
      const cells = [
        stratum.exposedEvents,
        stratum.exposedNonEvents,
        stratum.unexposedEvents,
        stratum.unexposedNonEvents,
      ];
      const add = cells.includes(0) && cells.reduce((sum, cell) => sum + cell, 0) >= 2 ? 1 : 0;
      return {
        exposedEvents: 2 * stratum.exposedEvents + add,
        exposedNonEvents: 2 * stratum.exposedNonEvents + add,
        unexposedEvents: 2 * stratum.unexposedEvents + add,
        unexposedNonEvents: 2 * stratum.unexposedNonEvents + add,
      };
    }),
  );
  if (corrected.logOddsRatio === null || corrected.logVariance === null) {
    return { logOr: null, variance: null };
  }
  return { logOr: corrected.logOddsRatio, variance: 2 * corrected.logVariance };
};

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** A site's LOW-band counts per stratum: every clinician's HIGH band is compared with them. */
export type SiteLowCounts = ReadonlyMap<string, { readonly away: number; readonly total: number }>;

/** The LOW-band sums per stratum of `rows` (all clinicians, the unknown one included). */
export function siteLowCounts(rows: readonly PatternCountRow[]): SiteLowCounts {
  const siteLow = new Map<string, { away: number; total: number }>();
  for (const row of rows) {
    if (row.band !== 'LOW') continue;
    const low = siteLow.get(row.stratum) ?? { away: 0, total: 0 };
    siteLow.set(row.stratum, { away: low.away + row.away, total: low.total + row.total });
  }
  return siteLow;
}

type ClinicianSummary = Pick<
  ProviderPattern,
  'providerId' | 'opportunities' | 'highOpportunities' | 'highAway' | 'lowOpportunities' | 'lowAway'
>;

type Totals = Omit<ClinicianSummary, 'providerId'>;

/** Adds one row to opportunity totals (a clinician's or the site's). */
const addToTotals = (
  totals: { -readonly [field in keyof Totals]: number },
  row: PatternCountRow,
) => {
  totals.opportunities += row.total;
  if (row.band === 'HIGH') {
    totals.highOpportunities += row.total;
    totals.highAway += row.away;
  } else {
    totals.lowOpportunities += row.total;
    totals.lowAway += row.away;
  }
};

const summarise = (providerId: string, providerRows: readonly PatternCountRow[]) => {
  const summary = {
    providerId,
    opportunities: 0,
    highOpportunities: 0,
    highAway: 0,
    lowOpportunities: 0,
    lowAway: 0,
  };
  for (const row of providerRows) addToTotals(summary, row);
  return summary;
};

/**
 * The clinician patterns built one clinician at a time: `add` takes every row of one clinician
 * (each clinician once, in the order of PATTERN_COUNTS: the site's sums keep that order) and keeps only its
 * figures, so the importer never holds every clinician's rows (313,726 rows for 33,044
 * clinicians at 10M orders took 145 MB live and 390 MB of resident memory at the peak).
 * `siteLow` must be the LOW-band sums over every row (siteLowCounts, or the same in SQL).
 * Gives what computeProviderPatterns gives for the same rows.
 */
export class ProviderPatternBuilder {
  // the site's strata in the order their first row came (the order of the sums, as before)
  readonly #site = new Map<string, MutableStratum>();
  readonly #siteTotals = {
    opportunities: 0,
    highOpportunities: 0,
    highAway: 0,
    lowOpportunities: 0,
    lowAway: 0,
  };
  readonly #estimates = new Map<string, LogOddsRatioEstimate>();
  readonly #clinicians: {
    summary: ClinicianSummary;
    own: ReturnType<typeof computeMantelHaenszel>;
    reference: ReturnType<ProviderPatternBuilder['againstSiteLow']>;
  }[] = [];

  constructor(private readonly siteLow: SiteLowCounts) {}

  /** Every row of one clinician ('' for orders without one: counted for the site only). */
  add(providerId: string, providerRows: readonly PatternCountRow[]): void {
    for (const row of providerRows) {
      addToStratum(this.#site, row);
      addToTotals(this.#siteTotals, row);
    }
    if (providerId === '') return;
    const strata = toStrata(providerRows);
    this.#estimates.set(providerId, estimateForShrinkage(strata));
    this.#clinicians.push({
      summary: summarise(providerId, providerRows),
      own: computeMantelHaenszel(strata),
      reference: this.againstSiteLow(providerRows),
    });
  }

  private againstSiteLow(providerRows: readonly PatternCountRow[]) {
    // the clinician's HIGH-band strata (in the order they come), each against the site's LOW
    // band in the same stratum
    const byStratum = new Map<string, { exposedEvents: number; exposedNonEvents: number }>();
    for (const row of providerRows) {
      if (row.band !== 'HIGH') continue;
      let high = byStratum.get(row.stratum);
      if (high === undefined) {
        high = { exposedEvents: 0, exposedNonEvents: 0 };
        byStratum.set(row.stratum, high);
      }
      high.exposedEvents += row.away;
      high.exposedNonEvents += row.total - row.away;
    }
    const strata: Stratum2x2[] = [];
    for (const [name, high] of byStratum) {
      const low = this.siteLow.get(name) ?? { away: 0, total: 0 };
      strata.push({
        exposedEvents: high.exposedEvents,
        exposedNonEvents: high.exposedNonEvents,
        unexposedEvents: low.away,
        unexposedNonEvents: low.total - low.away,
      });
    }
    const result = computeMantelHaenszel(strata);
    return {
      referenceOddsRatio: result.oddsRatio,
      referenceLower95: result.lower95,
      referenceUpper95: result.upper95,
      referencePValue: computeMantelHaenszelTest(strata).pGreater,
    };
  }

  /** The site's pattern, then every clinician's, by provider id. */
  finish(): ProviderPattern[] {
    const siteStrata = [...this.#site.values()];
    const site = computeMantelHaenszel(siteStrata);
    const siteLogOr = site.logOddsRatio ?? 0;
    const priorVariance = estimateBetweenUnitVariance([...this.#estimates.values()]);
    // by provider id as code units: the order is the same on every run, and the figures do not
    // depend on it (Benjamini–Hochberg gives each p-value its q whatever the order); a
    // locale-aware comparison of 33,044 ids took 0.25 s
    const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    const clinicians = [...this.#clinicians].sort((a, b) =>
      byId(a.summary.providerId, b.summary.providerId),
    );
    const compared = clinicians.filter((clinician) => clinician.reference.referencePValue !== null);
    const qValues = adjustBenjaminiHochberg(
      compared.map((clinician) => clinician.reference.referencePValue as number),
    );
    const qValueOf = new Map(
      compared.map((clinician, index) => [clinician.summary.providerId, qValues[index]]),
    );
    const patterns: ProviderPattern[] = [
      {
        providerId: SITE,
        ...this.#siteTotals,
        oddsRatio: site.oddsRatio,
        lower95: site.lower95,
        upper95: site.upper95,
        shrunkOddsRatio: round3(Math.exp(siteLogOr)),
        referenceOddsRatio: site.oddsRatio,
        referenceLower95: site.lower95,
        referenceUpper95: site.upper95,
        referencePValue: computeMantelHaenszelTest(siteStrata).pGreater,
        referenceQValue: null,
        comparedClinicians: compared.length,
      },
    ];
    for (const { summary, own, reference } of clinicians) {
      const shrunk = shrinkLogOddsRatio(
        this.#estimates.get(summary.providerId) ?? { logOr: null, variance: null },
        { logOr: siteLogOr },
        priorVariance,
      );
      // every field named, not spread: V8 copied the two spread objects on a slow path, about
      // 0.3 s for 33,044 clinicians
      patterns.push({
        providerId: summary.providerId,
        opportunities: summary.opportunities,
        highOpportunities: summary.highOpportunities,
        highAway: summary.highAway,
        lowOpportunities: summary.lowOpportunities,
        lowAway: summary.lowAway,
        oddsRatio: own.oddsRatio,
        lower95: own.lower95,
        upper95: own.upper95,
        shrunkOddsRatio: round3(shrunk.oddsRatio),
        referenceOddsRatio: reference.referenceOddsRatio,
        referenceLower95: reference.referenceLower95,
        referenceUpper95: reference.referenceUpper95,
        referencePValue: reference.referencePValue,
        referenceQValue: qValueOf.get(summary.providerId) ?? null,
        comparedClinicians: compared.length,
      });
    }
    return patterns;
  }
}

/**
 * Each clinician's dose-history sensitivity (Mantel–Haenszel OR of an away-switch, HIGH vs LOW,
 * pooled over strata) and the same shrunk toward the site's OR with a between-clinician
 * variance estimated by DerSimonian–Laird, plus the site itself under SITE.
 */
export function computeProviderPatterns(rows: readonly PatternCountRow[]): ProviderPattern[] {
  const byProvider = new Map<string, PatternCountRow[]>();
  for (const row of rows) {
    const list = byProvider.get(row.providerId) ?? [];
    list.push(row);
    byProvider.set(row.providerId, list);
  }
  const builder = new ProviderPatternBuilder(siteLowCounts(rows));
  for (const [providerId, providerRows] of byProvider) builder.add(providerId, providerRows);
  return builder.finish();
}
