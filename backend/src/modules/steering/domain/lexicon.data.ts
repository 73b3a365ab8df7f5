/**
 * The text lexicon of the steering engine (DESIGN.md sections 2 and 3) as data: signal E1 (dose
 * rationale in text), its negations and the contexts that silence it, the exclusion phrases, the
 * recognised non-dose reasons and the contentless reasons.
 *
 * Every pattern runs on text normalised by `normaliseText`: lower case, no diacritics,
 * apostrophes dropped ("CT's" -> "cts"), hyphens inside words turned into spaces ("beta-hCG" ->
 * "beta hcg"), single spaces, dots of abbreviations dropped ("c.t." -> "ct", "pt." -> "pt").
 * A pattern is either a regular expression `source` (no capturing groups needed, no flags) or a
 * literal `phrase` (matched as whole words, any whitespace between them).
 *
 * Change LEXICON_VERSION whenever a pattern changes: assessments record it, so that a month's
 * figures can be reproduced with the lexicon that produced them.
 */
import type { ExclusionCode } from './exclusion-code.js';

export const LEXICON_VERSION = '1.0.0';

export type LexiconCategory =
  | 'DOSE_RATIONALE'
  | 'DOSE_NEGATION'
  | 'DOSE_CONTEXT'
  | 'EXCLUSION'
  | 'EXCLUSION_NEGATION'
  | 'NON_DOSE_REASON'
  | 'CONTENTLESS';

/** A pattern is a regular expression source or a literal phrase, never both. */
export type PatternText =
  | { readonly source: string; readonly phrase?: undefined }
  | { readonly phrase: string; readonly source?: undefined };

/**
 * How far a negation cue reaches. `phrase` stops at commas, ' - ', 'and' and every stronger
 * boundary; `clause` stops at ';', sentence ends and contrastive words (but, however, although,
 * though, whereas, yet, except); `sentence` stops at sentence ends only, and at a contrastive
 * word only when the cue comes first ("radiation not a concern but has had 9 CTs" stays E1,
 * "has had 9 CTs but dose not a factor" does not).
 */
export type NegationScope = 'phrase' | 'clause' | 'sentence';

/** Where a cue must stand relative to the phrase it negates. */
export type NegationPosition = 'before' | 'after' | 'either';

export interface NegationRule {
  readonly position: NegationPosition;
  /** Most words allowed between the cue and the phrase. */
  readonly maxGapWords: number;
  readonly scope: NegationScope;
}

export type DoseRationalePattern = PatternText & {
  readonly id: string;
  readonly category: 'DOSE_RATIONALE';
};

export type DoseNegationPattern = PatternText & {
  readonly id: string;
  readonly category: 'DOSE_NEGATION';
  readonly rule: NegationRule;
};

/** Contexts in which talk of radiation is not steering (DESIGN.md, E1). */
export type DoseContextKind = 'PREGNANCY' | 'PAEDIATRIC' | 'PATIENT_REFUSAL' | 'PATIENT_CONCERN';

export type DoseContextPattern = PatternText & {
  readonly id: string;
  readonly category: 'DOSE_CONTEXT';
  readonly context: DoseContextKind;
};

export type ExclusionPattern = PatternText & {
  readonly id: string;
  readonly category: 'EXCLUSION';
  readonly exclusion: ExclusionCode;
  /** False for phrases that hold whatever precedes them ("no ectopic pregnancy" is pregnant). */
  readonly negatable?: boolean;
};

export type ExclusionNegationPattern = PatternText & {
  readonly id: string;
  readonly category: 'EXCLUSION_NEGATION';
  readonly rule: NegationRule;
  /** The exclusions this cue can negate; all when absent. */
  readonly appliesTo?: readonly ExclusionCode[];
};

export type NonDoseReasonPattern = PatternText & {
  readonly id: string;
  readonly category: 'NON_DOSE_REASON';
};

/**
 * Contentless reasons match the whole text, after it is stripped to letters, digits, '/' and
 * single spaces ("Changed per provider." -> "changed per provider"; "-" -> "").
 */
export type ContentlessPattern = PatternText & {
  readonly id: string;
  readonly category: 'CONTENTLESS';
};

export type LexiconPattern =
  | DoseRationalePattern
  | DoseNegationPattern
  | DoseContextPattern
  | ExclusionPattern
  | ExclusionNegationPattern
  | NonDoseReasonPattern
  | ContentlessPattern;

// ---------------------------------------------------------------------------------------------
// Shared fragments
// ---------------------------------------------------------------------------------------------

/** Two or more, in digits or words ("9", "12", "5+", "six"). */
const SEVERAL_NUMBER = String.raw`(?:(?:[2-9]|[1-9]\d+)(?:\s*\+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)`;

/** Words for "many" that read as a count of exams. */
const MANY = String.raw`(?:many|multiple|several|numerous|countless|innumerable|frequent|lots\s+of|a\s+lot\s+of|so\s+many|too\s+many|a\s+(?:large\s+|high\s+|great\s+)?number\s+of|plenty\s+of|a\s+dozen|dozens\s+of|a\s+(?:total|series)\s+of\s+${SEVERAL_NUMBER}|>\s*\d+|${SEVERAL_NUMBER})`;

/** Plural CT-like exams. */
const CT_SCANS = String.raw`(?:cts|ct\s+s|ctas|(?:ct|cat|cta|ctpa|pet\s+ct|pet)\s+(?:scans|studies|exams|examinations|imaging)|scans)`;

/** Any count of ionizing exams after "has had" ("9 CTs", "multiple imaging studies"). */
const EXAMS = String.raw`(?:${CT_SCANS}|cts?|ct\s+scan|x\s*rays|radiographs|imaging\s+(?:studies|exams|tests|procedures)|studies|exams|examinations|fluoroscop\w*|nuclear\s+(?:scans|studies)|imaging)`;

/** Words that turn "radiation" into radiotherapy, an oncology history, not a dose rationale. */
const NOT_RADIOTHERAPY = String.raw`(?!\s+(?:therapy|therapies|tx|rx|treatments?|oncology|oncologist|onc|induced|enteritis|proctitis|pneumonitis|cystitis|colitis|necrosis|fibrosis|dermatitis|myelopathy|recall|fields?|ports?|plan|planning|planned|sessions?|fractions?|course|boost|changes|injury|damage|sickness|to\s+the\s+(?:chest|breast|pelvis|neck|head|brain|spine|prostate|lung|abdomen|mediastinum|axilla|bone|site|area|field|tumou?r|lesion)))`;

/** "dose of insulin", "exposure to TB": a dose or exposure of something other than radiation. */
const NOT_OTHER_SOURCE = String.raw`(?!\s+(?:of|to)\b(?!\s+(?:the\s+)?(?:radiation|ioni[sz]ing|x\s*rays?|ct|cts|imaging|scans)\b))`;

/** "CT dose index", "dose length product": scanner metrics of one exam, not a dose history. */
const NOT_DOSE_METRIC = String.raw`(?!\s+(?:index|length|product|report|parameters?|protocol|modulation|settings?))`;

const RADIATION = String.raw`(?:radiation|irradiation|ioni[sz]ing\s+radiation|ioni[sz]ing)`;

/** The end of a causal phrase: "changed to US due to radiation." */
const PHRASE_END = String.raw`(?=\s*(?:$|[.,;:!?\n]|and\b|so\b|hence\b|therefore\b|but\b|per\b))`;

