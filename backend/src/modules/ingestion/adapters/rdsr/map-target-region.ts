import type { BodyRegion } from '../../import-format.js';
import type { CodedConcept } from './sr-content.js';

/**
 * Target Region codes (DICOM CID 4031 and the regions X-ray devices send) mapped to the body
 * regions of the import format. Codes are listed under SNOMED-RT (SRT) and SNOMED CT (SCT).
 * A code not listed here is matched on its Code Meaning, so a device's local or newer code
 * still lands in a region when its meaning is plain ("Chest", "Abdomen and Pelvis").
 */
const REGION_BY_CODE: Readonly<Record<string, BodyRegion>> = {
  // head
  'SRT:T-D1100': 'HEAD',
  'SCT:69536005': 'HEAD',
  'SRT:T-A0100': 'HEAD',
  'SCT:12738006': 'HEAD',
  'SRT:T-11100': 'HEAD',
  'SCT:89546000': 'HEAD',
  'SRT:T-D1000': 'HEAD',
  'SCT:774007': 'HEAD',
  // neck
  'SRT:T-D1600': 'NECK',
  'SCT:45048000': 'NECK',
  // chest
  'SRT:T-D3000': 'CHEST',
  'SCT:51185008': 'CHEST',
  'SCT:43799004': 'CHEST',
  'SRT:T-28000': 'CHEST',
  'SCT:39607008': 'CHEST',
  // heart
  'SRT:T-32000': 'CARDIAC',
  'SCT:80891009': 'CARDIAC',
  'SRT:T-43000': 'CARDIAC',
  'SCT:41801008': 'CARDIAC',
  // abdomen, pelvis
  'SRT:T-D4000': 'ABDOMEN',
  'SCT:113345001': 'ABDOMEN',
  'SRT:T-D6000': 'PELVIS',
  'SCT:12921003': 'PELVIS',
  'SCT:818981001': 'ABDOMEN_PELVIS',
  'SRT:R-FAB56': 'CHEST_ABDOMEN_PELVIS',
  'SCT:416775004': 'CHEST_ABDOMEN_PELVIS',
  // spine
  'SRT:T-11500': 'SPINE',
  'SCT:421060004': 'SPINE',
  'SRT:T-11501': 'SPINE',
  'SCT:122494005': 'SPINE',
  'SRT:T-11502': 'SPINE',
  'SCT:122495006': 'SPINE',
  'SRT:T-11503': 'SPINE',
  'SCT:122496007': 'SPINE',
  // breast
  'SRT:T-04000': 'BREAST',
  'SCT:76752008': 'BREAST',
  // whole body
  'SRT:T-D0010': 'WHOLE_BODY',
  'SCT:38266002': 'WHOLE_BODY',
  // extremities
  'SRT:T-D8800': 'EXTREMITY',
  'SCT:7569003': 'EXTREMITY',
  'SRT:T-D8700': 'EXTREMITY',
  'SCT:85562004': 'EXTREMITY',
  'SRT:T-D8000': 'EXTREMITY',
  'SCT:53120007': 'EXTREMITY',
  'SRT:T-D9000': 'EXTREMITY',
  'SCT:61685007': 'EXTREMITY',
  'SRT:T-D9200': 'EXTREMITY',
  'SCT:72696002': 'EXTREMITY',
  'SRT:T-D9700': 'EXTREMITY',
  'SCT:56459004': 'EXTREMITY',
  'SRT:T-15460': 'EXTREMITY',
  'SCT:74670003': 'EXTREMITY',
};

/** Meaning keywords, most specific first (combined regions before their parts). */
const REGION_BY_MEANING: ReadonlyArray<readonly [RegExp, BodyRegion]> = [
  [/chest.*abdomen.*pelvis|thorax.*abdomen.*pelvis/, 'CHEST_ABDOMEN_PELVIS'],
  [/abdomen.*pelvis/, 'ABDOMEN_PELVIS'],
  [/entire body|whole body/, 'WHOLE_BODY'],
  [/spine|vertebr/, 'SPINE'],
  [/heart|cardiac|coronary/, 'CARDIAC'],
  [/breast/, 'BREAST'],
  [/head|brain|skull|sinus|face|orbit/, 'HEAD'],
  [/neck|thyroid/, 'NECK'],
  [/chest|thorax|lung/, 'CHEST'],
  [/abdomen|liver|kidney/, 'ABDOMEN'],
  [/pelvis/, 'PELVIS'],
  [
    /finger|hand|wrist|\barms?\b|elbow|shoulder|\blegs?\b|knee|ankle|foot|\btoes?\b|limb|extremit/,
    'EXTREMITY',
  ],
];

/** The body region of a Target Region code, or null when it names none we know. */
export const mapTargetRegion = (targetRegion: CodedConcept | null): BodyRegion | null => {
  if (targetRegion === null) return null;
  const key = `${targetRegion.codingSchemeDesignator.toUpperCase()}:${targetRegion.codeValue}`;
  const byCode = REGION_BY_CODE[key];
  if (byCode) return byCode;
  const meaning = targetRegion.codeMeaning?.toLowerCase() ?? '';
  return REGION_BY_MEANING.find(([pattern]) => pattern.test(meaning))?.[1] ?? null;
};
