import { createRandom } from './random.js';

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const first = createRandom(42);
    const second = createRandom(42);
    const other = createRandom(43);
    const left = Array.from({ length: 20 }, () => first.nextUint32());
    const right = Array.from({ length: 20 }, () => second.nextUint32());
    const different = Array.from({ length: 20 }, () => other.nextUint32());
    expect(right).toEqual(left);
    expect(different.filter((value, index) => value === left[index])).toHaveLength(0);
  });

  it('draws uniform values in [0, 1) with mean near 1/2', () => {
    const random = createRandom(1);
    const values = Array.from({ length: 20000 }, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('keeps integers inside both bounds and reaches each of them', () => {
    const random = createRandom(9);
    const seen = new Set(Array.from({ length: 2000 }, () => random.integer(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('follows weights and Poisson means', () => {
    const random = createRandom(5);
    const picks = Array.from({ length: 10000 }, () =>
      random.pickWeighted([
        { item: 'a', weight: 3 },
        { item: 'b', weight: 1 },
      ]),
    );
    const shareA = picks.filter((pick) => pick === 'a').length / picks.length;
    expect(shareA).toBeGreaterThan(0.73);
    expect(shareA).toBeLessThan(0.77);
    const counts = Array.from({ length: 10000 }, () => random.poisson(2.5));
    const mean = counts.reduce((sum, count) => sum + count, 0) / counts.length;
    expect(mean).toBeGreaterThan(2.4);
    expect(mean).toBeLessThan(2.6);
  });

  it('shuffles into a permutation of the same items', () => {
    const shuffled = createRandom(2).shuffle([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(shuffled).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