const CT_TERM = String.raw`(?:ct|cta|ctpa|cat\s+scan|ct\s+scan|computed\s+tomography)`;
const MR_TERM = String.raw`(?:mri|mr|mra|mrcp|mr\s+imaging|magnetic\s+resonance(?:\s+imaging)?)`;
const US_TERM = String.raw`(?:us|u/s|usg|ultrasound|ultrasonography|sonograph\w*|sonogram|doppler|duplex|echo)`;
const ANY_MODALITY = String.raw`(?:${CT_TERM}|${MR_TERM}|${US_TERM}|imaging|scan|study|exam|xray|x\s+ray|radiograph|pet|nm|result|results|report)`;
const CONTRAST = String.raw`(?:contrast|iv\s+contrast|iodinated\s+contrast|dye|iodine|iodinated|iodine\s+based|omnipaque|visipaque|isovue|iohexol|iodixanol|iopamidol|ultravist|iopromide)`;
const RADIOLOGY = String.raw`(?:radiology|radiologist|radiologists|rads|rad|radiology\s+resident|neuroradiolog\w*|interventional\s+radiolog\w*|ir|imaging\s+(?:team|department|dept)|reporting\s+radiologist|duty\s+radiologist|on\s+call\s+radiologist)`;
const NO_NEGATING_WORD = String.raw`(?!(?:not|never|didnt|doesnt|did|does|has\s+not|hasnt|wont)\b)`;
const PATIENT_SIDE = String.raw`(?:patient|patients|pt|pts|parent|parents|family|mother|father|mum|mom|dad|guardian|guardians|husband|wife|spouse|partner|son|daughter|caregiver|carer|poa|she|he|they)`;

const phraseList = <C extends 'NON_DOSE_REASON'>(
  category: C,
  prefix: string,
  phrases: readonly string[],
): { id: string; category: C; phrase: string }[] =>
  phrases.map((phrase) => ({
    id: `${prefix}.${phrase.replace(/[^a-z0-9]+/g, '-')}`,
    category,
    phrase,
  }));

// ---------------------------------------------------------------------------------------------
// E1: dose rationale
// ---------------------------------------------------------------------------------------------

