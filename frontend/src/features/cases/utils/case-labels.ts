/**
 * Plain words for the codes a case carries: levels, review states, dispositions, signals,
 * exclusions, outcomes and dose sources, and the sentences the case page builds from them.
 */
import { formatMsv } from './format-case-values.js';

export type CaseLevelCode = 'DOCUMENTED' | 'PROBABLE' | 'POSSIBLE' | 'EXCLUDED';
export type ReviewStatusCode = 'OPEN' | 'ASSIGNED' | 'REVIEWED';
export type DispositionCode =
  'CONFIRMED_STEERING' | 'CLINICALLY_JUSTIFIED' | 'DATA_ERROR' | 'NEEDS_DISCUSSION';
export type SignalCodeValue = 'E1' | 'E2' | 'E3' | 'E4' | 'E5';
export type ExclusionCodeValue =
  | 'PREGNANCY'
  | 'CONTRAST_ALLERGY'
  | 'RENAL_IMPAIRMENT'
  | 'BETTER_TEST'
  | 'PRIOR_RESULT'
  | 'PATIENT_REFUSAL';

export const LEVEL_LABELS: Readonly<Record<CaseLevelCode, string>> = {
  DOCUMENTED: 'Documented',
  PROBABLE: 'Probable',
  POSSIBLE: 'Possible',
  EXCLUDED: 'Excluded',
};

export const LEVEL_DESCRIPTIONS: Readonly<Record<CaseLevelCode, string>> = {
  DOCUMENTED: 'the order texts give prior radiation as the reason the indicated exam was not done',
  PROBABLE:
    'the indicated exam was switched after the order for a patient with a high dose history or a dose alert, with no other reason recorded',
  POSSIBLE: 'a pattern worth a look, not a conflict on its own',
  EXCLUDED: 'an away-switch that a recognised clinical reason explains',
};

export const REVIEW_STATUS_LABELS: Readonly<Record<ReviewStatusCode, string>> = {
  OPEN: 'Open',
  ASSIGNED: 'Assigned',
  REVIEWED: 'Reviewed',
};

/** In the order the review form offers them. */
export const DISPOSITIONS: readonly DispositionCode[] = [
  'CONFIRMED_STEERING',
  'CLINICALLY_JUSTIFIED',
  'DATA_ERROR',
  'NEEDS_DISCUSSION',
];

export const DISPOSITION_LABELS: Readonly<Record<DispositionCode, string>> = {
  CONFIRMED_STEERING: 'Confirmed steering',
  CLINICALLY_JUSTIFIED: 'Clinically justified',
  DATA_ERROR: 'Data error',
  NEEDS_DISCUSSION: 'Needs discussion',
};

export const DISPOSITION_DESCRIPTIONS: Readonly<Record<DispositionCode, string>> = {
  CONFIRMED_STEERING: 'The imaging decision was made on dose history, not on clinical grounds.',
  CLINICALLY_JUSTIFIED: 'A clinical reason the analysis could not see explains the decision.',
  DATA_ERROR: 'The case rests on wrong or missing data (order, exam or dose).',
  NEEDS_DISCUSSION: 'Bring it to the committee or the department before deciding.',
};

export const SIGNAL_LABELS: Readonly<Record<SignalCodeValue, string>> = {
  E1: 'Dose reason in text',
  E2: 'Switched after the order',
  E3: 'High dose history',
  E4: 'Dose alert shown',
  E5: 'Repeat imaging (cascade)',
};

export const EXCLUSION_LABELS: Readonly<Record<ExclusionCodeValue, string>> = {
  PREGNANCY: 'Pregnancy',
  CONTRAST_ALLERGY: 'Contrast allergy',
  RENAL_IMPAIRMENT: 'Renal impairment',
  BETTER_TEST: 'Better test recommended',
  PRIOR_RESULT: 'Recent result answers the question',
  PATIENT_REFUSAL: 'Patient refused',
};

const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  KEPT: 'Kept',
  SUBSTITUTED: 'Substituted',
  DOWNGRADED: 'Downgraded',
  PENDING: 'Pending',
  NOT_OPPORTUNITY: 'Not an opportunity',
};

export const formatOutcome = (outcome: string): string =>
  OUTCOME_LABELS[outcome] ?? outcome.charAt(0) + outcome.slice(1).toLowerCase().replace(/_/g, ' ');

/** "CT", "US", or the plain words for CANCELLED / NOT_PERFORMED / PENDING. */
export const formatModality = (modality: string): string => {
  switch (modality) {
    case 'CANCELLED':
      return 'cancelled';
    case 'NOT_PERFORMED':
      return 'not performed';
    case 'PENDING':
      return 'pending';
    default:
      return modality;
  }
};

