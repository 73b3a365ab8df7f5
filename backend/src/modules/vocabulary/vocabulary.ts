/**
 * The product's vocabulary, in one place (DESIGN.md sections 2, 3 and 5): the values stored in
 * the database, written in the import format, read by SQL and shown on the dashboard. Pure data,
 * no imports: every module may use it. GraphQL enums of the same values live beside it in
 * graphql-enums.ts; the dashboard gets them through codegen, never by importing this file.
 * SQL receives the sets it needs as parameters or as literals generated from these constants
 * (see `sqlTextList`), never retyped.
 */

/** DICOM modality codes that carry ionizing radiation (their effective dose counts in CED). */
export const IONIZING_MODALITIES = ['CT', 'CR', 'DX', 'XA', 'RF', 'NM', 'PT', 'MG'] as const;
/** Ultrasound and MRI: no ionizing dose (effective dose 0, never a CED contribution). */
export const NON_IONIZING_MODALITIES = ['US', 'MR'] as const;
export const MODALITIES = [...IONIZING_MODALITIES, ...NON_IONIZING_MODALITIES] as const;
export type Modality = (typeof MODALITIES)[number];
export type IonizingModality = (typeof IONIZING_MODALITIES)[number];

export const isIonizingModality = (modality: string): modality is IonizingModality =>
  (IONIZING_MODALITIES as readonly string[]).includes(modality);

export const BODY_REGIONS = [
  'HEAD',
  'NECK',
  'CHEST',
  'ABDOMEN',
  'PELVIS',
  'ABDOMEN_PELVIS',
  'CHEST_ABDOMEN_PELVIS',
  'SPINE',
  'EXTREMITY',
  'CARDIAC',
  'BREAST',
  'WHOLE_BODY',
] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

export const SEXES = ['F', 'M', 'O', 'U'] as const;
/** Care settings: ED emergency, IP inpatient, OP outpatient. */
export const SETTINGS = ['ED', 'IP', 'OP'] as const;
export const PREGNANCY_STATUSES = ['PREGNANT', 'NOT_PREGNANT', 'UNKNOWN'] as const;
export const CHANGE_ACTIONS = ['MODALITY_CHANGE', 'CANCEL'] as const;

/** PREGNANT first; else PEDIATRIC under 18 at the order; else ADULT. */
export const POPULATIONS = ['ADULT', 'PEDIATRIC', 'PREGNANT'] as const;
export type Population = (typeof POPULATIONS)[number];

/**
 * An order's outcome modality when no exam was performed (order_assessments.outcome_modality
 * holds a modality or one of these).
 */
export const NON_EXAM_OUTCOMES = ['CANCELLED', 'NOT_PERFORMED', 'PENDING'] as const;
export type NonExamOutcome = (typeof NON_EXAM_OUTCOMES)[number];

/** The opportunity outcome of an order (order_assessments.outcome). */
export const OPPORTUNITY_OUTCOMES = [
  'KEPT',
  'SUBSTITUTED',
  'DOWNGRADED',
  'PENDING',
  'NOT_OPPORTUNITY',
  'UNMAPPED',
] as const;
export type OpportunityOutcome = (typeof OPPORTUNITY_OUTCOMES)[number];
/** Outcomes that moved away from the indicated ionizing exam. */
export const AWAY_OUTCOMES = ['SUBSTITUTED', 'DOWNGRADED'] as const;

/** Case levels, most certain first (order_assessments.level). */
export const CASE_LEVELS = ['DOCUMENTED', 'PROBABLE', 'POSSIBLE', 'EXCLUDED'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];
/** The levels counted as conflicts in rates, precision and recall. */
export const CONFLICT_LEVELS = ['DOCUMENTED', 'PROBABLE'] as const;
export const isConflictLevel = (level: string | null | undefined): boolean =>
  level !== null && level !== undefined && (CONFLICT_LEVELS as readonly string[]).includes(level);

/** Dose-history bands at order time (settings band.*). */
export const DOSE_BANDS = ['LOW', 'MODERATE', 'HIGH'] as const;
export type DoseBand = (typeof DOSE_BANDS)[number];

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

/**
 * ICD-10-CM codes in `indication_code`: the primary code, then secondary codes after ';'
 * (DESIGN.md section 2). The SQL encoding (steering/icd10-exclusion.sql.ts) is generated from
 * these two definitions.
 */
export const INDICATION_CODE_SEPARATOR = ';';
/** "z91.041 " -> "Z91041": dots and whitespace removed, upper case. */
export const normaliseIcd10 = (code: string): string => code.replace(/[.\s]/g, '').toUpperCase();

/** The provider key under which the whole site's pattern is stored (provider_patterns). */
export const SITE_PROVIDER_KEY = '*';

/**
 * A SQL list literal of known vocabulary values, `('US', 'MR')`, for statements that cannot take
 * a parameter. Only for the constants above: refuses anything that is not a plain code.
 */
export const sqlTextList = (values: readonly string[]): string => {
  for (const value of values) {
    if (!/^[A-Z0-9_*]+$/.test(value)) throw new Error(`Not a vocabulary code: ${value}`);
  }
  if (values.length === 0) throw new Error('An empty SQL list is not valid.');
  return `(${values.map((value) => `'${value}'`).join(', ')})`;
};
