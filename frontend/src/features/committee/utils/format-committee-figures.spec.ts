import {
  formatExcess,
  formatOddsRatio,
  formatPercent,
  readOddsRatio,
} from './format-committee-figures.js';

describe('formatPercent', () => {
  it('writes a proportion as a percentage with two decimals, or a dash', () => {
    expect(formatPercent(0.009501965)).toBe('0.95%');
    expect(formatPercent(0.1143, 1)).toBe('11.4%');
    expect(formatPercent(0)).toBe('0.00%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('formatOddsRatio', () => {
  it('writes the odds ratio and its 95% CI with two decimals', () => {
    expect(
      formatOddsRatio({ oddsRatio: 1.7628, lower95: 1.4405, upper95: 2.1572, status: 'ESTIMATED' }),
    ).toBe('1.76 (1.44–2.16)');
  });

  it('says why there is no interval', () => {
    const none = { oddsRatio: null, lower95: null, upper95: null };
    expect(formatOddsRatio({ ...none, oddsRatio: 0, status: 'ZERO' })).toBe(
      '0 (no HIGH-band switch)',
    );
    expect(formatOddsRatio({ ...none, status: 'INFINITE' })).toBe('unbounded (no LOW-band switch)');
    expect(formatOddsRatio({ ...none, status: 'NO_INFORMATION' })).toBe('not estimable');
  });
});

describe('readOddsRatio', () => {
  it('reads a CI entirely above 1 as more switches with a high dose history', () => {
    expect(
      readOddsRatio({ oddsRatio: 1.76, lower95: 1.01, upper95: 2.2, status: 'ESTIMATED' }),
    ).toBe('HIGHER_WITH_HIGH_DOSE');
    expect(
      readOddsRatio({ oddsRatio: 0.4, lower95: 0.2, upper95: 0.99, status: 'ESTIMATED' }),
    ).toBe('LOWER_WITH_HIGH_DOSE');
    expect(
      readOddsRatio({ oddsRatio: 1.3, lower95: 0.99, upper95: 2.2, status: 'ESTIMATED' }),
    ).toBe('NO_CLEAR_DIFFERENCE');
    expect(readOddsRatio({ oddsRatio: 0, lower95: null, upper95: null, status: 'ZERO' })).toBe(
      'NOT_ESTIMABLE',
    );
  });
});

describe('formatExcess', () => {
  it('signs the excess with a true minus and one decimal', () => {
    expect(formatExcess(78.7944)).toBe('+78.8');
    expect(formatExcess(-1.3445)).toBe('−1.3');
    expect(formatExcess(0.04)).toBe('0.0');
    expect(formatExcess(-0.04)).toBe('0.0');
  });
});
