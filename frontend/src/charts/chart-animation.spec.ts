import { decideChartAnimation } from './chart-animation.js';

describe('decideChartAnimation', () => {
  it('animates in a production build without the noanimation parameter', () => {
    expect(decideChartAnimation('production', new URL('http://localhost:3000/#/'))).toBe(true);
  });

  it('does not animate in test mode or outside Vite', () => {
    expect(decideChartAnimation('test', new URL('http://localhost:3000/'))).toBe(false);
    expect(decideChartAnimation(undefined, new URL('http://localhost:3000/'))).toBe(false);
  });

  it('does not animate with ?noanimation before or after the hash route', () => {
    expect(
      decideChartAnimation('production', new URL('http://localhost:3000/?noanimation#/')),
    ).toBe(false);
    expect(
      decideChartAnimation('production', new URL('http://localhost:3000/#/?noanimation')),
    ).toBe(false);
  });
});