export const DOSE_RATIONALE_PATTERNS: readonly DoseRationalePattern[] = [
  {
    id: 'dose.had-many-exams',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:had|has\s+had|have\s+had|received|receiving|undergone|underwent|gotten|got)\s+(?:\w+\s+){0,3}?(?:${MANY}|serial|repeated)\s+(?:\w+\s+){0,2}?${EXAMS}\b`,
  },
  {
    id: 'dose.many-prior-cts',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b${MANY}\s+(?:(?:prior|previous|past|recent|earlier|other|more|further|additional|abdominal|abdo|head|chest|body|contrast|ct)\s+){0,2}${CT_SCANS}\b`,
  },
  {
    id: 'dose.count-of-cts-in-period',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b${SEVERAL_NUMBER}\s+(?:cts?|ct\s+scans?|scans)\s+(?:in|over|within|during|since|this|last|past)\b`,
  },
  {
    id: 'dose.ct-times-count',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:(?:cts?|ct\s+scans?|scans)\s*(?:x|times)\s*(?:[2-9]|[1-9]\d+)\b|(?:[2-9]|[1-9]\d+)\s*x\s*(?:cts?|ct\s+scans?)\b)`,
  },
  {
    id: 'dose.imaged-many-times',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:imaged|scanned|cted|ctd|irradiated|x\s*rayed)\s+(?:\w+\s+)?(?:${MANY}|\d+)\s+times\b`,
  },
  {
    id: 'dose.number-of-scans',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:(?:number|count|frequency|volume|amount|no)\s+of\s+(?:(?:prior|previous|past|recent|ct)\s+){0,2}(?:cts|ct\s+scans|scans|ct\s+studies|imaging\s+studies)|ct\s+count)\b`,
  },
  {
    id: 'dose.too-many-scans',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:too|so|very)\s+many\s+(?:\w+\s+)?(?:cts?|scans|ct\s+scans|x\s*rays|images|imaging|studies|exams)\b`,
  },
  {
    id: 'dose.too-much-radiation',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:too|so)\s+much\s+(?:\w+\s+)?(?:radiation|imaging|exposure|dose|ct|scanning|irradiation)\b`,
  },
  {
    id: 'dose.enough-radiation',
    category: 'DOSE_RATIONALE',
    source: String.raw`\benough\s+(?:\w+\s+)?(?:radiation|cts|ct\s+scans|scans|exposure|imaging|irradiation)\b`,
  },
  {
    id: 'dose.heavily-imaged',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:heavily|frequently|extensively|repeatedly|excessively|over|multiply|often|highly)\s*(?:imaged|scanned|radiated|irradiated|exposed|x\s*rayed|ct\s*(?:ed|d))\b`,
  },
  {
    id: 'dose.over-imaging',
    category: 'DOSE_RATIONALE',
    source: String.raw`\bover\s*(?:imaging|scanning|exposure|irradiation|radiation)\b`,
  },
  {
    id: 'dose.frequent-ct-user',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:high|frequent|heavy|super)\s+(?:(?:ct|imaging|radiology)\s+(?:utili[sz]er|user|flyer)s?|(?:utili[sz]er|user|flyer)s?\s+of\s+(?:ct|imaging))\b`,
  },
  {
    id: 'dose.cumulative',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:cumulative|cummulative|cumulitive|cum|accumulated|accumulating|lifetime|life\s+time|career)\s+(?:\w+\s+)?(?:radiation|dose|doses|dosage|exposure|exposures|ced|effective\s+dose|msv|irradiation|burden|rad)\b`,
  },
  {
    id: 'dose.total-radiation',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:total|aggregate|overall|combined)\s+(?:radiation|effective\s+dose|ced|msv|irradiation|(?:ct|imaging)\s+dose|radiation\s+dose)\b`,
  },
  {
    id: 'dose.ced',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:(?:high|elevated|raised|increased|large|significant)\s+)?ced\b(?:\s*(?:of|=|:|>|>=|is|was|now|at|~|approx)?\s*\d+(?:\.\d+)?(?:\s*msv\b)?)?`,
  },
  {
    id: 'dose.msv-value',
    category: 'DOSE_RATIONALE',
    source: String.raw`(?:(?:>=|>|over|above|exceeds?|exceeding|exceeded|greater\s+than|more\s+than|at\s+least|almost|nearly|about|approx|~)\s*)?(?:\d+(?:\.\d+)?\s*)?(?:msv|millisieverts?|milli\s+sieverts?)\b`,
  },
  {
    id: 'dose.radiation-noun',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:radiation|irradiation|ioni[sz]ing\s+radiation|rad)\s+(?:dose|doses|dosage|exposure|exposures|burden|load|risk|risks|concern|concerns|worry|worries|issue|issues|count|tally|total|limit|limits|threshold|thresholds|level|levels|amount|safety|history\s+of\s+ct)\b${NOT_DOSE_METRIC}`,
  },
  {
    id: 'dose.exam-dose-noun',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:ct|cat\s+scan|imaging|x\s*ray|scan|prior\s+imaging|previous\s+imaging|prior\s+ct|previous\s+ct|prior\s+scan)\s+(?:dose|doses|dosage|exposure|exposures|burden|radiation)\b${NOT_DOSE_METRIC}`,
  },
  {
    id: 'dose.dose-noun',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:dose|doses|dosage)\s+(?:alerts?|warnings?|notifications?|flag|flagged|thresholds?|limits?|history|hx|burden|tracking|tracker|monitoring|concerns?|considerations|reasons?|related|issues?|accumulation|creep|tally|band|level)\b`,
  },
  {
    id: 'dose.radiation-alert',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:radiation|ced|exposure|dosewatch|radimetrics|dose\s+tracking|dose\s+monitoring)\s+(?:alerts?|warnings?|flag|flagged|notifications?)\b`,
  },
  {
    id: 'dose.alerted-for-dose',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:alert\w*|flag\w*|warning|warned|notified)\s+(?:\w+\s+){0,2}?(?:for|re|regarding|about|of|on|due\s+to)\s+(?:\w+\s+)?(?:dose|radiation|ced|cumulative|exposure)\b`,
  },
  {
    id: 'dose.effective-dose',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:effective\s+doses?|dose\s+from\s+(?:\w+\s+){0,2}?(?:imaging|scans|cts|ct|studies|exams|x\s*rays)|(?:prior|previous|past|recent)\s+(?:imaging|ct|radiation|scan)\s+doses?)\b`,
  },
  {
    id: 'dose.because-of-dose',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:due\s+to|because\s+of|given|re|regarding|owing\s+to|secondary\s+to|for)\s+(?:(?:the|his|her|their|pts?|patients|high|cumulative|prior|previous|total|radiation|ct)\s+){0,3}(?:dose|doses)\b(?!\s+(?:of|adjustment|change|reduction|escalation|titration|form))`,
  },
  {
    id: 'dose.because-of-radiation',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:due\s+to|because\s+of|re|regarding|owing\s+to|about|over|considering)\s+(?:(?:the|his|her|their|pts?|patients|further|more|additional|excess|excessive|extra|unnecessary|cumulative|high|ionizing|ionising|repeated|repeat|ongoing|total|overall|any|all)\s+){0,3}(?:radiation|irradiation)${PHRASE_END}`,
  },
  {
    id: 'dose.avoid-radiation',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:avoid\w*|reduc\w*|limit\w*|minimi[sz]\w*|spar\w*|sav\w*|decreas\w*|lower\w*|prevent\w*|lessen\w*|cut\w*|curb\w*|restrict\w*|no\s+need\s+for)\s+(?:(?:the|his|her|their|pts?|patients|patient|further|more|additional|excess|excessive|extra|unnecessary|unneeded|needless|cumulative|repeated|repeat|ongoing|total|overall|any|all|exposure\s+to|ct)\s+){0,3}${RADIATION}\b${NOT_RADIOTHERAPY}`,
  },
  {
    id: 'dose.avoid-ct-exposure',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:avoid\w*|reduc\w*|limit\w*|minimi[sz]\w*|spar\w*|restrict\w*)\s+(?:(?:the|his|her|their|pts?|patients|patient|further|more|additional|excess|excessive|extra|unnecessary|cumulative|repeated|ongoing|total|overall|any)\s+){0,3}(?:(?:ct|x\s*ray|imaging|radiation)\s+)?(?:exposures?|dose|doses)\b${NOT_OTHER_SOURCE}`,
  },
  {
    id: 'dose.avoid-more-cts',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:avoid\w*|limit\w*|minimi[sz]\w*|reduc\w*|spar\w*)\s+(?:the\s+patient\s+|pt\s+|him\s+|her\s+)?(?:further|more|additional|unnecessary|excess|excessive|extra|yet\s+more)\s+(?:cts?|ct\s+scans?|scans|cat\s+scans?)\b`,
  },
  {
    id: 'dose.more-radiation',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:more|further|additional|extra|unnecessary|unneeded|needless|excess|excessive|repeated|avoidable|less|lower|reduced|minimal|minimum|any\s+more|anymore|added|adding|another\s+dose\s+of)\s+${RADIATION}\b${NOT_RADIOTHERAPY}`,
  },
  {
    id: 'dose.more-cts',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:(?:no\s+more|any\s+more|anymore|yet\s+another|yet\s+more|even\s+more)\s+(?:cts?|ct\s+scans?|cat\s+scans?|ct\s+s|scans)|more\s+(?:cts|ct\s+scans|cat\s+scans|ct\s+s))\b`,
  },
  {
    id: 'dose.concern-about-radiation',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:concern\w*|worr\w*|anxious|anxiety|afraid|scared|fear\w*|uneasy|uncomfortable|reluctant|hesitant|caution\w*|mindful|conscious|aware)\s+(?:\w+\s+){0,2}?(?:about|re|regarding|over|of|for|with|around|at|by|given)\s+(?:\w+\s+){0,2}?(?:(?:(?:cumulative|total|lifetime|prior|previous|further|more)\s+)?(?:radiation|irradiation|dose|doses|exposure|ced|msv|cts)|cumulative)\b${NOT_RADIOTHERAPY}${NOT_OTHER_SOURCE}`,
  },
  {
    id: 'dose.radiation-free',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:radiation\s*(?:free|sparing|saving|reduction|reducing|minimi[sz]ation|minimi[sz]ing|avoidance|avoiding|conscious|awareness)|dose\s*(?:saving|conscious|awareness|minimi[sz]ation|minimi[sz]ing))\b`,
  },
  {
    id: 'dose.without-radiation',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:without|zero|free\s+of|no|non|avoids)\s*(?:ioni[sz]ing\s+)?(?:radiation|ioni[sz]ing)\b(?!\s+(?:concerns?|issues?|worr\w*|problems?|risks?|exposure\s+concerns?|history|hx|therapy|therapies|tx|treatment|oncology|changes))`,
  },
  {
    id: 'dose.ionizing-radiation',
    category: 'DOSE_RATIONALE',
    source: String.raw`\bioni[sz]ing\s+(?:radiation|imaging|modalit\w+|exams?|studies|tests?)\b${NOT_RADIOTHERAPY}`,
  },
  {
    id: 'dose.alara',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:alara|as\s+low\s+as\s+(?:reasonably\s+)?(?:achievable|possible)|image\s+wisely)\b`,
  },
  {
    id: 'dose.cancer-risk',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:(?:cancer|malignancy|oncogenic|carcinogenic|stochastic)\s+risks?\s+(?:from|of|due\s+to|with)\s+(?:\w+\s+){0,2}?(?:radiation|cts?|imaging|scans|exposure)|(?:radiation|ct)\s+(?:induced|related|associated)\s+(?:cancer|malignancy|risk)|risks?\s+of\s+(?:\w+\s+){0,2}?radiation\b${NOT_RADIOTHERAPY})`,
  },
  {
    id: 'dose.had-much-radiation',
    category: 'DOSE_RATIONALE',
    source: String.raw`\b(?:had|has\s+had|received|receiving|exposed\s+to|absorbed)\s+(?:a\s+lot\s+of|lots\s+of|so\s+much|too\s+much|much|significant|considerable|substantial|plenty\s+of|enough|high|large\s+amounts?\s+of|a\s+great\s+deal\s+of)\s+(?:\w+\s+)?(?:radiation|irradiation|imaging|rads|ct)\b${NOT_RADIOTHERAPY}`,
  },
];

// ---------------------------------------------------------------------------------------------
// E1: negations
// ---------------------------------------------------------------------------------------------

export const DOSE_NEGATION_PATTERNS: readonly DoseNegationPattern[] = [
  {
    id: 'dose-negation.no',
    category: 'DOSE_NEGATION',
    source: String.raw`\bno\b(?!\s+(?:more|further|additional|extra|longer|need|new|other|repeat|change|changes|one|of|ct|cts|cat|scan|scans|imaging|mri|mr|us|ultrasound|x|xray|contrast|iv|exam|study|indication|slot|slots)\b)`,
    rule: { position: 'before', maxGapWords: 2, scope: 'phrase' },
  },
  {
    id: 'dose-negation.no-dose-concern',
    category: 'DOSE_NEGATION',
    source: String.raw`\bno\s+(?:\w+\s+){0,2}?(?:radiation|dose|rad|ced|exposure)\s+(?:concerns?|issues?|worr(?:y|ies)|problems?|risks?|limits?|restrictions?|reasons?|considerations?)\b`,
    rule: { position: 'either', maxGapWords: 6, scope: 'sentence' },
  },
  {
    id: 'dose-negation.not-because-of',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:not|nt|never|isnt|wasnt)\s+(?:(?:primarily|solely|only|just|really|specifically|at\s+all|in\s+any\s+way)\s+)?(?:because\s+of|because|due\s+to|for|related\s+to|based\s+on|driven\s+by|motivated\s+by|secondary\s+to|owing\s+to|influenced\s+by|about|a\s+result\s+of|from|over|given)\b`,
    rule: { position: 'before', maxGapWords: 4, scope: 'clause' },
  },
  {
    id: 'dose-negation.not-concerned',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:(?:not|nt|never|no\s+longer)\s+(?:too\s+|overly\s+|particularly\s+)?(?:concerned|worried|bothered|troubled)|unconcerned)\b`,
    rule: { position: 'before', maxGapWords: 3, scope: 'clause' },
  },
  {
    id: 'dose-negation.regardless-of',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:regardless\s+of|irrespective\s+of|without\s+regard\s+(?:to|for)|unrelated\s+to|nothing\s+to\s+do\s+with|notwithstanding|despite|in\s+spite\s+of|even\s+with|even\s+though|even\s+given)\b`,
    rule: { position: 'before', maxGapWords: 4, scope: 'sentence' },
  },
  {
    id: 'dose-negation.not-a-factor',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:(?:is|was|are|were|s)\s+)?(?:not|no\s+longer|never|isnt|wasnt|arent)\s+(?:(?:a|an|the|any|my|our)\s+)?(?:\w+\s+)?(?:concern|concerns|issue|issues|factor|consideration|problem|reason|driver|relevant|relevance|contraindication|barrier|limitation|priority|deciding|an\s+issue|important|significant|a\s+problem)\b`,
    rule: { position: 'after', maxGapWords: 3, scope: 'clause' },
  },
  {
    id: 'dose-negation.dose-not-a-factor',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:radiation|dose|doses|exposure|ced|msv)\s+(?:\w+\s+){0,2}?(?:(?:is|was|are|were)\s+)?(?:not|no\s+longer|never|isnt|wasnt|arent)\s+(?:(?:a|an|the|any)\s+)?(?:\w+\s+)?(?:concern|concerns|issue|issues|factor|consideration|problem|reason|driver|relevant|contraindication|barrier|priority|important|significant)\b`,
    rule: { position: 'either', maxGapWords: 6, scope: 'sentence' },
  },
  {
    id: 'dose-negation.not-dose-related',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:not|non|nothing)\s+(?:(?:a|an)\s+)?(?:radiation|dose|rad)\s*(?:related|driven|based|issue|decision|concern|reason|question|motivated|consideration)\b`,
    rule: { position: 'either', maxGapWords: 6, scope: 'sentence' },
  },
  {
    id: 'dose-negation.considered-acceptable',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:(?:is|was|are|were)\s+)?(?:considered|deemed|judged|felt|thought|assessed|accepted|found)\s+(?:to\s+be\s+)?(?:acceptable|appropriate|justified|justifiable|reasonable|warranted|fine|ok|okay|irrelevant|not\s+relevant|insignificant|negligible|low|safe)\b`,
    rule: { position: 'after', maxGapWords: 6, scope: 'sentence' },
  },
  {
    id: 'dose-negation.dose-considered-acceptable',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:radiation|dose|doses|exposure|ced)\s+(?:\w+\s+)?(?:(?:is|was|are|were)\s+)?(?:(?:considered|deemed|judged|felt|thought|assessed|accepted|found)\s+(?:to\s+be\s+)?)?(?:acceptable|justified|justifiable|irrelevant|not\s+relevant|insignificant|negligible)\b`,
    rule: { position: 'either', maxGapWords: 6, scope: 'sentence' },
  },
  {
    id: 'dose-negation.acceptable-dose',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:acceptable|justified|negligible|minimal|insignificant)\s+(?:radiation\s+)?(?:dose|doses|radiation|exposure|risk)\b`,
    rule: { position: 'either', maxGapWords: 6, scope: 'sentence' },
  },
  {
    id: 'dose-negation.low-after',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:(?:is|was|are|were)\s+)?(?:low|minimal|negligible|fine|ok|okay|acceptable|irrelevant|not\s+relevant|within\s+(?:normal\s+)?limits|n/a|not\s+applicable)\b`,
    rule: { position: 'after', maxGapWords: 1, scope: 'phrase' },
  },
  {
    id: 'dose-negation.benefit-outweighs-risk',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:benefits?\s+(?:\w+\s+){0,2}?(?:outweighs?|exceeds?|greater\s+than)\s+(?:the\s+)?(?:\w+\s+)?risks?|(?:clinically\s+)?(?:indicated|justified|necessary|needed|required)\s+(?:regardless|anyway|irrespective|despite))\b`,
    rule: { position: 'either', maxGapWords: 6, scope: 'sentence' },
  },
  {
    id: 'dose-negation.alert-overridden',
    category: 'DOSE_NEGATION',
    source: String.raw`\b(?:overrid(?:den|e|es|ing)|overrode|over\s+ridden|dismissed|bypassed|ignored)\b`,
    rule: { position: 'either', maxGapWords: 2, scope: 'phrase' },
  },
  {
    id: 'dose-negation.reassured',
    category: 'DOSE_NEGATION',
    source: String.raw`\breassur(?:ed|ance|ing)\b`,
    rule: { position: 'either', maxGapWords: 6, scope: 'clause' },
  },
];

