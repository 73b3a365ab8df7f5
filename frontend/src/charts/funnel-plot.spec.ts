import { densityOpacity, valueTicks, withoutCollidingLabels } from './funnel-plot.js';

describe('valueTicks', () => {
  it('steps from 0 to the axis end at a round step, at most six steps', () => {
    expect(valueTicks(0.5).map((tick) => Number(tick.toFixed(6)))).toEqual([
      0, 0.1, 0.2, 0.3, 0.4, 0.5,
    ]);
    expect(valueTicks(0.25).map((tick) => Number(tick.toFixed(6)))).toEqual([
      0, 0.05, 0.1, 0.15, 0.2, 0.25,
    ]);
    // not 0.025 steps: 12.5 % would show as 13 %
    expect(valueTicks(0.15).map((tick) => Number(tick.toFixed(6)))).toEqual([0, 0.05, 0.1, 0.15]);
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

describe('withoutCollidingLabels', () => {
  const point = (
    key: string,
    x: number,
    y: number,
    labelSide: 'left' | 'right' | null = 'right',
  ) => ({
    key,
    x,
    y,
    labelSide,
  });

  it('keeps the first of two labels that would overlap, and labels apart', () => {
    // 440 px high: one label is 16 / 440 = 0.036 of the height
    const kept = withoutCollidingLabels(
      [point('A', 0.5, 0.8), point('B', 0.52, 0.81), point('C', 0.52, 0.7), point('D', 0.9, 0.8)],
      (one) => [one.x, one.y],
      440,
    );
    expect(kept.map((one) => [one.key, one.labelSide])).toEqual([
      ['A', 'right'],
      ['B', null],
      ['C', 'right'],
      ['D', 'right'],
    ]);
  });

  it('leaves unlabelled points as they are', () => {
    const kept = withoutCollidingLabels([point('A', 0.5, 0.5, null)], (one) => [one.x, one.y], 440);
    expect(kept[0].labelSide).toBeNull();
  });
});
