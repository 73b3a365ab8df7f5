import { tallyDispositions } from './tally-dispositions.js';

describe('tallyDispositions', () => {
  it('counts each disposition, in a fixed order, with its share of the reviewed cases', () => {
    const tally = tallyDispositions([
      { latestDisposition: 'CLINICALLY_JUSTIFIED' },
      { latestDisposition: 'CONFIRMED_STEERING' },
      { latestDisposition: 'CLINICALLY_JUSTIFIED' },
      { latestDisposition: 'CLINICALLY_JUSTIFIED' },
      { latestDisposition: null },
    ]);
    expect(tally.map((row) => [row.disposition, row.cases, row.share])).toEqual([
      ['CONFIRMED_STEERING', 1, 0.25],
      ['CLINICALLY_JUSTIFIED', 3, 0.75],
      ['DATA_ERROR', 0, 0],
      ['NEEDS_DISCUSSION', 0, 0],
    ]);
  });

  it('gives no shares when nothing was reviewed', () => {
    expect(tallyDispositions([]).every((row) => row.cases === 0 && row.share === null)).toBe(true);
  });
});