// ---------------------------------------------------------------------------------------------
// E1: contexts in which talk of radiation is not steering
// (pregnancy and refusal also come from the PREGNANCY and PATIENT_REFUSAL exclusions)
// ---------------------------------------------------------------------------------------------

export const DOSE_CONTEXT_PATTERNS: readonly DoseContextPattern[] = [
  {
    id: 'context.paediatric-word',
    category: 'DOSE_CONTEXT',
    context: 'PAEDIATRIC',
    source: String.raw`\b(?:paediatric|pediatric|paediatrics|pediatrics|paeds|peds|child|children|childs|infant|infants|neonat\w*|newborn|toddler|baby|babies|kid|kids|boy|girl|adolescent|teen|teenager|juvenile|preschool\w*|school\s+aged?\s+child|image\s+gently|picu|nicu)\b`,
  },
  {
    id: 'context.paediatric-age',
    category: 'DOSE_CONTEXT',
    context: 'PAEDIATRIC',
    source: String.raw`(?:\b(?:[0-9]|1[0-7])\s*(?:yo|y/o|yrs?\s+old|years?\s+old|y\s+o|yoa)\b|\b\d+\s*(?:months?|mos?|mths?|weeks?|wks?|days?)\s+old\b|\b(?:age|aged)\s+(?:[0-9]|1[0-7])\b(?!\s*(?:months?|weeks?|days?)\s+ago))`,
  },
  {
    id: 'context.patient-concern',
    category: 'DOSE_CONTEXT',
    context: 'PATIENT_CONCERN',
    source: String.raw`\b${PATIENT_SIDE}\s+(?:${NO_NEGATING_WORD}\w+\s+){0,2}?(?:(?:is|was|are|were|very|quite|extremely|really|understandably)\s+)*(?:worried|concerned|anxious|scared|afraid|fearful|nervous|hesitant|reluctant|uncomfortable|unhappy|upset|requests?|requested|asked|asking|wants|wanted|prefers|preferred|wishes|wished)\b`,
  },
];

