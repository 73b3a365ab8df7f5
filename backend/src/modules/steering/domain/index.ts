export { EXCLUSION_CODES, type ExclusionCode } from './exclusion-code.js';
export * from './lexicon.data.js';
export { normaliseText, sliceOriginal, type NormalisedText } from './normalise-text.js';
export {
  classifyEachText,
  classifyText,
  classifyTexts,
  TextMemo,
  type DoseRationale,
  type TextClassification,
  type TextExclusion,
} from './classify-text.js';
export {
  ICD10_EXCLUSION_RULES,
  detectCodeExclusion,
  detectCodeExclusionMatches,
  detectCodeExclusions,
  normaliseIcd10,
  splitIndicationCodes,
  type CodeExclusion,
  type Icd10ExclusionRule,
} from './icd10.js';
