import {
  applyRatingChanges,
  describeRating,
  listRatingChanges,
  readRating,
  rowKey,
  type AppropriatenessRowValue,
} from './edit-appropriateness.js';

const row = (modality: string, rating: number): AppropriatenessRowValue => ({
  indicationGroup: 'PULMONARY_EMBOLISM',
  icd10Prefixes: ['I26'],
  population: 'ADULT',
  modality,
  rating,
  basis: 'ACR',
});

const stored = [row('CT', 9), row('NM', 7), row('US', 2)];

describe('appropriateness edits', () => {
  it('lists only the ratings that changed, from and to', () => {
    const edited = new Map([
      [rowKey(stored[0]!), 9],
      [rowKey(stored[2]!), 4],
    ]);
    expect(listRatingChanges(stored, edited)).toEqual([
      {
        key: 'PULMONARY_EMBOLISM|ADULT|US',
        indicationGroup: 'PULMONARY_EMBOLISM',
        population: 'ADULT',
        modality: 'US',
        from: 2,
        to: 4,
      },
    ]);
    expect(applyRatingChanges(stored, edited).map((item) => item.rating)).toEqual([9, 7, 4]);
  });

  it('reads a typed rating or says what is wrong', () => {
    expect(readRating(' 7 ')).toEqual({ rating: 7 });
    expect(readRating('0')).toEqual({ error: 'A rating is a whole number from 1 to 9.' });
    expect(readRating('6.5')).toEqual({ error: 'A rating is a whole number from 1 to 9.' });
    expect(readRating('')).toEqual({ error: 'A rating is a whole number from 1 to 9.' });
  });

  it('words the ACR bands', () => {
    expect([9, 7, 6, 4, 3, 1].map(describeRating)).toEqual([
      'usually appropriate',
      'usually appropriate',
      'may be appropriate',
      'may be appropriate',
      'usually not appropriate',
      'usually not appropriate',
    ]);
  });
});
