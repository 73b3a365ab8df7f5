import { copyTextValue } from '../../common/copy-text.js';
import { classifyEachText, type TextMemo } from './domain/index.js';

/** The free texts of one order, as selectOrderTextsSql returns them. */
export interface OrderTexts {
  readonly order_pk: string;
  readonly comment: string | null;
  readonly indication_text: string | null;
  readonly changes: readonly { action: string; reason: string | null }[];
}

export interface OrderTextFacts {
  readonly orderPk: string;
  /** The dose wording found (E1), and in which text. */
  readonly dosePhrase: string | null;
  readonly doseText: string | null;
  /** Dose wording cancelled by a negation ("dose not a factor"), kept for review. */
  readonly negatedBy: string | null;
  readonly exclusionCodes: readonly string[];
  /** The phrase behind each exclusion code, in the same order. */
  readonly exclusionPhrases: readonly string[];
  readonly nonDoseReason: string | null;
}

/**
 * Reads an order's texts with the lexicon. E1 looks at the order comment, change reasons and
 * the cancel reason; exclusions at those and the indication text; a recognised non-dose reason
 * at the comment and change reasons. A memo (one per run) reads each distinct wording once.
 */
export function summariseOrderTexts(row: OrderTexts, memo?: TextMemo): OrderTextFacts {
  const texts: { name: string; text: string | null; forDose: boolean }[] = [
    { name: 'order comment', text: row.comment, forDose: true },
    ...row.changes.map((change) => ({
      name: change.action === 'CANCEL' ? 'cancel reason' : 'change reason',
      text: change.reason,
      forDose: true,
    })),
    { name: 'indication text', text: row.indication_text, forDose: false },
  ];
  // each text is analysed once; a pregnancy, child-pathway or refusal context in any text of the
  // order silences E1 in all of them
  const { perText, contextPhrase } = classifyEachText(
    texts.map((entry) => entry.text),
    memo,
  );
  let dosePhrase: string | null = null;
  let doseText: string | null = null;
  let negatedBy: string | null = null;
  let nonDoseReason: string | null = null;
  const exclusions = new Map<string, string>();
  texts.forEach(({ name, text, forDose }, index) => {
    if (!text || text.trim() === '') return;
    const result = perText[index];
    if (
      forDose &&
      contextPhrase === undefined &&
      result.doseRationale.matched &&
      dosePhrase === null
    ) {
      dosePhrase = result.doseRationale.phrase ?? text;
      doseText = name;
    }
    if (forDose && !result.doseRationale.matched && result.doseRationale.negatedBy) {
      negatedBy ??= result.doseRationale.negatedBy;
    }
    for (const exclusion of result.exclusions) {
      if (!exclusions.has(exclusion.code)) exclusions.set(exclusion.code, exclusion.phrase);
    }
    if (forDose && result.nonDoseReason && nonDoseReason === null) {
      nonDoseReason = result.nonDoseReason;
    }
  });
  const codes = [...exclusions.keys()].sort();
  // A reason that explicitly rules dose out ("not because of dose: MRI first for clinical
  // reasons") is a stated non-dose reason: it stops PROBABLE as an operational reason does.
  if (nonDoseReason === null && negatedBy !== null && dosePhrase === null) {
    nonDoseReason = `dose ruled out: "${negatedBy}"`;
  }
  return {
    orderPk: row.order_pk,
    dosePhrase,
    doseText,
    negatedBy,
    exclusionCodes: codes,
    exclusionPhrases: codes.map((code) => exclusions.get(code) ?? ''),
    nonDoseReason,
  };
}

/**
 * One row of order_text_facts as a line of COPY's text format, in its column order (order_pk,
 * dose_phrase, dose_text, negated_by, exclusion_codes, exclusion_phrase, non_dose_reason,
 * lexicon_version). The codes are upper-case words: an array literal needs no quoting.
 */
export const textFactsCopyLine = (fact: OrderTextFacts, lexiconVersion: string): string =>
  [
    fact.orderPk,
    copyTextValue(fact.dosePhrase),
    copyTextValue(fact.doseText),
    copyTextValue(fact.negatedBy),
    `{${fact.exclusionCodes.join(',')}}`,
    copyTextValue(fact.exclusionPhrases.join(' | ') || null),
    copyTextValue(fact.nonDoseReason),
    copyTextValue(lexiconVersion),
  ].join('\t') + '\n';