// ---------------------------------------------------------------------------------------------
// Exclusions
// ---------------------------------------------------------------------------------------------

export const EXCLUSION_PATTERNS: readonly ExclusionPattern[] = [
  // PREGNANCY
  {
    id: 'pregnancy.pregnant',
    category: 'EXCLUSION',
    exclusion: 'PREGNANCY',
    source: String.raw`\bpregnan(?:t|cy)\b(?!\s+(?:test\w*|status|screen\w*|check\w*|unknown|excluded|ruled\s+out|neg\w*|rule\s+out|r/o))`,
  },
  {
    id: 'pregnancy.positive-hcg',
    category: 'EXCLUSION',
    exclusion: 'PREGNANCY',
    negatable: false,
    source: String.raw`(?:(?:\b(?:positive|pos)|\+)\s*(?:serum\s+|urine\s+|quantitative\s+)?(?:beta\s*|b\s*)?(?:hcg|upt|pregnancy\s+test)\b|\b(?:beta\s*|b\s*)?(?:hcg|upt|pregnancy\s+test)\s*(?:is\s+|was\s+)?(?:positive\b|pos\b|\+))`,
  },
  {
    id: 'pregnancy.gestation',
    category: 'EXCLUSION',
    exclusion: 'PREGNANCY',
    source: String.raw`\b(?:gestation\w*|gravid|intrauterine\s+pregnancy|iup|trimester|antenatal|antepartum|prenatal|obstetric\s+patient)\b`,
  },
  {
    id: 'pregnancy.weeks-pregnant',
    category: 'EXCLUSION',
    exclusion: 'PREGNANCY',
    negatable: false,
    source: String.raw`\b\d+(?:\s*(?:\+|and)\s*\d+)?\s*(?:weeks?|wks?|w)\s+(?:\d+\s*d(?:ays?)?\s+)?(?:pregnant|gestation\w*|ga|gestational\s+age|pg|preg|along|iup)\b|\b(?:ga|gestational\s+age)\s*(?:of\s+)?\d+\s*(?:weeks?|wks?|w|\+)|\b\d{1,2}\s*w\s*\d\s*d\b`,
  },
  {
    id: 'pregnancy.fetus',
    category: 'EXCLUSION',
    exclusion: 'PREGNANCY',
    negatable: false,
    source: String.raw`\b(?:fetus|fetal|foetus|foetal|fetuses|unborn|embryo|ectopic)\b`,
  },
  // CONTRAST_ALLERGY
  {
    id: 'contrast-allergy.contrast-allergy',
    category: 'EXCLUSION',
    exclusion: 'CONTRAST_ALLERGY',
    source: String.raw`\b${CONTRAST}\s+(?:\w+\s+){0,2}?(?:allerg\w*|anaphyla\w*|reactions?|hypersensitiv\w*|hives|urticaria|intoleran\w*|sensitivity)\b`,
  },
  {
    id: 'contrast-allergy.allergic-to-contrast',
    category: 'EXCLUSION',
    exclusion: 'CONTRAST_ALLERGY',
    source: String.raw`\b(?:allerg\w*|anaphyla\w*|reactions?|reacted|hypersensitiv\w*|hives|urticaria|intoleran\w*)\s+(?:\w+\s+){0,2}?(?:to|with|from|after|following|on)\s+(?:(?:iv|prior|previous|the|any|all|ct)\s+){0,2}${CONTRAST}\b`,
  },
  {
    id: 'contrast-allergy.anaphylaxis',
    category: 'EXCLUSION',
    exclusion: 'CONTRAST_ALLERGY',
    source: String.raw`\banaphyla\w*\s+(?:\w+\s+){0,3}?${CONTRAST}\b`,
  },
  // RENAL_IMPAIRMENT
  {
    id: 'renal.aki',
    category: 'EXCLUSION',
    exclusion: 'RENAL_IMPAIRMENT',
    source: String.raw`\b(?:aki|acute\s+kidney\s+injury|acute\s+renal\s+(?:failure|injury|insufficiency|impairment)|acute\s+on\s+chronic\s+(?:kidney|renal)\s+\w+)\b`,
  },
  {
    id: 'renal.renal-failure',
    category: 'EXCLUSION',
    exclusion: 'RENAL_IMPAIRMENT',
    source: String.raw`\b(?:(?:renal|kidney)\s+(?:failure|impairment|insufficiency|dysfunction|injury)|esrd|esrf|eskd|end\s+stage\s+(?:renal|kidney)|contrast\s+(?:induced\s+|associated\s+)?(?:nephropathy|nephrotoxicity|aki)|risk\s+of\s+cin)\b`,
  },
  {
    id: 'renal.ckd-4-5',
    category: 'EXCLUSION',
    exclusion: 'RENAL_IMPAIRMENT',
    source: String.raw`\b(?:ckd|chronic\s+kidney\s+disease|chronic\s+renal\s+disease)\s*(?:stage\s*|st\s*|g)?(?:4|5|iv|v|5d|4a|4b)\b`,
  },
  {
    id: 'renal.dialysis',
    category: 'EXCLUSION',
    exclusion: 'RENAL_IMPAIRMENT',
    source: String.raw`\b(?:dialysis|haemodialysis|hemodialysis|haemofiltration|hemofiltration|crrt|cvvh\w*|peritoneal\s+dialysis|on\s+(?:hd|pd)|(?:hd|pd)\s+(?:patient|pt|dependent))\b`,
  },
  {
    id: 'renal.low-egfr',
    category: 'EXCLUSION',
    exclusion: 'RENAL_IMPAIRMENT',
    source: String.raw`\b(?:(?:low|lower|reduced|poor|decreased|impaired|abnormal|deranged|declining|worsening|borderline)\s+(?:egfr|gfr|renal\s+function|kidney\s+function|creatinine\s+clearance|crcl)|(?:egfr|gfr|renal\s+function|kidney\s+function|crcl)\s+(?:is\s+|was\s+)?(?:low|reduced|poor|impaired|deranged|worsening))\b`,
  },
  {
    id: 'renal.egfr-value',
    category: 'EXCLUSION',
    exclusion: 'RENAL_IMPAIRMENT',
    source: String.raw`\b(?:egfr|gfr|crcl)\s*(?:(?:of|is|was|=|:|now|at|~|approx|today)\s*)*(?:(?:<|<=|less\s+than|below|under)\s*(?:30|[12]?\d)(?:\.\d+)?|(?:[12]?\d)(?:\.\d+)?)(?!\d|\.\d)(?!\s*%)`,
  },
  {
    id: 'renal.raised-creatinine',
    category: 'EXCLUSION',
    exclusion: 'RENAL_IMPAIRMENT',
    source: String.raw`\b(?:(?:elevated|raised|high|rising|increased|increasing)\s+(?:serum\s+)?(?:creatinine|creat|cr)|(?:creatinine|creat)\s+(?:is\s+|was\s+)?(?:elevated|raised|high|rising|up))\b`,
  },
  // BETTER_TEST
  {
    id: 'better-test.radiology-recommends',
    category: 'EXCLUSION',
    exclusion: 'BETTER_TEST',
    source: String.raw`\b${RADIOLOGY}\s+(?:${NO_NEGATING_WORD}\w+\s+){0,2}?(?:recommend\w*|suggest\w*|advis\w*|prefer\w*|propos\w*|favou?r\w*|changed|converted|switched|protocoll?ed|vetted|felt|feels|thinks|thought|states|stated|said|says)\b`,
  },
  {
    id: 'better-test.per-radiology',
    category: 'EXCLUSION',
    exclusion: 'BETTER_TEST',
    source: String.raw`\b(?:(?:protocoll?ed|changed|switched|converted|vetted|amended)\s+(?:to\s+)?(?:\w+\s+){0,2}?(?:by|per)|per|as\s+per|on\s+advice\s+of|on\s+the\s+advice\s+of|advised\s+by|recommended\s+by|suggested\s+by|after\s+(?:discussion|consultation)\s+with|following\s+discussion\s+with|protocolled\s+by|vetted\s+by|changed\s+by)\s+(?:the\s+)?(?:\w+\s+)?${RADIOLOGY}\b`,
  },
  {
    id: 'better-test.modality-better',
    category: 'EXCLUSION',
    exclusion: 'BETTER_TEST',
    source: String.raw`\b(?:${MR_TERM}|${US_TERM})\s+(?:\w+\s+){0,2}?(?:(?:is|would\s+be|will\s+be|more|much|far)\s+)?(?:better|superior|more\s+sensitive|more\s+specific|more\s+appropriate|more\s+accurate|more\s+informative|more\s+suitable|more\s+diagnostic|(?:the\s+)?(?:better|best|appropriate|preferred|recommended|correct|right)\s+(?:test|exam|study|modality|choice|investigation)|(?:the\s+)?(?:test|modality|exam|imaging|study|investigation|examination)\s+of\s+choice|first\s+line|gold\s+standard|(?:better|best)\s+suited|indicated\s+instead)\b`,
  },
  {
    id: 'better-test.better-test-is',
    category: 'EXCLUSION',
    exclusion: 'BETTER_TEST',
    source: String.raw`\b(?:(?:better|best|preferred|appropriate|recommended|superior|correct|right)\s+(?:test|exam|study|modality|imaging|choice|investigation)|(?:test|modality|exam|study|imaging|investigation)\s+of\s+choice)\s+(?:\w+\s+){0,3}?(?:(?:is|would\s+be)\s+)?(?:an?\s+)?(?:${MR_TERM}|${US_TERM})\b`,
  },
  {
    id: 'better-test.acr-criteria',
    category: 'EXCLUSION',
    exclusion: 'BETTER_TEST',
    source: String.raw`\bacr\s+(?:appropriateness\s+)?(?:criteria|guidelines?|recommend\w*)\b`,
  },
  // PRIOR_RESULT
  {
    id: 'prior-result.prior-answers',
    category: 'EXCLUSION',
    exclusion: 'PRIOR_RESULT',
    source: String.raw`\b(?:recent|prior|previous|earlier|outside|yesterdays|todays|last|same\s+day|recently\s+performed|existing|current)\s+(?:\w+\s+){0,2}?${ANY_MODALITY}\s+(?:${NO_NEGATING_WORD}\w+\s+){0,3}?(?:(?:already\s+)?(?:answers?|answered|addresses|addressed|sufficient|adequate|conclusive|definitive|explains?|explained|answering|covers?|covered)|already\s+(?:shows?|showed|shown|demonstrates?|demonstrated|confirms?|confirmed|diagnostic|excludes?|excluded|ruled\s+out|rules\s+out))\b`,
  },
  {
    id: 'prior-result.done-recently',
    category: 'EXCLUSION',
    exclusion: 'PRIOR_RESULT',
    source: String.raw`\b${ANY_MODALITY}\s+(?:(?:was|were|already|just)\s+)*(?:done|performed|obtained|completed|acquired|taken|had|did)\s+(?:\w+\s+){0,2}?(?:yesterday|today|this\s+morning|last\s+night|earlier|recently|(?:\d+|a|an|one|two|three|few|couple\s+of)\s+(?:hours?|hrs?|h|days?|d|weeks?|wks?)\s+ago|last\s+week|this\s+week|on\s+admission|this\s+admission|at\s+(?:outside|osh|another|other))\b`,
  },
  {
    id: 'prior-result.already-imaged',
    category: 'EXCLUSION',
    exclusion: 'PRIOR_RESULT',
    source: String.raw`\b(?:already\s+(?:imaged|scanned|done|performed|completed|obtained|answered|investigated|diagnosed)|already\s+(?:had|has|have|got|received|underwent|undergone)\s+(?:(?:a|an|the|one|same|this|that|his|her)\s+)?(?:\w+\s+)?(?:${CT_TERM}|${MR_TERM}|${US_TERM}|scan|study|imaging|exam)(?!s)\b)`,
  },
  {
    id: 'prior-result.no-need-to-repeat',
    category: 'EXCLUSION',
    exclusion: 'PRIOR_RESULT',
    source: String.raw`\b(?:no\s+(?:need|indication|reason)\s+(?:to|for)\s+(?:a\s+)?(?:repeat\w*|re\s*imag\w*|rescan\w*|re\s+scan\w*|duplicat\w*)|repeat\w*\s+(?:\w+\s+)?(?:not|un)\s*(?:needed|necessary|indicated|required|warranted)|duplicate\s+(?:imaging|study|exam|scan|ct|mri|request|investigation)|(?:result|results|findings|diagnosis|answer)\s+(?:\w+\s+){0,2}?already\s+(?:known|available|established|obtained|answered|confirmed|made)|diagnosis\s+(?:already\s+)?(?:established|confirmed)\s+(?:on|by)|(?:question|query)\s+(?:already\s+)?answered|already\s+answered|${ANY_MODALITY}\s+(?:${NO_NEGATING_WORD}\w+\s+){1,4}?already\s+(?:answers?|answered|addresses|addressed|shows?|showed|confirms?|confirmed|explains?|explained))\b`,
  },
  // PATIENT_REFUSAL
  {
    id: 'refusal.patient-refused',
    category: 'EXCLUSION',
    exclusion: 'PATIENT_REFUSAL',
    source: String.raw`\b${PATIENT_SIDE}\s+(?:${NO_NEGATING_WORD}\w+\s+){0,2}?(?:refus\w*|declined|declines|decline|opted\s+out|opts\s+out|opted\s+against|withdrew|withdrawn|withdraws|(?:does|did|will|would)\s+not\s+(?:consent|want|agree|wish)|(?:doesnt|didnt|wont|wouldnt)\s+(?:consent|want|agree|wish)|not\s+consent\w*|unwilling|prefers|preferred|preference|choice|wishes|chose|chooses|elected|object\w*|request\w*\s+(?:(?:an?|the|to\s+have\s+an?|to\s+have)\s+)?(?:${MR_TERM}|${US_TERM}|change|switch|alternative|non|no|not|to\s+avoid|to\s+change|to\s+switch|cancell?ation|to\s+cancel))\b`,
  },
  {
    id: 'refusal.refused-exam',
    category: 'EXCLUSION',
    exclusion: 'PATIENT_REFUSAL',
    source: String.raw`(?<!(?:radiolog\w*|rad|rads|md|dr|provider|physician|doctor|attending|surgeon|surgery|team|insurance|insurer|payer|payor|authori[sz]ation|auth|request)\s)\b(?:refused|declined|refuses|declines|refusal\s+of)\s+(?:(?:the|a|an|any|further|iv|all|his|her)\s+)?(?:${CT_TERM}|${MR_TERM}|${US_TERM}|cts|scan|scans|imaging|exam|examination|study|procedure|contrast|test|radiation|injection|iv|xray|x\s+ray|investigation)\b`,
  },
  {
    id: 'refusal.refused-by-patient',
    category: 'EXCLUSION',
    exclusion: 'PATIENT_REFUSAL',
    source: String.raw`\b(?:refused|declined|refusal|cancell?ed|changed|rejected)\s+(?:by|per)\s+(?:the\s+)?${PATIENT_SIDE}\b`,
  },
  {
    id: 'refusal.patient-refusal',
    category: 'EXCLUSION',
    exclusion: 'PATIENT_REFUSAL',
    source: String.raw`(?:^(?:refused|declined|refusal|refuses|declines)\b|\b(?:patient|pt|parental|family)\s+(?:refusal|declined|preference|choice|request|wish|wishes|decision))\b`,
  },
  {
    id: 'refusal.per-patient',
    category: 'EXCLUSION',
    exclusion: 'PATIENT_REFUSAL',
    source: String.raw`\b(?:(?:per|at|on)\s+(?:the\s+)?(?:patient|pt|pts|patients|parents?|parental|family)(?:\s+(?:own|s))?\s+(?:request|wish|wishes|preference|choice|decision|insistence)|per\s+(?:patient|pt)$|(?:her|his|their)\s+(?:own\s+)?(?:preference|choice|wish|wishes))\b`,
  },
  {
    id: 'refusal.consent',
    category: 'EXCLUSION',
    exclusion: 'PATIENT_REFUSAL',
    source: String.raw`\b(?:(?:does|did|will|would)\s+not\s+consent|(?:doesnt|didnt|wont)\s+consent|consent\s+(?:withdrawn|declined|refused|not\s+given)|withdrew\s+consent|unwilling\s+to\s+(?:have|undergo|proceed|consent)|against\s+(?:medical\s+)?advice|left\s+ama|\bama\b)\b`,
  },
  {
    id: 'refusal.claustrophobic',
    category: 'EXCLUSION',
    exclusion: 'PATIENT_REFUSAL',
    source: String.raw`\b(?:claustrophobi\w*\s*[,;:-]?\s*(?:\w+\s+){0,3}?(?:refus\w*|declined|declines|unable|could\s+not|couldnt|cannot|cant|unwilling|wont|will\s+not|did\s+not\s+tolerate|not\s+tolerate|intoleran\w*)|(?:refus\w*|declined|declines|unable\s+to\s+tolerate|could\s+not\s+tolerate|couldnt\s+tolerate|did\s+not\s+tolerate)\s+(?:\w+\s+){0,3}?(?:due\s+to\s+|because\s+of\s+|secondary\s+to\s+|from\s+)?claustrophobi\w*)`,
  },
];

