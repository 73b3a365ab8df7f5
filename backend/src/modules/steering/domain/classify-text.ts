/**
 * Classifies the free texts of an order (comment, change reasons, cancel reason, indication
 * text) with the lexicon: signal E1 (dose rationale, after negation and context handling), the
 * exclusions the text names, a recognised non-dose reason, and whether the text says nothing.
 */
import { compileCategory, findMatches, sourceOf, type PatternMatch } from './compile-lexicon.js';
import type { ExclusionCode } from './exclusion-code.js';
import {
  CONTENTLESS_PATTERNS,
  DOSE_CONTEXT_PATTERNS,
  DOSE_NEGATION_PATTERNS,
  DOSE_RATIONALE_PATTERNS,
  EXCLUSION_NEGATION_PATTERNS,
  EXCLUSION_PATTERNS,
  NON_DOSE_REASON_PATTERNS,
  type DoseContextKind,
  type DoseNegationPattern,
  type ExclusionNegationPattern,
  type ExclusionPattern,
  type NegationRule,
  type NegationScope,
} from './lexicon.data.js';
import { normaliseText, sliceOriginal, type NormalisedText } from './normalise-text.js';

export interface DoseRationale {
  /** True when the text speaks of prior or cumulative radiation, not negated, not in context. */
  readonly matched: boolean;
  /** The dose phrase as written (also when it was negated or suppressed, for explanations). */
  readonly phrase?: string;
  /** The cue that negated the phrase ("no", "regardless of", "dose not a factor"). */
  readonly negatedBy?: string;
  /** The context that silenced the phrase: pregnancy, a child, the patient's own refusal. */
  readonly suppressedBy?: string;
}

export interface TextExclusion {
  readonly code: ExclusionCode;
  /** The phrase as written in the input. */
  readonly phrase: string;
}

export interface TextClassification {
  readonly doseRationale: DoseRationale;
  /** At most one entry per exclusion code, in order of appearance. */
  readonly exclusions: TextExclusion[];
  /** The first recognised non-dose (operational) reason, as written. */
  readonly nonDoseReason?: string;
  /** True for an empty text or one that gives no reason ("changed per provider", "n/a"). */
  readonly contentless: boolean;
}

type Span = { readonly start: number; readonly end: number };

interface DoseContext {
  readonly kind: DoseContextKind;
  readonly phrase: string;
}

interface TextAnalysis {
  readonly dosePhrase?: string;
  readonly negated?: { readonly phrase: string; readonly negatedBy: string };
  readonly context?: DoseContext;
  readonly exclusions: TextExclusion[];
  readonly nonDoseReason?: string;
  readonly contentless: boolean;
}

const DOSE_RATIONALE = compileCategory(DOSE_RATIONALE_PATTERNS);
const DOSE_NEGATION = compileCategory(DOSE_NEGATION_PATTERNS);
const DOSE_CONTEXT = compileCategory(DOSE_CONTEXT_PATTERNS);
const EXCLUSION = compileCategory(EXCLUSION_PATTERNS);
const EXCLUSION_NEGATION = compileCategory(EXCLUSION_NEGATION_PATTERNS);
const NON_DOSE_REASON = compileCategory(NON_DOSE_REASON_PATTERNS);
const CONTENTLESS = new RegExp(
  `^(?:${CONTENTLESS_PATTERNS.map((pattern) => `(?:${sourceOf(pattern)})`).join('|')})$`,
);

const SENTENCE_END = String.raw`[!?\n]|(?<!\d)\.|\.(?!\d)`;
const CONTRASTIVE = String.raw`\b(?:but|however|although|though|whereas|yet|except)\b`;
const BOUNDARIES: Readonly<Record<NegationScope, { cueFirst: RegExp; cueLast: RegExp }>> = {
  phrase: {
    cueFirst: new RegExp(String.raw`[,;]|\s-\s|\b(?:and|while)\b|${SENTENCE_END}|${CONTRASTIVE}`),
    cueLast: new RegExp(String.raw`[,;]|\s-\s|\b(?:and|while)\b|${SENTENCE_END}|${CONTRASTIVE}`),
  },
  clause: {
    cueFirst: new RegExp(`;|${SENTENCE_END}|${CONTRASTIVE}`),
    cueLast: new RegExp(`;|${SENTENCE_END}|${CONTRASTIVE}`),
  },
  sentence: {
    cueFirst: new RegExp(`${SENTENCE_END}|${CONTRASTIVE}`),
    cueLast: new RegExp(SENTENCE_END),
  },
};
const SENTENCE_BOUNDARY = new RegExp(SENTENCE_END);

/** Exclusions that also mean the talk of radiation is about the patient's own situation. */
const CONTEXT_BY_EXCLUSION: Partial<Record<ExclusionCode, DoseContextKind>> = {
  PREGNANCY: 'PREGNANCY',
  PATIENT_REFUSAL: 'PATIENT_REFUSAL',
};

