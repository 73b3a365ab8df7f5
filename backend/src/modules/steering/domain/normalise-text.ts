/**
 * Text normalisation for the lexicon: lower case, no diacritics, apostrophes and quotes dropped,
 * hyphens inside words turned into spaces, whitespace collapsed, dots of abbreviations dropped.
 * Every character of the normalised text remembers the index of the original character it came
 * from, so a match can be shown to the user as the exact substring of what they wrote.
 */

export interface NormalisedText {
  /** The original input, untouched. */
  readonly original: string;
  /** The normalised text the lexicon patterns run on. */
  readonly text: string;
  /** For each character of `text`, the index in `original` it came from. */
  readonly sourceIndexes: readonly number[];
}

/** Characters dropped without a trace: apostrophes and accents written as separate marks. */
const DROPPED_CHARACTERS = new Set(["'", '\u2018', '\u2019', '\u02bc', '`', '\u00b4']);

/** Characters that become a space: quotes, brackets, markup and tabs. */
const SPACE_CHARACTERS = new Set([
  '"',
  '\u201c',
  '\u201d',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '*',
  '_',
  '~',
  '|',
  '\t',
  '\r',
  '\f',
  '\v',
  '\u00a0',
]);

/** Characters written out: symbols that lexicon patterns spell in ASCII. */
const REPLACED_CHARACTERS: Readonly<Record<string, string>> = {
  '\u2265': '>=',
  '\u2264': '<=',
  '\u00d7': 'x',
  '\u03b2': 'beta',
  '\u00df': 'ss',
  '\u2013': '-',
  '\u2014': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2026': '.',
  '\u00b5': 'u',
};

/** Abbreviations whose trailing dot is not the end of a sentence. */
const DOT_ABBREVIATIONS = new Set([
  'pt',
  'pts',
  'dr',
  'drs',
  'approx',
  'vs',
  'eg',
  'ie',
  'wk',
  'wks',
  'yr',
  'yrs',
  'hrs',
  'mins',
  'mos',
  'cf',
  'esp',
  'incl',
  'prev',
  'hosp',
  'eff',
  'cum',
]);

const isAsciiWordCode = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

const isWordCharacter = (character: string | undefined): boolean => {
  if (character === undefined) return false;
  const code = character.charCodeAt(0);
  return code < 128 ? isAsciiWordCode(code) : /[\p{L}\p{N}]/u.test(character);
};

const isDigit = (character: string | undefined): boolean =>
  character !== undefined && character >= '0' && character <= '9';

const isWhitespace = (character: string | undefined): boolean =>
  character === ' ' || (character !== undefined && /\s/u.test(character));

/** Lower-cases one character and strips its combining marks (é -> e). */
const foldCharacter = (character: string): string =>
  character.charCodeAt(0) < 128
    ? character.toLowerCase()
    : character
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '');

/**
 * A text the character loop below would only lower-case: ASCII letters, digits and punctuation
 * it keeps as written, words separated by single spaces, nothing to drop, join or collapse (no
 * dot, hyphen, apostrophe, quote, bracket, tab or line break). Many short clinical texts are.
 */
const PLAIN_TEXT = /^[A-Za-z0-9,;:/?!+<>=%#&@]+(?: [A-Za-z0-9,;:/?!+<>=%#&@]+)*$/;

export function normaliseText(original: string): NormalisedText {
  if (!PLAIN_TEXT.test(original)) return normaliseCharacters(original);
  const sourceIndexes = new Array<number>(original.length);
  for (let index = 0; index < original.length; index += 1) sourceIndexes[index] = index;
  return { original, text: original.toLowerCase(), sourceIndexes };
}

/** The general path of normaliseText, one character at a time (exported for its spec). */
export function normaliseCharacters(original: string): NormalisedText {
  const characters: string[] = [];
  const sourceIndexes: number[] = [];
  /** The current word was written with inner dots (c.t, e.g), so its final dot is no stop. */
  let wordHadInnerDot = false;

  const push = (value: string, sourceIndex: number): void => {
    for (const character of value) {
      if (character === ' ') {
        const previous = characters[characters.length - 1];
        if (previous === undefined || previous === ' ' || previous === '\n') continue;
      }
      if (character === '\n' && characters[characters.length - 1] === ' ') {
        characters.pop();
        sourceIndexes.pop();
      }
      characters.push(character);
      sourceIndexes.push(sourceIndex);
    }
  };

  const currentWord = (): string => {
    let start = characters.length;
    while (start > 0 && isWordCharacter(characters[start - 1])) start -= 1;
    return characters.slice(start).join('');
  };

  for (let index = 0; index < original.length; index += 1) {
    const character = original[index] as string;
    const previous = original[index - 1];
    const next = original[index + 1];

    if (DROPPED_CHARACTERS.has(character)) continue;
    if (character === '\n') {
      wordHadInnerDot = false;
      push('\n', index);
      continue;
    }
    if (SPACE_CHARACTERS.has(character) || isWhitespace(character)) {
      wordHadInnerDot = false;
      push(' ', index);
      continue;
    }
    if (character === '-' && isWordCharacter(previous) && isWordCharacter(next)) {
      push(' ', index);
      continue;
    }
    if (character === '.') {
      if (isDigit(previous) && isDigit(next)) {
        push('.', index);
        continue;
      }
      if (isWordCharacter(previous) && isWordCharacter(next)) {
        // c.t, e.g, b.i.d: the dot belongs to an abbreviation
        wordHadInnerDot = true;
        continue;
      }
      if (isWordCharacter(previous) && (wordHadInnerDot || DOT_ABBREVIATIONS.has(currentWord()))) {
        wordHadInnerDot = false;
        continue;
      }
      push('.', index);
      continue;
    }
    const replacement = REPLACED_CHARACTERS[character];
    push(replacement ?? foldCharacter(character), index);
  }

  while (characters.length > 0 && /[ \n]/.test(characters[characters.length - 1] as string)) {
    characters.pop();
    sourceIndexes.pop();
  }
  return { original, text: characters.join(''), sourceIndexes };
}

/** The substring of the original input that produced `text.slice(start, end)`. */
export function sliceOriginal(normalised: NormalisedText, start: number, end: number): string {
  if (end <= start) return '';
  const originalStart = normalised.sourceIndexes[start] ?? 0;
  const originalEnd = (normalised.sourceIndexes[end - 1] ?? originalStart) + 1;
  return normalised.original.slice(originalStart, originalEnd).trim();
}
