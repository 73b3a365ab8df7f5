import type { SensitivitySeries } from './build-sensitivity-series.js';

/**
 * What a group's line says, in the words the page uses: climbing (the odds ratio's CI lies above
 * 1), flat within chance, or too few orders to judge (no odds ratio could be estimated: no
 * switch in one of the bands, or no stratum holding both).
 */
export const describeLine = (series: Pick<SensitivitySeries, 'flat' | 'oddsRatio'>): string => {
  if (!series.flat) return '▲ Climbs with dose history';
  if (series.oddsRatio.status !== 'ESTIMATED') return 'Too few switches to judge';
  return 'Flat within chance';
};