// ---------------------------------------------------------------------------------------------
// Exclusion negations
// ---------------------------------------------------------------------------------------------

export const EXCLUSION_NEGATION_PATTERNS: readonly ExclusionNegationPattern[] = [
  {
    id: 'exclusion-negation.pre',
    category: 'EXCLUSION_NEGATION',
    source: String.raw`\b(?:no|not|non|nor|denies|denied|deny|without|w/o|never|nil|negative\s+for|neg\s+for|absence\s+of|absent|free\s+of|r/o|rule\s+out|ruled\s+out|to\s+exclude|no\s+known|no\s+hx\s+of|no\s+history\s+of|no\s+h/o|no\s+evidence\s+of|no\s+signs?\s+of|not\s+currently|no\s+longer|unlikely|nka|nkda|nkfa)\b`,
    rule: { position: 'before', maxGapWords: 2, scope: 'phrase' },
  },
  {
    id: 'exclusion-negation.conditional',
    category: 'EXCLUSION_NEGATION',
    source: String.raw`\b(?:if|whether|unless|in\s+case|should\s+the\s+patient)\b`,
    rule: { position: 'before', maxGapWords: 2, scope: 'phrase' },
  },
  {
    id: 'exclusion-negation.answer-no',
    category: 'EXCLUSION_NEGATION',
    source: String.raw`(?:[:=?-]\s*|\b)(?:no|none|nil|neg|negative|denied|denies|n)(?=\s*(?:$|[,;.!?\n]))`,
    rule: { position: 'after', maxGapWords: 0, scope: 'phrase' },
    appliesTo: ['PREGNANCY', 'CONTRAST_ALLERGY', 'RENAL_IMPAIRMENT'],
  },
  {
    id: 'exclusion-negation.resolved',
    category: 'EXCLUSION_NEGATION',
    source: String.raw`(?:[:=-]\s*|\b)(?:(?:has|have|had|is|was)\s+)?(?:resolved|recovered|excluded|ruled\s+out|negative|not\s+(?:present|confirmed|known|applicable)|unlikely)\b`,
    rule: { position: 'after', maxGapWords: 1, scope: 'phrase' },
    appliesTo: ['PREGNANCY', 'CONTRAST_ALLERGY', 'RENAL_IMPAIRMENT'],
  },
  {
    id: 'exclusion-negation.renal-recovered',
    category: 'EXCLUSION_NEGATION',
    source: String.raw`\b(?:now\s+)?(?:(?:has|have|had|is|was)\s+)?(?:resolved|recovered|resolving)\b`,
    rule: { position: 'after', maxGapWords: 4, scope: 'clause' },
    appliesTo: ['RENAL_IMPAIRMENT'],
  },
];