export const DOSE_SOURCE_LABELS: Readonly<Record<string, string>> = {
  recorded: 'recorded by the source',
  rdsr_estimate: 'estimated from the dose report (DLP × k)',
  dlp_estimate: 'estimated from the DLP (DLP × k)',
  typical: 'typical dose of this exam type',
  non_ionizing: 'no ionising radiation',
  unknown: 'unknown',
};

export const formatDoseSource = (source: string): string => DOSE_SOURCE_LABELS[source] ?? source;

export const BAND_LABELS: Readonly<Record<'LOW' | 'MODERATE' | 'HIGH', string>> = {
  LOW: 'Low',
  MODERATE: 'Moderate',
  HIGH: 'High',
};

/** What the case page knows about the order when it words its evidence. */
export interface CaseFacts {
  readonly level: CaseLevelCode;
  readonly requestedModality: string;
  readonly outcomeModality: string;
  readonly outcome: string;
  readonly band: 'LOW' | 'MODERATE' | 'HIGH';
  readonly ced5yMsv: number | null;
  readonly ced12mMsv: number | null;
  readonly priorCts12m: number | null;
  readonly signals: readonly SignalCodeValue[];
  readonly exclusion: ExclusionCodeValue | null;
}

/** "a CT", "an MR": the article as the letters are spoken. */
export const withArticle = (modality: string): string =>
  `${/^[FHLMNRSX]/.test(modality) ? 'an' : 'a'} ${modality}`;

const outcomePhrase = (facts: CaseFacts): string => {
  if (facts.outcomeModality === 'CANCELLED') return `the ${facts.requestedModality} was cancelled`;
  if (facts.outcomeModality === 'NOT_PERFORMED')
    return `the ${facts.requestedModality} was never performed`;
  if (facts.outcomeModality === 'PENDING') return `the ${facts.requestedModality} is still pending`;
  if (facts.outcomeModality === facts.requestedModality)
    return `${withArticle(facts.requestedModality)} was performed`;
  return `${withArticle(facts.outcomeModality)} was done instead of the ${facts.requestedModality}`;
};

/** One sentence per signal, from the case's own figures (no free text: safe for every role). */
export const describeSignal = (code: SignalCodeValue, facts: CaseFacts): string => {
  switch (code) {
    case 'E1':
      return 'The order comment, a change reason or the cancel reason speaks of the patient’s prior or cumulative radiation.';
    case 'E2':
      return `The order was placed for ${facts.requestedModality} and changed afterwards: ${outcomePhrase(facts)}.`;
    case 'E3': {
      const parts = [`${formatMsv(facts.ced5yMsv)} over 5 years`];
      if (facts.ced12mMsv !== null) parts.push(`${formatMsv(facts.ced12mMsv)} over 12 months`);
      if (facts.priorCts12m !== null)
        parts.push(`${facts.priorCts12m} CT${facts.priorCts12m === 1 ? '' : 's'} in 12 months`);
      return `The patient’s dose history was high when the order was placed: ${parts.join(', ')}.`;
    }
    case 'E4':
      return 'A dose alert was shown to the clinician when the order was placed.';
    case 'E5':
      return `The patient had the originally requested ${facts.requestedModality} within 30 days anyway.`;
  }
};

/** Why the case has its level, in one sentence. */
export const explainCaseLevel = (facts: CaseFacts): string => {
  const what = outcomePhrase(facts);
  const what0 = what.charAt(0).toUpperCase() + what.slice(1);
  switch (facts.level) {
    case 'DOCUMENTED':
      return `${what0}, and the order texts give the patient’s prior radiation as the reason; no clinical exclusion applies.`;
    case 'PROBABLE': {
      const motive = [
        facts.signals.includes('E3') ? 'the patient’s dose history was high' : null,
        facts.signals.includes('E4') ? 'a dose alert was shown' : null,
      ]
        .filter((part) => part !== null)
        .join(' and ');
      return `${what0} after the order was placed, ${motive || 'with a dose motive'}, no clinical exclusion applies and no other reason was recorded.`;
    }
    case 'POSSIBLE':
      return facts.signals.includes('E1')
        ? `${what0}; the texts mention prior radiation, but the substitute is also rated appropriate, so this is for review rather than a conflict.`
        : `${what0} for a patient with a high dose history; on its own this is for review, not a conflict.`;
    case 'EXCLUDED':
      return `${what0}, but ${facts.exclusion ? EXCLUSION_LABELS[facts.exclusion].toLowerCase() : 'a clinical exclusion'} explains it, so it is not counted as a conflict.`;
  }
};

/** A line of the exclusions the analysis looked at. */
export const describeExclusionCheck = (check: {
  readonly code: ExclusionCodeValue;
  readonly applied: boolean;
  readonly detail: string | null;
}): string => {
  const label = EXCLUSION_LABELS[check.code];
  const verdict = check.applied ? 'applies' : 'does not apply';
  return check.detail ? `${label}: ${verdict} — ${check.detail}` : `${label}: ${verdict}.`;
};
