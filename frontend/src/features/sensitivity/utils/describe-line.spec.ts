import { describeLine } from './describe-line.js';

const oddsRatio = (status: 'ESTIMATED' | 'INFINITE' | 'ZERO' | 'NO_INFORMATION') => ({
  __typename: 'DoseHistoryOddsRatio' as const,
  oddsRatio: status === 'ESTIMATED' ? 1.2 : null,
  lower95: status === 'ESTIMATED' ? 0.8 : null,
  upper95: status === 'ESTIMATED' ? 1.9 : null,
  status,
  strataUsed: 1,
  opportunities: 10,
});

describe('describeLine', () => {
  it('tells climbing, flat and unjudged groups apart', () => {
    expect(describeLine({ flat: false, oddsRatio: oddsRatio('ESTIMATED') })).toBe(
      '▲ Climbs with dose history',
    );
    expect(describeLine({ flat: true, oddsRatio: oddsRatio('ESTIMATED') })).toBe(
      'Flat within chance',
    );
    // 10 of 30 HIGH switched, none of 6 LOW: unbounded, not "flat"
    expect(describeLine({ flat: true, oddsRatio: oddsRatio('INFINITE') })).toBe(
      'Too few switches to judge',
    );
  });
});