/** Exclusions that do not hold when the same sentence gives a dose rationale. */
const DOSE_SENSITIVE_EXCLUSIONS: ReadonlySet<ExclusionCode> = new Set([
  'BETTER_TEST',
  'PRIOR_RESULT',
]);

const countWords = (text: string): number =>
  text.split(/\s+/).filter((token) => /[a-z0-9]/.test(token)).length;

/** Does the cue negate the target under its rule (position, distance, boundaries)? */
function isNegatedBy(text: string, target: Span, cue: Span, rule: NegationRule): boolean {
  const cueFirst = cue.start < target.start;
  const cueLast = !cueFirst && cue.end > target.end;
  if (!cueFirst && !cueLast) return false;
  if (cueFirst && rule.position === 'after') return false;
  if (cueLast && rule.position === 'before') return false;
  const gap = cueFirst
    ? text.slice(Math.min(cue.end, target.start), target.start)
    : text.slice(target.end, Math.max(target.end, cue.start));
  if (countWords(gap) > rule.maxGapWords) return false;
  const boundaries = BOUNDARIES[rule.scope];
  return !(cueFirst ? boundaries.cueFirst : boundaries.cueLast).test(gap);
}

function findNegation<N extends DoseNegationPattern | ExclusionNegationPattern>(
  text: string,
  target: Span,
  cues: readonly PatternMatch<N>[],
): PatternMatch<N> | undefined {
  let found: PatternMatch<N> | undefined;
  for (const cue of cues) {
    if (!isNegatedBy(text, target, cue, cue.pattern.rule)) continue;
    if (found === undefined || cue.end - cue.start > found.end - found.start) found = cue;
  }
  return found;
}

const inSameSentence = (text: string, left: Span, right: Span): boolean => {
  const first = left.start <= right.start ? left : right;
  const second = first === left ? right : left;
  if (second.start <= first.end) return true;
  return !SENTENCE_BOUNDARY.test(text.slice(first.end, second.start));
};

function analyseExclusions(normalised: NormalisedText): PatternMatch<ExclusionPattern>[] {
  const text = normalised.text;
  const matches = findMatches(EXCLUSION, text);
  if (matches.length === 0) return [];
  const cues = findMatches(EXCLUSION_NEGATION, text);
  return matches.filter((match) => {
    if (match.pattern.negatable === false) return true;
    const applicable = cues.filter(
      (cue) =>
        cue.pattern.appliesTo === undefined ||
        cue.pattern.appliesTo.includes(match.pattern.exclusion),
    );
    return findNegation(text, match, applicable) === undefined;
  });
}

