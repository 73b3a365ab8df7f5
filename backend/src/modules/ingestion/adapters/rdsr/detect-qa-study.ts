/**
 * QA and phantom studies: a dose report whose PatientID or StudyDescription contains one of the
 * configured patterns as a whole word is kept but marked, and never counts toward a patient's
 * dose. This never looks at the CTDIw phantom type: every CT event names the dosimetry phantom
 * its CTDI refers to, patient or not.
 *
 * "Whole word" means the pattern is not preceded or followed by a letter, ignoring case: digits
 * and punctuation end a word, so "QA", "QA_CT", "phantom-1" and "physics12345" (a physicist's
 * test ID) match, while "AQUA", "Qatar" and "physicsfoo" do not.
 */

export const DEFAULT_QA_PATTERNS: readonly string[] = ['QA', 'phantom', 'physics'];

export interface QaMatch {
  readonly field: 'patientId' | 'studyDescription';
  readonly pattern: string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles whole-word patterns once; blank patterns are ignored. */
export const compileQaPatterns = (
  patterns: readonly string[],
): ReadonlyArray<readonly [string, RegExp]> =>
  patterns
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '')
    .map((pattern) => [pattern, new RegExp(`(?<!\\p{L})${escapeRegExp(pattern)}(?!\\p{L})`, 'iu')]);

/** The first pattern that marks the study as QA, or null for a patient study. */
export const detectQaStudy = (
  fields: { readonly patientId: string | null; readonly studyDescription: string | null },
  patterns: readonly string[] = DEFAULT_QA_PATTERNS,
): QaMatch | null => {
  const compiled = compileQaPatterns(patterns);
  for (const field of ['patientId', 'studyDescription'] as const) {
    const text = fields[field];
    if (text === null) continue;
    const hit = compiled.find(([, regex]) => regex.test(text));
    if (hit) return { field, pattern: hit[0] };
  }
  return null;
};
