import type { VariationTotalRow } from './aggregate.sql.js';
import { VariationCache, type VariationCacheEntry } from './variation-cache.js';

const entry = (generation: string, rows: number): VariationCacheEntry => ({
  sql: 'SELECT …',
  values: [],
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
  recipes: new Map(),
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

  it('names the entries read at another generation, most recently used first', () => {
    const cache = new VariationCache();
    cache.set('old', entry('1', 1));
    cache.set('current', entry('2', 1));
    cache.set('older', entry('1', 1));
    expect(cache.get('old', '1')).toBeDefined(); // old is now the most recent
    expect(cache.staleKeys('2')).toEqual(['old', 'older']);
    expect(cache.staleKeys('1')).toEqual(['current']);
    // peek gives a stale entry back (to read its statement again) without making it current
    expect(cache.peek('older')?.generation).toBe('1');
    expect(cache.get('older', '2')).toBeUndefined();
  });
});
