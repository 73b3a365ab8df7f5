import { describeChange } from './describe-change.js';

describe('describeChange', () => {
  it('gives a count difference and its relative change', () => {
    // 130 − 118 = 12; 12 / 118 = 10.17 %
    expect(describeChange(130, 118, 'count')).toEqual({ direction: 'up', text: '+12 (+10.2%)' });
    // 1,150 − 2,400 = −1,250; −1,250 / 2,400 = −52.08 %
    expect(describeChange(1150, 2400, 'count')).toEqual({
      direction: 'down',
      text: '\u22121,250 (\u221252.1%)',
    });
  });

  it('says when nothing changed or nothing came before', () => {
    expect(describeChange(7, 7, 'count')).toEqual({ direction: 'same', text: 'No change' });
    expect(describeChange(5, 0, 'count')).toEqual({ direction: 'up', text: '+5 (none before)' });
    expect(describeChange(0.1, null, 'rate')).toEqual({
      direction: 'none',
      text: 'No previous figure',
    });
  });

  it('compares rates in percentage points', () => {
    // 16/140 = 0.114286 against 3/118 = 0.025424: +8.886 points
    expect(describeChange(16 / 140, 3 / 118, 'rate')).toEqual({
      direction: 'up',
      text: '+8.89 percentage points',
    });
    expect(describeChange(0.05, 0.0542, 'rate')).toEqual({
      direction: 'down',
      text: '\u22120.42 percentage points',
    });
  });

  it('compares odds ratios and excess switches as differences', () => {
    expect(describeChange(1.76, 1.31, 'ratio')).toEqual({ direction: 'up', text: '+0.45' });
    expect(describeChange(8.0, 10.46, 'excess')).toEqual({ direction: 'down', text: '\u22122.5' });
    expect(describeChange(1.001, 1.004, 'ratio')).toEqual({ direction: 'same', text: 'No change' });
  });
});
