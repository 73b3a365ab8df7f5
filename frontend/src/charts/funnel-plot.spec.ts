import { densityOpacity, valueTicks } from './funnel-plot.js';

describe('valueTicks', () => {
  it('steps from 0 to the axis end at a round step, at most six steps', () => {
    expect(valueTicks(0.5).map((tick) => Number(tick.toFixed(6)))).toEqual([
      0, 0.1, 0.2, 0.3, 0.4, 0.5,
    ]);
    expect(valueTicks(0.25).map((tick) => Number(tick.toFixed(6)))).toEqual([
      0, 0.05, 0.1, 0.15, 0.2, 0.25,
    ]);
    expect(valueTicks(0.8).map((tick) => Number(tick.toFixed(6)))).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(valueTicks(0)).toEqual([0]);
  });
});

describe('densityOpacity', () => {
  it('shades by the logarithm of the count, one unit still visible', () => {
    expect(densityOpacity(1, 400)).toBeCloseTo(0.15, 12);
    expect(densityOpacity(400, 400)).toBeCloseTo(0.65, 12);
    expect(densityOpacity(20, 400)).toBeCloseTo(0.4, 12);
    expect(densityOpacity(1, 1)).toBe(0.4);
  });
});
