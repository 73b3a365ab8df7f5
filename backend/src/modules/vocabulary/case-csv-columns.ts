/**
 * The columns of the case CSV, one list for both writers: `grounds export cases` (export.sql.ts)
 * writes CASE_CSV_COLUMNS, and GET /exports/cases.csv (cases/case.mapper.ts) writes `case_id`
 * then the same columns, or for COMMITTEE a de-identified head then the assessment columns.
 */

/** The order and who placed it: identifying, never in a committee's CSV. */
export const CASE_CSV_ORDER_COLUMNS = [
  'order_id',
  'patient_id',
  'ordered_at',
  'department',
  'provider_id',
  'indication_code',
] as const;

/** The assessment: every role's case CSV ends with these. */
export const CASE_CSV_ASSESSMENT_COLUMNS = [
  'requested_modality',
  'outcome_modality',
  'level',
  'score',
  'ced_5y_msv',
  'signals',
  'exclusion',
  'review_status',
] as const;

export const CASE_CSV_COLUMNS = [
  ...CASE_CSV_ORDER_COLUMNS,
  ...CASE_CSV_ASSESSMENT_COLUMNS,
] as const;

export type CaseCsvColumn = (typeof CASE_CSV_COLUMNS)[number];
