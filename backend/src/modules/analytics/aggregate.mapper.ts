import type { DoseHistorySensitivity } from './domain/index.js';
import type {
  Overview,
  PeriodFigures,
  PracticeVariationDensity,
  ScopedPracticeVariation,
} from './aggregate.service.js';
import { mapExcess, mapOddsRatio } from './committee.mapper.js';
import type {
  DoseHistorySensitivityObject,
  OverviewObject,
  PeriodFiguresObject,
  PracticeVariationObject,
} from './dto/aggregate.object.js';
import { FunnelMeasure, FunnelPosition } from './dto/department-variation.object.js';
import {
  FunnelTone,
  FunnelVolumeScale,
  type PracticeVariationDensityObject,
} from './dto/practice-variation-density.object.js';
import { DoseBand, VariationDimension } from '../vocabulary/graphql-enums.js';

/**
 * Whitelists the aggregates' fields into their GraphQL objects (the one place per type where a
 * field reaches the API): nothing here names a patient; clinician keys arrive already
 * pseudonymised for COMMITTEE by the service.
 */
export function mapOverview(overview: Overview): OverviewObject {
  return { current: mapPeriod(overview.current), previous: mapPeriod(overview.previous) };
}

function mapPeriod(period: PeriodFigures): PeriodFiguresObject {
  return {
    from: period.from,
    to: period.to,
    opportunities: period.opportunities,
    awaySwitches: period.awaySwitches,
    awaySwitchRate: period.awaySwitchRate,
    conflicts: period.conflicts,
    conflictRate: period.conflictRate,
    documented: period.documented,
    probable: period.probable,
    possible: period.possible,
    excessAwaySwitches: mapExcess(period.excessAwaySwitches),
    siteOddsRatio: mapOddsRatio(period.siteOddsRatio),
    openCases: period.openCases,
    reviewedCases: period.reviewedCases,
  };
}

export function mapPracticeVariation(variation: ScopedPracticeVariation): PracticeVariationObject {
  return {
    by: VariationDimension[variation.by],
    measure: FunnelMeasure[variation.measure],
    targetRate: variation.targetRate,
    compared: variation.compared,
    outside: variation.outside,
    outsideAfterMultiplicity: variation.outsideAfterMultiplicity,
    pageInfo: { hasNextPage: variation.page.hasNextPage, endCursor: variation.page.endCursor },
    rows: variation.rows.map((row) => ({
      key: row.key,
      label: row.label,
      opportunities: row.opportunities,
      awaySwitches: row.awaySwitches,
      conflicts: row.conflicts,
      rate: row.rate,
      limits: row.limits && {
        lower95: row.limits.lower95,
        upper95: row.limits.upper95,
        lower998: row.limits.lower998,
        upper998: row.limits.upper998,
      },
      position: row.position && FunnelPosition[row.position],
      outsideAfterMultiplicity: row.outsideAfterMultiplicity,
      qValue: row.qValue,
      pValue: row.pValue,
      doseHistoryOddsRatio: mapOddsRatio(row.doseHistoryOddsRatio),
      excessAwaySwitches: mapExcess(row.excessAwaySwitches),
    })),
    funnelCurve: variation.funnelCurve.map((point) => ({
      opportunities: point.n,
      lower95: point.lower95,
      upper95: point.upper95,
      lower998: point.lower998,
      upper998: point.upper998,
    })),
  };
}

export function mapPracticeVariationDensity(
  density: PracticeVariationDensity,
): PracticeVariationDensityObject {
  return {
    by: VariationDimension[density.by],
    measure: FunnelMeasure[density.measure],
    targetRate: density.targetRate,
    compared: density.compared,
    grid: {
      volumeScale: FunnelVolumeScale[density.grid.volumeScale],
      volumeEdges: [...density.grid.volumeEdges],
      rateEdges: [...density.grid.rateEdges],
    },
    cells: density.cells.map((cell) => ({
      volumeBin: cell.volumeBin,
      rateBin: cell.rateBin,
      units: cell.units,
    })),
    outsidePoints: {
      keys: density.outside.map((unit) => unit.key),
      labels: density.outside.map((unit) => unit.label),
      opportunities: density.outside.map((unit) => unit.opportunities),
      rates: density.outside.map((unit) => unit.rate as number),
      tones: density.outside.map((unit) =>
        unit.position.startsWith('ABOVE') ? FunnelTone.ABOVE : FunnelTone.BELOW,
      ),
      positions: density.outside.map((unit) => FunnelPosition[unit.position]),
      outsideAfterMultiplicity: density.outside.map((unit) => unit.outsideAfterMultiplicity),
    },
    funnelCurve: density.funnelCurve.map((point) => ({
      opportunities: point.n,
      lower95: point.lower95,
      upper95: point.upper95,
      lower998: point.lower998,
      upper998: point.upper998,
    })),
  };
}

export function mapDoseHistorySensitivity(
  sensitivity: DoseHistorySensitivity,
): DoseHistorySensitivityObject {
  return {
    pooled: mapOddsRatio(sensitivity.pooled),
    groups: sensitivity.groups.map((group) => ({
      indicationGroup: group.indicationGroup,
      bands: group.bands.map((band) => ({
        band: DoseBand[band.band],
        opportunities: band.opportunities,
        awaySwitches: band.awaySwitches,
        rate: band.rate,
        lower95: band.lower95,
        upper95: band.upper95,
      })),
      oddsRatio: mapOddsRatio(group.oddsRatio),
      flat: group.flat,
    })),
  };
}