function analyseText(input: string | null | undefined): TextAnalysis {
  if (input === null || input === undefined || input.trim() === '') {
    return { exclusions: [], contentless: true };
  }
  const normalised = normaliseText(input);
  const text = normalised.text;
  const phraseOf = (span: Span): string => sliceOriginal(normalised, span.start, span.end);

  // E1: dose phrases, negations, contexts
  const doseMatches = findMatches(DOSE_RATIONALE, text);
  const doseCues = doseMatches.length > 0 ? findMatches(DOSE_NEGATION, text) : [];
  const effectiveDose: Span[] = [];
  let negated: TextAnalysis['negated'];
  for (const match of doseMatches) {
    const cue = findNegation(text, match, doseCues);
    if (cue === undefined) effectiveDose.push(match);
    else negated ??= { phrase: phraseOf(match), negatedBy: phraseOf(cue) };
  }

  const exclusionMatches = analyseExclusions(normalised);
  const contexts: (DoseContext & Span)[] = [];
  for (const match of exclusionMatches) {
    const kind = CONTEXT_BY_EXCLUSION[match.pattern.exclusion];
    if (kind !== undefined) contexts.push({ kind, phrase: phraseOf(match), ...match });
  }
  for (const match of findMatches(DOSE_CONTEXT, text)) {
    contexts.push({ kind: match.pattern.context, phrase: phraseOf(match), ...match });
  }
  contexts.sort((left, right) => left.start - right.start);
  const context = contexts[0];

  const exclusions: TextExclusion[] = [];
  for (const match of exclusionMatches) {
    const code = match.pattern.exclusion;
    if (exclusions.some((exclusion) => exclusion.code === code)) continue;
    const givenForDose =
      context === undefined &&
      DOSE_SENSITIVE_EXCLUSIONS.has(code) &&
      effectiveDose.some((dose) => inSameSentence(text, dose, match));
    if (!givenForDose) exclusions.push({ code, phrase: phraseOf(match) });
  }

  const nonDose = findMatches(NON_DOSE_REASON, text)[0];
  const firstDose = effectiveDose[0];
  const contentless =
    doseMatches.length === 0 &&
    exclusionMatches.length === 0 &&
    nonDose === undefined &&
    CONTENTLESS.test(
      text
        .replace(/[^a-z0-9/ ]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  return {
    dosePhrase: firstDose === undefined ? undefined : phraseOf(firstDose),
    negated,
    context: context === undefined ? undefined : { kind: context.kind, phrase: context.phrase },
    exclusions,
    nonDoseReason: nonDose === undefined ? undefined : phraseOf(nonDose),
    contentless,
  };
}

function buildDoseRationale(analyses: readonly TextAnalysis[]): DoseRationale {
  const dosePhrase = analyses.find((analysis) => analysis.dosePhrase !== undefined)?.dosePhrase;
  const context = analyses.find((analysis) => analysis.context !== undefined)?.context;
  if (dosePhrase !== undefined) {
    return context === undefined
      ? { matched: true, phrase: dosePhrase }
      : { matched: false, phrase: dosePhrase, suppressedBy: context.phrase };
  }
  const negated = analyses.find((analysis) => analysis.negated !== undefined)?.negated;
  if (negated !== undefined) {
    return { matched: false, phrase: negated.phrase, negatedBy: negated.negatedBy };
  }
  return { matched: false };
}

function mergeAnalyses(analyses: readonly TextAnalysis[]): TextClassification {
  const exclusions: TextExclusion[] = [];
  for (const exclusion of analyses.flatMap((analysis) => analysis.exclusions)) {
    if (!exclusions.some((known) => known.code === exclusion.code)) exclusions.push(exclusion);
  }
  const nonDoseReason = analyses.find(
    (analysis) => analysis.nonDoseReason !== undefined,
  )?.nonDoseReason;
  const classification: TextClassification = {
    doseRationale: buildDoseRationale(analyses),
    exclusions,
    contentless: analyses.every((analysis) => analysis.contentless),
  };
  return nonDoseReason === undefined ? classification : { ...classification, nonDoseReason };
}

/** Classifies one free text of an order. Null, undefined and blank texts are contentless. */
export function classifyText(text: string | null | undefined): TextClassification {
  return mergeAnalyses([analyseText(text)]);
}

/**
 * Classifies the texts of one order together: exclusions are merged (one per code, first
 * phrase), the first non-dose reason is kept, the order is contentless only when every text is,
 * and a pregnancy, child or patient-refusal context in any text silences E1 in all of them.
 */
export function classifyTexts(texts: readonly (string | null | undefined)[]): TextClassification {
  return mergeAnalyses(texts.map(analyseText));
}

/**
 * Each text of one order classified on its own, each analysed once, plus the pregnancy, child
 * or refusal context found in any of them (which silences E1 in all): what `classifyTexts`
 * merges, kept apart for callers that must say which text a phrase came from.
 */
export function classifyEachText(
  texts: readonly (string | null | undefined)[],
  memo?: TextMemo,
): {
  readonly perText: readonly TextClassification[];
  readonly contextPhrase?: string;
} {
  const analyses = texts.map((text) =>
    memo === undefined ? analyseText(text) : memo.analyse(text),
  );
  const context = analyses.find((analysis) => analysis.context !== undefined)?.context;
  const perText = analyses.map((analysis) => mergeAnalyses([analysis]));
  return context === undefined ? { perText } : { perText, contextPhrase: context.phrase };
}

/**
 * The analyses of the texts one run has already read, by their exact wording: an analysis is a
 * pure function of the text, and the same comment or reason recurs across many orders. Bounded:
 * emptied when it holds `capacity` texts. It pays only when wordings recur: keeping analyses
 * alive costs the garbage collector, and with every text distinct the memo made the lexicon
 * slower. So it counts its hits over each `window` of lookups and, when fewer than a quarter
 * hit, reads the next texts without it (10 windows, doubling each time it fails again), then
 * tries again.
 */
export class TextMemo {
  readonly #analyses = new Map<string, TextAnalysis>();
  #lookups = 0;
  #hits = 0;
  #bypassed = 0;
  #bypassFor = 0;
  #nextBypass: number;

  constructor(
    readonly capacity = 50_000,
    readonly window = 10_000,
  ) {
    this.#nextBypass = 10 * window;
  }

  analyse(text: string | null | undefined): TextAnalysis {
    if (text === null || text === undefined) return analyseText(text);
    if (this.#bypassed < this.#bypassFor) {
      this.#bypassed += 1;
      return analyseText(text);
    }
    this.#lookups += 1;
    let analysis = this.#analyses.get(text);
    if (analysis !== undefined) {
      this.#hits += 1;
    } else {
      analysis = analyseText(text);
      if (this.#analyses.size >= this.capacity) this.#analyses.clear();
      this.#analyses.set(text, analysis);
    }
    if (this.#lookups === this.window) {
      if (this.#hits * 4 < this.#lookups) {
        this.#analyses.clear();
        this.#bypassed = 0;
        this.#bypassFor = this.#nextBypass;
        this.#nextBypass = Math.min(2 * this.#nextBypass, 1_000_000);
      } else {
        this.#nextBypass = 10 * this.window;
      }
      this.#lookups = 0;
      this.#hits = 0;
    }
    return analysis;
  }
}
