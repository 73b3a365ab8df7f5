/**
 * Every versioned setting: its default, its meaning and how a value is read. Changed with
 * `npm run grounds -- settings set KEY VALUE`, which creates a new settings version, so a
 * month's figures can be recomputed identically under the version they used.
 */
export const DOSE_METHODS = ['AAPM_REPORT_96', 'ICRP_103_DEAK_2010'] as const;

interface SettingSpec<T> {
  readonly defaultValue: T;
  readonly description: string;
  readonly parse: (raw: string) => T;
  /** Changes only what a page shows, not any assessment: no reassessment follows a change. */
  readonly displayOnly?: boolean;
}

/** A threshold above zero: 0 would put every patient in a band or let every clinician pass. */
const positiveNumber = (raw: string): number => {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error('expected a number > 0');
  return value;
};

const positiveInteger = (raw: string): number => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error('expected a whole number >= 1');
  return value;
};

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (raw: string): T => {
    const value = raw.trim().toUpperCase() as T;
    if (!values.includes(value)) throw new Error(`expected one of ${values.join(', ')}`);
    return value;
  };

const yesNo = (raw: string): boolean => {
  const value = raw.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(value)) return true;
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  throw new Error('expected true or false');
};

const wordList = (raw: string): string[] => {
  const words = raw
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean);
  if (words.length === 0) throw new Error('expected a comma-separated list of words');
  return words;
};

export const SETTINGS_SCHEMA = {
  'band.high_ced_5y_msv': {
    defaultValue: 50,
    description: 'HIGH dose-history band when CED over 5 years reaches this many mSv',
    parse: positiveNumber,
  } satisfies SettingSpec<number>,
  'band.high_ct_12m': {
    defaultValue: 3,
    description: 'HIGH dose-history band when the patient had this many CTs in 12 months',
    parse: positiveInteger,
  } satisfies SettingSpec<number>,
  'band.moderate_ced_5y_msv': {
    defaultValue: 10,
    description: 'MODERATE dose-history band when CED over 5 years reaches this many mSv',
    parse: positiveNumber,
  } satisfies SettingSpec<number>,
  'dose.method': {
    defaultValue: 'AAPM_REPORT_96' as (typeof DOSE_METHODS)[number],
    description: 'DLP-to-effective-dose coefficient set',
    parse: oneOf(DOSE_METHODS),
  } satisfies SettingSpec<(typeof DOSE_METHODS)[number]>,
  'outcome.not_performed_days': {
    defaultValue: 30,
    description:
      'An order with no exam this many days after it (to the newest data) is NOT_PERFORMED',
    parse: positiveInteger,
  } satisfies SettingSpec<number>,
  'cascade.days': {
    defaultValue: 30,
    description: 'E5: window after a substitute or cancellation for an exam of the original kind',
    parse: positiveInteger,
  } satisfies SettingSpec<number>,
  'pchart.baseline_months': {
    defaultValue: 12,
    description: 'p-chart centre line: the first N months loaded',
    parse: positiveInteger,
  } satisfies SettingSpec<number>,
  'level.probable_min_clinician_lower95': {
    defaultValue: 1,
    description:
      "PROBABLE needs the lower 95 % bound of the clinician's OR (their HIGH-band patients vs the site's LOW-band, MH) above this; else the case is POSSIBLE",
    parse: positiveNumber,
  } satisfies SettingSpec<number>,
  'level.probable_max_clinician_q': {
    defaultValue: 0.05,
    description:
      "PROBABLE needs the clinician's pattern to stand out among all clinicians compared: the Benjamini–Hochberg q-value of their one-sided test (HIGH-band patients vs the site's LOW-band, CMH) at or below this false discovery rate; else the case is POSSIBLE",
    parse: (raw: string): number => {
      const value = Number(raw);
      if (!Number.isFinite(value) || value <= 0 || value >= 1) {
        throw new Error('expected a false discovery rate between 0 and 1 (exclusive)');
      }
      return value;
    },
  } satisfies SettingSpec<number>,
  'level.pattern_counts_explained_switches': {
    defaultValue: false as boolean,
    description:
      'The clinician pattern that gates PROBABLE counts every away-switch (true), or only the unexplained decisions (false): away-switches with neither a recognised non-dose reason in their texts nor an outcome by timeout alone (an order that lapsed with no recorded change, cancellation or exam)',
    parse: yesNo,
  } satisfies SettingSpec<boolean>,
  'level.at_entry_probable': {
    defaultValue: true as boolean,
    description:
      "A HIGH-band order placed at order entry for a modality rated <= 6 (no switch after the order), with no exclusion and no recognised non-dose reason in its texts, is PROBABLE when the clinician's pattern passes the same gate as a switch after the order (true), or POSSIBLE as DESIGN section 3 has it (false)",
    parse: yesNo,
  } satisfies SettingSpec<boolean>,
  'qa.patterns': {
    defaultValue: ['QA', 'phantom', 'physics'],
    description: 'Whole words in PatientID or StudyDescription that mark a QA or phantom study',
    parse: wordList,
  } satisfies SettingSpec<string[]>,
  'committee.show_clinician_names': {
    defaultValue: false as boolean,
    description:
      'COMMITTEE sees clinician names; when false, clinicians appear as stable pseudonyms (C-3F9A2B)',
    parse: yesNo,
    displayOnly: true,
  } satisfies SettingSpec<boolean>,
} as const;

export type SettingKey = keyof typeof SETTINGS_SCHEMA;

/** Whether a change of this setting can change an assessment (and so calls for a reassessment). */
export const changesAssessments = (key: SettingKey): boolean =>
  !(SETTINGS_SCHEMA[key] as SettingSpec<unknown>).displayOnly;
export type Settings = {
  -readonly [K in SettingKey]: (typeof SETTINGS_SCHEMA)[K]['defaultValue'] extends readonly string[]
    ? string[]
    : (typeof SETTINGS_SCHEMA)[K]['defaultValue'];
};

export const isSettingKey = (key: string): key is SettingKey => key in SETTINGS_SCHEMA;

export function defaultSettings(): Settings {
  const entries = Object.entries(SETTINGS_SCHEMA).map(([key, spec]) => [key, spec.defaultValue]);
  return Object.fromEntries(entries) as Settings;
}

/** Reads one setting's text value; throws an Error with one sentence when it is invalid. */
export function parseSetting(key: string, raw: string): Settings[SettingKey] {
  if (!isSettingKey(key)) {
    throw new Error(
      `Unknown setting "${key}". Known settings: ${Object.keys(SETTINGS_SCHEMA).join(', ')}.`,
    );
  }
  try {
    return SETTINGS_SCHEMA[key].parse(raw) as Settings[SettingKey];
  } catch (error) {
    throw new Error(`Setting ${key}: ${(error as Error).message}, not "${raw}".`, {
      cause: error,
    });
  }
}

/** Completes a stored settings row with defaults for keys added after it was written. */
export function completeSettings(stored: Record<string, unknown>): Settings {
  return { ...defaultSettings(), ...stored } as Settings;
}
