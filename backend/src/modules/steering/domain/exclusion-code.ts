/**
 * The exclusions of DESIGN.md section 2 that text and ICD-10 codes can trigger: legitimate,
 * guideline-consistent reasons to avoid or replace an ionizing exam. PEDIATRIC_PATHWAY is not
 * here: the design handles it through the PEDIATRIC appropriateness rows, never from text.
 */
export const EXCLUSION_CODES = [
  'PREGNANCY',
  'CONTRAST_ALLERGY',
  'RENAL_IMPAIRMENT',
  'BETTER_TEST',
  'PRIOR_RESULT',
  'PATIENT_REFUSAL',
] as const;

export type ExclusionCode = (typeof EXCLUSION_CODES)[number];
