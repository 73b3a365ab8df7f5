/**
 * Code-based exclusions from the `indication_code` field (DESIGN.md section 2): the primary
 * ICD-10-CM code and any secondary codes after ';', dots, spaces and case ignored. The one
 * source of the rule: the assessment SQL is generated from ICD10_EXCLUSION_RULES
 * (steering/icd10-exclusion.sql.ts), and a spec runs both on the same codes.
 */
import { INDICATION_CODE_SEPARATOR, normaliseIcd10 } from '../../vocabulary/vocabulary.js';
import type { ExclusionCode } from './exclusion-code.js';

export { normaliseIcd10 };

export interface Icd10ExclusionRule {
  readonly exclusion: ExclusionCode;
  /** Normalised code prefixes (no dots, upper case) that trigger the exclusion. */
  readonly prefixes: readonly string[];
  /** A pattern on the normalised code, for ranges that prefixes cannot say. */
  readonly pattern?: RegExp;
  readonly description: string;
}

export const ICD10_EXCLUSION_RULES: readonly Icd10ExclusionRule[] = [
  {
    exclusion: 'PREGNANCY',
    prefixes: ['Z331', 'Z3A'],
    // O00–O9A: chapter 15, every code that starts with the letter O and a digit
    pattern: /^O[0-9]/,
    description: 'Z33.1 pregnant state, O00–O9A pregnancy and childbirth, Z3A weeks of gestation',
  },
  {
    exclusion: 'CONTRAST_ALLERGY',
    prefixes: ['Z91041'],
    description: 'Z91.041 radiographic dye allergy status',
  },
  {
    exclusion: 'RENAL_IMPAIRMENT',
    prefixes: ['N184', 'N185', 'N186', 'N17', 'Z992'],
    description:
      'N18.4–N18.6 CKD stage 4, 5 and end stage, N17 acute kidney failure, Z99.2 dialysis',
  },
  {
    exclusion: 'PATIENT_REFUSAL',
    prefixes: ['Z532'],
    description: "Z53.2x procedure not carried out because of the patient's decision",
  },
];

/** The normalised codes of an indication_code field: primary first, then the secondary ones. */
export function splitIndicationCodes(field: string | null | undefined): string[] {
  if (field === null || field === undefined) return [];
  return field
    .split(INDICATION_CODE_SEPARATOR)
    .map(normaliseIcd10)
    .filter((code) => code.length > 0);
}

/** The exclusion a single code triggers, if any. */
export function detectCodeExclusion(code: string): ExclusionCode | undefined {
  const normalised = normaliseIcd10(code);
  if (normalised.length === 0) return undefined;
  const rule = ICD10_EXCLUSION_RULES.find(
    (candidate) =>
      candidate.prefixes.some((prefix) => normalised.startsWith(prefix)) ||
      candidate.pattern?.test(normalised) === true,
  );
  return rule?.exclusion;
}

export interface CodeExclusion {
  readonly code: ExclusionCode;
  /** The normalised ICD-10 code that triggered it, for explanations. */
  readonly icd10: string;
}

/** Each exclusion the field's codes trigger, once, with the first code that triggered it. */
export function detectCodeExclusionMatches(
  indicationCode: string | null | undefined,
): CodeExclusion[] {
  const found: CodeExclusion[] = [];
  for (const icd10 of splitIndicationCodes(indicationCode)) {
    const code = detectCodeExclusion(icd10);
    if (code !== undefined && !found.some((known) => known.code === code)) {
      found.push({ code, icd10 });
    }
  }
  return found;
}

/** The exclusions the field's codes trigger, in order of the first code that triggers each. */
export function detectCodeExclusions(indicationCode: string | null | undefined): ExclusionCode[] {
  return detectCodeExclusionMatches(indicationCode).map((match) => match.code);
}
