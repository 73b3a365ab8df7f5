import { assertCount } from '../../statistics/assert-count.js';
import {
  summariseDoseHistory,
  type DoseHistoryStratumCounts,
  type OddsRatioSummary,
} from './summarise-dose-history.js';
import { computeWilsonInterval } from '../../statistics/wilson-interval.js';

export const DOSE_BANDS = ['LOW', 'MODERATE', 'HIGH'] as const;
export type DoseBandName = (typeof DOSE_BANDS)[number];

/** Assessable opportunities and away-switches of one stratum and band, as SQL counts them. */
export interface BandStratumCounts {
  readonly indicationGroup: string;
  readonly population: string;
  readonly setting: string;
  readonly band: DoseBandName;
  readonly opportunities: number;
  readonly awaySwitches: number;
}

export interface SensitivityBand {
  readonly band: DoseBandName;
  readonly opportunities: number;
  readonly awaySwitches: number;
  readonly rate: number | null;
  /** Wilson 95 % interval; null without opportunities. */
  readonly lower95: number | null;
  readonly upper95: number | null;
}

export interface SensitivityGroup {
  readonly indicationGroup: string;
  /** LOW, MODERATE, HIGH, each present (zeros when the group has none). */
  readonly bands: readonly SensitivityBand[];
  /** MH OR HIGH vs LOW within the group, strata population × setting. */
  readonly oddsRatio: OddsRatioSummary;
  /** false when the CI lies wholly above 1 (the rate climbs with dose history). */
  readonly flat: boolean;
}

export interface DoseHistorySensitivity {
  /** MH OR HIGH vs LOW over every stratum (indication group × population × setting). */
  readonly pooled: OddsRatioSummary;
  /** By indication group name. */
  readonly groups: readonly SensitivityGroup[];
}

/**
 * Dose-history sensitivity per indication group: the away-switch rate in each dose-history band
 * with its Wilson 95 % interval, the group's Mantel–Haenszel OR (HIGH vs LOW, strata
 * population × setting), whether it is flat, and the OR pooled over all strata.
 */
export function assembleDoseHistorySensitivity(
  counts: readonly BandStratumCounts[],
): DoseHistorySensitivity {
  const strata = new Map<string, { group: string; counts: Map<DoseBandName, BandStratumCounts> }>();
  for (const row of counts) {
    assertCount(row.opportunities, 'opportunities');
    assertCount(row.awaySwitches, 'awaySwitches');
    if (!DOSE_BANDS.includes(row.band)) throw new RangeError(`Unknown dose band ${row.band}.`);
    const key = JSON.stringify([row.indicationGroup, row.population, row.setting]);
    const stratum = strata.get(key) ?? { group: row.indicationGroup, counts: new Map() };
    if (stratum.counts.has(row.band))
      throw new RangeError(`Stratum ${key} ${row.band} given twice.`);
    stratum.counts.set(row.band, row);
    strata.set(key, stratum);
  }
  const toHighLow = (stratum: { counts: Map<DoseBandName, BandStratumCounts> }) => {
    const high = stratum.counts.get('HIGH');
    const low = stratum.counts.get('LOW');
    return {
      highAwaySwitches: high?.awaySwitches ?? 0,
      highOpportunities: high?.opportunities ?? 0,
      lowAwaySwitches: low?.awaySwitches ?? 0,
      lowOpportunities: low?.opportunities ?? 0,
    } satisfies DoseHistoryStratumCounts;
  };
  const allStrata = [...strata.values()];
  const groupNames = [...new Set(allStrata.map((stratum) => stratum.group))].sort();
  const groups = groupNames.map((indicationGroup): SensitivityGroup => {
    const groupStrata = allStrata.filter((stratum) => stratum.group === indicationGroup);
    const bands = DOSE_BANDS.map((band): SensitivityBand => {
      let opportunities = 0;
      let awaySwitches = 0;
      for (const stratum of groupStrata) {
        opportunities += stratum.counts.get(band)?.opportunities ?? 0;
        awaySwitches += stratum.counts.get(band)?.awaySwitches ?? 0;
      }
      const interval = computeWilsonInterval(awaySwitches, opportunities);
      return {
        band,
        opportunities,
        awaySwitches,
        rate: opportunities > 0 ? awaySwitches / opportunities : null,
        lower95: interval?.lower95 ?? null,
        upper95: interval?.upper95 ?? null,
      };
    });
    const oddsRatio = summariseDoseHistory(groupStrata.map(toHighLow)).oddsRatio;
    return {
      indicationGroup,
      bands,
      oddsRatio,
      flat: !(
        oddsRatio.status === 'ESTIMATED' &&
        oddsRatio.lower95 !== null &&
        oddsRatio.lower95 > 1
      ),
    };
  });
  return { pooled: summariseDoseHistory(allStrata.map(toHighLow)).oddsRatio, groups };
}
