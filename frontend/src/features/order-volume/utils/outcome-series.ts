/**
 * The dashboard's copy of the backend vocabulary (backend/src/modules/vocabulary/vocabulary.ts):
 * the dashboard never imports backend files (dependency-cruiser forbids it), and the order-volume
 * query returns outcomes as plain strings. outcome-series.spec.ts checks these lists against the
 * vocabulary, so a new modality fails the frontend tests instead of drifting silently.
 */
export const IONIZING_MODALITIES = ['CT', 'CR', 'DX', 'XA', 'RF', 'NM', 'PT', 'MG'] as const;
export const NON_IONIZING_MODALITIES = ['US', 'MR'] as const;

/** Outcomes that are not a performed modality, in display order. */
export const NON_EXAM_OUTCOMES = ['CANCELLED', 'NOT_PERFORMED', 'PENDING'] as const;

/**
 * Display order of outcomes: CT first (the indicated exam of most opportunities), then the other
 * ionizing modalities, then ultrasound and MRI, then the orders without an exam.
 */
export const OUTCOME_ORDER: readonly string[] = [
  'CT',
  ...IONIZING_MODALITIES.filter((modality) => modality !== 'CT'),
  ...NON_IONIZING_MODALITIES,
  ...NON_EXAM_OUTCOMES,
];

/**
 * Stable colours per outcome, from the Okabe–Ito colour-blind-safe palette: ionizing modalities in
 * blues (CT the darkest), ultrasound bluish green, MRI reddish purple, cancelled vermillion, not
 * performed orange, pending neutral grey. An outcome keeps its colour whatever else is shown.
 */
export const OUTCOME_COLOURS: Readonly<Record<string, string>> = {
  CT: '#0072B2',
  CR: '#56B4E9',
  DX: '#3E8FC4',
  XA: '#1B4F72',
  RF: '#8CC8EC',
  NM: '#2A6F97',
  PT: '#6FA8CF',
  MG: '#A9D6F2',
  US: '#009E73',
  MR: '#CC79A7',
  CANCELLED: '#D55E00',
  NOT_PERFORMED: '#E69F00',
  PENDING: '#999999',
};

/** Colour for an outcome the dashboard does not know yet (a new modality code). */
export const UNKNOWN_OUTCOME_COLOUR = '#000000';

export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  CT: 'CT',
  CR: 'Computed radiography',
  DX: 'Radiography',
  XA: 'Angiography',
  RF: 'Fluoroscopy',
  NM: 'Nuclear medicine',
  PT: 'PET',
  MG: 'Mammography',
  US: 'Ultrasound',
  MR: 'MRI',
  CANCELLED: 'Cancelled',
  NOT_PERFORMED: 'Not performed',
  PENDING: 'Pending',
};

/** One stacked series: the data key in each month, its legend label and its colour. */
export interface OutcomeSeries {
  readonly key: string;
  readonly label: string;
  readonly colour: string;
}

/** Orders outcomes by OUTCOME_ORDER; unknown outcomes follow, alphabetically. */
export const compareOutcomes = (left: string, right: string): number => {
  const leftRank = OUTCOME_ORDER.indexOf(left);
  const rightRank = OUTCOME_ORDER.indexOf(right);
  const leftKnown = leftRank !== -1;
  const rightKnown = rightRank !== -1;
  if (leftKnown && rightKnown) return leftRank - rightRank;
  if (leftKnown) return -1;
  if (rightKnown) return 1;
  return left.localeCompare(right);
};

export const describeOutcomeSeries = (outcome: string): OutcomeSeries => ({
  key: outcome,
  label: OUTCOME_LABELS[outcome] ?? outcome,
  colour: OUTCOME_COLOURS[outcome] ?? UNKNOWN_OUTCOME_COLOUR,
});
