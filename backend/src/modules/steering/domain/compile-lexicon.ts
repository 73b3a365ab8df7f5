/**
 * Turns lexicon patterns into regular expressions once, at module load, and finds their matches.
 * Each category also gets one combined expression, so a text without any hit in a category costs
 * a single regex test (most of the millions of texts hit nothing).
 */
import type { LexiconPattern, PatternText } from './lexicon.data.js';

export interface CompiledPattern<P extends LexiconPattern> {
  readonly pattern: P;
  /** Global expression, used with `matchAll`. */
  readonly expression: RegExp;
}

export interface CompiledCategory<P extends LexiconPattern> {
  readonly patterns: readonly CompiledPattern<P>[];
  /** Matches wherever any of the patterns matches. */
  readonly anyExpression: RegExp;
}

export interface PatternMatch<P extends LexiconPattern> {
  readonly pattern: P;
  /** Start and end (exclusive) in the normalised text. */
  readonly start: number;
  readonly end: number;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A literal phrase as a regular expression source: whole words, any whitespace between. */
export function convertPhraseToSource(phrase: string): string {
  const words = phrase.trim().toLowerCase().split(/\s+/).map(escapeRegExp);
  const body = words.join(String.raw`\s+`);
  const leading = /^\w/.test(phrase.trim()) ? String.raw`\b` : '';
  const trailing = /\w$/.test(phrase.trim()) ? String.raw`\b` : '';
  return `${leading}${body}${trailing}`;
}

export function sourceOf(pattern: PatternText): string {
  return pattern.source ?? convertPhraseToSource(pattern.phrase ?? '');
}

export function compileCategory<P extends LexiconPattern>(
  patterns: readonly P[],
): CompiledCategory<P> {
  const compiled = patterns.map((pattern) => ({
    pattern,
    expression: new RegExp(sourceOf(pattern), 'g'),
  }));
  const anyExpression = new RegExp(patterns.map((pattern) => `(?:${sourceOf(pattern)})`).join('|'));
  return { patterns: compiled, anyExpression };
}

/** Every match of every pattern of the category, ordered by start, longest first. */
export function findMatches<P extends LexiconPattern>(
  category: CompiledCategory<P>,
  text: string,
): PatternMatch<P>[] {
  if (!category.anyExpression.test(text)) return [];
  const matches: PatternMatch<P>[] = [];
  for (const { pattern, expression } of category.patterns) {
    // exec with lastIndex rather than matchAll, which clones the expression on every call
    expression.lastIndex = 0;
    for (let match = expression.exec(text); match !== null; match = expression.exec(text)) {
      if (match[0].length === 0) {
        expression.lastIndex += 1;
        continue;
      }
      matches.push({ pattern, start: match.index, end: match.index + match[0].length });
    }
  }
  return matches.sort((left, right) => left.start - right.start || right.end - left.end);
}
