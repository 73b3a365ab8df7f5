/** Appropriateness look-ups over the reference table, as DESIGN.md sections 2 and 3 define them. */
import { IONIZING_MODALITIES, MODALITIES, normaliseIcd10 } from '../vocabulary/vocabulary.js';
import type { Modality } from '../vocabulary/vocabulary.js';
import type { Population, ReferenceTables } from './reference-tables.js';

export type ModalityRatings = ReadonlyMap<Modality, number>;

/** The indication group of a code by the longest matching prefix (dots, spaces and case ignored). */
export const findIndicationGroup = (tables: ReferenceTables, code: string): string | null => {
  const normalised = normaliseIcd10(code);
  let best: { group: string; length: number } | null = null;
  for (const row of tables.appropriateness) {
    for (const prefix of row.prefixes) {
      const normalisedPrefix = normaliseIcd10(prefix);
      if (
        normalised.startsWith(normalisedPrefix) &&
        (!best || normalisedPrefix.length > best.length)
      ) {
        best = { group: row.group, length: normalisedPrefix.length };
      }
    }
  }
  return best?.group ?? null;
};

/** Ratings of a group for a population, falling back to the ADULT rows; a missing modality is 1. */
export const rateModalities = (
  tables: ReferenceTables,
  group: string,
  population: Population,
): ModalityRatings => {
  const rowsOf = (wanted: Population) =>
    tables.appropriateness.filter((row) => row.group === group && row.population === wanted);
  const rows = rowsOf(population).length > 0 ? rowsOf(population) : rowsOf('ADULT');
  return new Map(
    MODALITIES.map((modality) => [
      modality,
      rows.find((row) => row.modality === modality)?.rating ?? 1,
    ]),
  );
};

export const isIonizing = (modality: Modality): boolean =>
  (IONIZING_MODALITIES as readonly string[]).includes(modality);

export const findMaximumRating = (ratings: ModalityRatings): number =>
  Math.max(...ratings.values());

/** An opportunity: the maximum rating is >= 7 and an ionizing modality holds it (ties count). */
export const isOpportunity = (ratings: ModalityRatings): boolean => {
  const maximum = findMaximumRating(ratings);
  return (
    maximum >= 7 &&
    [...ratings.entries()].some(([modality, rating]) => rating === maximum && isIonizing(modality))
  );
};