// ---------------------------------------------------------------------------------------------
// Recognised non-dose reasons (operational and logistic: they stop the PROBABLE level)
// ---------------------------------------------------------------------------------------------

export const NON_DOSE_REASON_PATTERNS: readonly NonDoseReasonPattern[] = [
  {
    id: 'non-dose.equipment-down',
    category: 'NON_DOSE_REASON',
    source: String.raw`\b(?:scanner|scanners|ct|cat\s+scanner|mri|mr|magnet|machine|equipment|unit|system|pacs|ris|injector|coil|gantry|tube|network|computer|ultrasound|us\s+machine)\s+(?:\w+\s+)?(?:(?:is|was|went|are|currently|has\s+been|being)\s+)*(?:down|broken|broke|unavailable|not\s+available|not\s+working|out\s+of\s+(?:service|order|action|commission)|offline|off\s+line|failed|failure|fault|faulty|malfunction\w*|inoperable|under\s+(?:maintenance|repair|service)|serviced|repaired|fixed|busy|occupied|fully\s+booked|overbooked)\b`,
  },
  {
    id: 'non-dose.downtime',
    category: 'NON_DOSE_REASON',
    source: String.raw`\b(?:downtime|down\s+time|maintenance|repairs?|servicing|outage|power\s+(?:cut|failure|outage)|system\s+(?:failure|outage|down|issue)|(?:equipment|technical|machine|scanner)\s+(?:failure|fault|malfunction|issue|problem|difficult\w*)s?|malfunction\w*|out\s+of\s+(?:service|order))\b`,
  },
  {
    id: 'non-dose.unavailable',
    category: 'NON_DOSE_REASON',
    source: String.raw`\b(?:unavailable|not\s+available|no\s+availability|availability|no\s+capacity|at\s+capacity|over\s+capacity|capacity\s+(?:issue|problem)s?)\b`,
  },
  {
    id: 'non-dose.scheduling',
    category: 'NON_DOSE_REASON',
    source: String.raw`\b(?:schedul\w*|reschedul\w*|no\s+(?:\w+\s+)?(?:slots?|appointments?|appts?|openings?|availability)|no\s+(?:space|room)|slots?\s+(?:unavailable|full|not\s+available)|(?:fully|over)\s*booked|booking\s+(?:issue|problem|conflict)s?|backlog\w*|wait\s*(?:ing)?\s*(?:list|time|times)|waitlist\w*|long\s+waits?|wait\s+too\s+long|delays?\s+(?:in|for|to|of)\s+(?:scan\w*|ct|mri|imaging|appointment|booking|the\s+scan)|(?:earlier|sooner|quicker|faster)\s+(?:slot|appointment|appt|availability|access|results?)|expedit\w*|after\s+hours|out\s+of\s+hours)\b`,
  },
  {
    id: 'non-dose.transport',
    category: 'NON_DOSE_REASON',
    source: String.raw`\b(?:no\s+)?(?:transport\w*|porter\w*|ambulance)(?:\s+(?:(?:is|was)\s+)?(?:unavailable|not\s+available|issues?|problems?|delays?|delayed))?\b`,
  },
  {
    id: 'non-dose.staffing',
    category: 'NON_DOSE_REASON',
    source: String.raw`\b(?:staff\w*|short\s+staffed|understaffed|under\s+staffed|no\s+(?:tech\w*|technologists?|radiographers?|sonographers?|radiologists?|anaesthe\w*|anesthe\w*|sedation\s+team)|(?:tech\w*|technologists?|radiographers?|sonographers?|radiologists?|anaesthe\w*|anesthe\w*)\s+(?:unavailable|not\s+available|off|absent|sick|on\s+leave)|industrial\s+action|sick\s+leave)\b`,
  },
  {
    id: 'non-dose.administrative',
    category: 'NON_DOSE_REASON',
    source: String.raw`\b(?:insurance|insurer|payer|payor|prior\s+auth\w*|pre\s*auth\w*|authori[sz]ation\s+(?:denied|declined|pending|required|not\s+obtained)|not\s+covered|coverage\s+denied|billing)\b`,
  },
  {
    id: 'non-dose.order-error',
    category: 'NON_DOSE_REASON',
    source: String.raw`\b(?:(?:entered|ordered|placed)\s+in\s+error|erroneous\w*|wrong\s+(?:patient|order|exam|procedure|modality|study|side|protocol|body\s+part|site)|duplicate\s+(?:order|request|entry)|order(?:ed)?\s+(?:error|mistake)|incorrect\s+(?:order|exam|procedure|modality|study|protocol)|ordered\s+by\s+mistake|mistake|typo)\b`,
  },
  {
    id: 'non-dose.patient-logistics',
    category: 'NON_DOSE_REASON',
    source: String.raw`\b(?:discharged|transferred|left\s+(?:the\s+)?(?:department|dept|hospital|ed|before)|lwbs|eloped|expired|deceased|died|passed\s+away|no\s*show|did\s+not\s+attend|failed\s+to\s+attend|missed\s+(?:appointment|appt))\b`,
  },
  {
    id: 'non-dose.patient-cannot-be-scanned',
    category: 'NON_DOSE_REASON',
    source: String.raw`\b(?:weight\s+limit|(?:exceeds?|over|above)\s+(?:the\s+)?(?:table\s+|scanner\s+)?(?:weight\s+)?(?:limit|capacity)|too\s+large\s+for|bore\s+size|unable\s+to\s+lie\s+(?:flat|still|supine)|(?:cannot|cant)\s+lie\s+(?:flat|still)|unable\s+to\s+(?:cooperate|hold\s+still|fit)|claustrophobi\w*|pacemaker|mri\s+(?:unsafe|incompatible|contraindicated)|contraindicat\w*\s+(?:to|for)\s+mri?|no\s+iv\s+access|unable\s+to\s+obtain\s+(?:iv|access)|too\s+unstable|(?:hemodynamically|haemodynamically|clinically)\s+unstable)\b`,
  },
  {
    id: 'non-dose.clinical-change',
    category: 'NON_DOSE_REASON',
    source: String.raw`\b(?:symptoms?\s+(?:have\s+)?(?:resolved|improved)|clinically\s+improved|improved\s+clinically|no\s+longer\s+(?:indicated|needed|required|necessary)|(?:taken|went|going)\s+to\s+(?:the\s+)?(?:or|theatre|theater|surgery)|surgery\s+(?:instead|first))\b`,
  },
  ...phraseList('NON_DOSE_REASON', 'non-dose', [
    'not fasted',
    'not fasting',
    'no escort',
    'interpreter unavailable',
    'sedation unavailable',
    'no sedation available',
    'department closed',
    'holiday closure',
  ]),
];

