/** The appropriateness table as the Settings page edits it: ratings changed row by row. */

export interface AppropriatenessRowValue {
  readonly indicationGroup: string;
  readonly icd10Prefixes: readonly string[];
  readonly population: string;
  readonly modality: string;
  readonly rating: number;
  readonly basis: string;
}

export const rowKey = (row: AppropriatenessRowValue): string =>
  `${row.indicationGroup}|${row.population}|${row.modality}`;

export interface RatingChange {
  readonly key: string;
  readonly indicationGroup: string;
  readonly population: string;
  readonly modality: string;
  readonly from: number;
  readonly to: number;
}

/** The rows whose rating differs from the stored table, in the table's order. */
export const listRatingChanges = (
  stored: readonly AppropriatenessRowValue[],
  edited: ReadonlyMap<string, number>,
): RatingChange[] =>
  stored.flatMap((row) => {
    const to = edited.get(rowKey(row));
    return to === undefined || to === row.rating
      ? []
      : [
          {
            key: rowKey(row),
            indicationGroup: row.indicationGroup,
            population: row.population,
            modality: row.modality,
            from: row.rating,
            to,
          },
        ];
  });

/** A typed rating: a whole number from 1 to 9, or the sentence that says what is wrong. */
export const readRating = (text: string): { rating: number } | { error: string } => {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < 1 || value > 9) {
    return { error: 'A rating is a whole number from 1 to 9.' };
  }
  return { rating: value };
};

/** The whole table with the edits applied, as the mutation's rows. */
export const applyRatingChanges = (
  stored: readonly AppropriatenessRowValue[],
  edited: ReadonlyMap<string, number>,
): AppropriatenessRowValue[] =>
  stored.map((row) => ({
    indicationGroup: row.indicationGroup,
    icd10Prefixes: [...row.icd10Prefixes],
    population: row.population,
    modality: row.modality,
    rating: edited.get(rowKey(row)) ?? row.rating,
    basis: row.basis,
  }));

/** What a rating means, in the words of the ACR Appropriateness Criteria. */
export const describeRating = (rating: number): string =>
  rating >= 7
    ? 'usually appropriate'
    : rating >= 4
      ? 'may be appropriate'
      : 'usually not appropriate';
