// A spec may read the backend vocabulary to check the dashboard's copy; production code may not.
import * as vocabulary from '../../../../../backend/src/modules/vocabulary/vocabulary.js';
import {
  IONIZING_MODALITIES,
  NON_EXAM_OUTCOMES,
  NON_IONIZING_MODALITIES,
  OUTCOME_COLOURS,
  OUTCOME_ORDER,
} from './outcome-series.js';

describe('outcome vocabulary of the dashboard', () => {
  it('matches the backend vocabulary', () => {
    expect(IONIZING_MODALITIES).toEqual(vocabulary.IONIZING_MODALITIES);
    expect(NON_IONIZING_MODALITIES).toEqual(vocabulary.NON_IONIZING_MODALITIES);
    expect(NON_EXAM_OUTCOMES).toEqual(vocabulary.NON_EXAM_OUTCOMES);
  });

  it('orders CT first, then the other ionizing modalities, then US and MR, then non-exams', () => {
    expect(OUTCOME_ORDER).toEqual([
      'CT',
      'CR',
      'DX',
      'XA',
      'RF',
      'NM',
      'PT',
      'MG',
      'US',
      'MR',
      'CANCELLED',
      'NOT_PERFORMED',
      'PENDING',
    ]);
  });

  it('gives every outcome a colour of its own', () => {
    const colours = OUTCOME_ORDER.map((outcome) => OUTCOME_COLOURS[outcome]);
    expect(colours.every((colour) => /^#[0-9A-F]{6}$/.test(colour ?? ''))).toBe(true);
    expect(new Set(colours).size).toBe(OUTCOME_ORDER.length);
  });
});