// ---------------------------------------------------------------------------------------------
// Contentless reasons (whole text)
// ---------------------------------------------------------------------------------------------

const CLINICIAN = String.raw`(?:provider|providers|md|dr|doctor|physician|clinician|prescriber|team|attending|consultant|resident|registrar|surgeon|ordering\s+(?:provider|md|physician|clinician|doctor)|referrer|referring\s+(?:provider|md|physician|clinician|doctor))`;

/** One name after a title: "per Dr Smith". */
const CLINICIAN_NAME = String.raw`(?<=(?:dr|doctor|md)\s+)[a-z]+`;

export const CONTENTLESS_PATTERNS: readonly ContentlessPattern[] = [
  {
    id: 'contentless.blank',
    category: 'CONTENTLESS',
    source: String.raw`(?:|n/?a|none|nil|other|others|misc|miscellaneous|unknown|unk|null|x+|ok|okay|yes|no|tbd|see\s+(?:(?:clinical|my|previous|prior|progress|admission|ed|the)\s+)?(?:notes?|comments?|chart|order|above|below|emr|epic|record)|as\s+discussed|discussed|per\s+discussion|by\s+request|requested|on\s+request|reason\s+not\s+(?:given|stated|specified)|no\s+reason(?:\s+given)?|not\s+specified|unspecified)`,
  },
  {
    id: 'contentless.order-changed',
    category: 'CONTENTLESS',
    source: String.raw`(?:(?:order|orders|exam|modality|procedure|study|request)\s+)?(?:changed|modified|updated|amended|cancell?ed|discontinued|change|update|edit|edited|revised)(?:\s+(?:order|request|exam))?(?:\s+(?:per|by)\s+(?:${CLINICIAN}|request))?(?:\s+${CLINICIAN_NAME})?`,
  },
  {
    id: 'contentless.per-clinician',
    category: 'CONTENTLESS',
    source: String.raw`(?:changed\s+|as\s+)?per\s+${CLINICIAN}(?:\s+${CLINICIAN_NAME})?`,
  },
  {
    id: 'contentless.clinician-request',
    category: 'CONTENTLESS',
    source: String.raw`(?:${CLINICIAN}|clinical|physician|medical)\s+(?:request|requested|decision|choice|discretion|preference|order|judgement|judgment)`,
  },
];

/** Every pattern of the lexicon, in one list (ids are unique across it). */
export const LEXICON: readonly LexiconPattern[] = [
  ...DOSE_RATIONALE_PATTERNS,
  ...DOSE_NEGATION_PATTERNS,
  ...DOSE_CONTEXT_PATTERNS,
  ...EXCLUSION_PATTERNS,
  ...EXCLUSION_NEGATION_PATTERNS,
  ...NON_DOSE_REASON_PATTERNS,
  ...CONTENTLESS_PATTERNS,
];
