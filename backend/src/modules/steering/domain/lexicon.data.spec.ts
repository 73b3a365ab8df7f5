import { compileCategory, convertPhraseToSource, sourceOf } from './compile-lexicon.js';
import { EXCLUSION_CODES } from './exclusion-code.js';
import {
  DOSE_RATIONALE_PATTERNS,
  EXCLUSION_PATTERNS,
  LEXICON,
  LEXICON_VERSION,
  NON_DOSE_REASON_PATTERNS,
} from './lexicon.data.js';

describe('lexicon data', () => {
  it('has a semantic version', () => {
    expect(LEXICON_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('gives every pattern a unique id', () => {
    const ids = LEXICON.map((pattern) => pattern.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('compiles every pattern, and only the blank contentless reason matches an empty text', () => {
    const matchingEmpty = LEXICON.filter((pattern) => new RegExp(sourceOf(pattern)).test('')).map(
      (pattern) => pattern.id,
    );
    expect(matchingEmpty).toEqual(['contentless.blank']);
  });

  it('covers every exclusion code with text patterns', () => {
    const covered = new Set(EXCLUSION_PATTERNS.map((pattern) => pattern.exclusion));
    expect([...covered].sort()).toEqual([...EXCLUSION_CODES].sort());
  });

  it('has dose rationale and non-dose reason patterns', () => {
    expect(DOSE_RATIONALE_PATTERNS.length).toBeGreaterThan(20);
    expect(NON_DOSE_REASON_PATTERNS.length).toBeGreaterThan(10);
  });
});

describe('convertPhraseToSource', () => {
  it('matches whole words with any whitespace between them', () => {
    const expression = new RegExp(convertPhraseToSource('scanner down'));
    expect(expression.test('the scanner   down today')).toBe(true);
    expect(expression.test('scanners down')).toBe(false);
    expect(expression.test('scanner downtime')).toBe(false);
  });

  it('escapes regular-expression characters', () => {
    const expression = new RegExp(convertPhraseToSource('n/a (x)'));
    expect(expression.test('n/a (x)')).toBe(true);
    expect(expression.test('n/a x')).toBe(false);
  });
});

describe('compileCategory', () => {
  it('builds one combined expression that matches where any pattern matches', () => {
    const category = compileCategory(NON_DOSE_REASON_PATTERNS);
    expect(category.patterns).toHaveLength(NON_DOSE_REASON_PATTERNS.length);
    expect(category.anyExpression.test('no slot today')).toBe(true);
    expect(category.anyExpression.test('abdominal pain')).toBe(false);
  });
});
