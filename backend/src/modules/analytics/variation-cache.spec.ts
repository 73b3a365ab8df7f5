import type { VariationTotalRow } from './aggregate.sql.js';
import { VariationCache, type VariationCacheEntry } from './variation-cache.js';

const entry = (generation: string, rows: number): VariationCacheEntry => ({
  generation,
  rows: Array.from({ length: rows }, (_, index): VariationTotalRow => ({
    grouping_level: 1,
    unit: `DR${index}`,
    label: null,
    opportunities: 1,
    away_switches: 0,
    conflicts: 0,
  })),
  derived: new Map(),
});

describe('VariationCache', () => {
  it('gives an entry back only at the generation it was read at', () => {
    const cache = new VariationCache();
    const kept = entry('7', 3);
    cache.set('site', kept);
    expect(cache.get('site', '7')).toBe(kept);
    expect(cache.get('site', '8')).toBeUndefined();
    expect(cache.get('surgery', '7')).toBeUndefined();
  });

  it('keeps at most its rows, dropping the least recently used first', () => {
    const cache = new VariationCache(10);
    cache.set('a', entry('1', 4));
    cache.set('b', entry('1', 4));
    expect(cache.get('a', '1')).toBeDefined(); // a is now the most recent
    cache.set('c', entry('1', 4)); // 12 rows: b goes
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')).toBeDefined();
    expect(cache.get('c', '1')).toBeDefined();
    cache.set('a', entry('2', 6)); // replaces a (4 rows) by 6: c (4) still fits
    expect(cache.get('a', '2')).toBeDefined();
    expect(cache.get('c', '1')).toBeDefined();
    cache.set('huge', entry('1', 11)); // larger than the bound: not kept, nothing dropped
    expect(cache.get('huge', '1')).toBeUndefined();
    expect(cache.get('c', '1')).toBeDefined();
  });
});
