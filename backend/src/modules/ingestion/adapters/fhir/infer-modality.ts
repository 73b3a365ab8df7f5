import { MODALITIES, type Modality } from '../../import-format.js';
import {
  DICOM_MODALITY_SYSTEM,
  LOINC_SYSTEM,
  readCodings,
  readObject,
  readString,
} from './fhir-elements.js';
import type * as fhir4 from './fhir-r4.types.js';
import { LOINC_MODALITY } from './loinc-modality.data.js';

const MODALITY_SET: ReadonlySet<string> = new Set(MODALITIES);

/** A Coding naming one of our modalities in the DICOM modality system (or with no system). */
export function modalityOfCoding(coding: fhir4.Coding | null): Modality | null {
  if (coding === null || coding.code === undefined) return null;
  if (coding.system !== undefined && coding.system !== DICOM_MODALITY_SYSTEM) return null;
  const code = coding.code.toUpperCase();
  return MODALITY_SET.has(code) ? (code as Modality) : null;
}

/**
 * Words naming a modality, tried in this order so that "PET/CT" is PET and "CT angiography"
 * is CT. Abbreviations must be upper case; words may be any case.
 */
const MODALITY_WORDS: readonly (readonly [Modality, readonly RegExp[]])[] = [
  ['PT', [/\bPET\b/, /positron emission/i]],
  ['CT', [/\bCTA?\b/, /computed tomograph|\bCAT scan/i]],
  ['MR', [/\bMR[AI]?\b/, /magnetic resonance/i]],
  ['MG', [/\bMG\b/, /mammogra/i]],
  ['NM', [/\bNM\b|\bSPECT\b/, /nuclear medicine|scintigra|bone scan/i]],
  ['US', [/\bUS\b/, /ultrasound|ultrasonograph|sonograph|echograph|doppler/i]],
  ['RF', [/\bRF\b/, /fluoroscop/i]],
  ['XA', [/\bXA\b/, /angiogra/i]],
  ['DX', [/\bXR\b|\bDX\b|\bCR\b/, /x-?ray|radiograph/i]],
];

/** The last resort: a modality named in free text ("CT head", "MRI brain", "ultrasound"). */
export function inferModalityFromText(text: string | null): Modality | null {
  if (text === null) return null;
  for (const [modality, patterns] of MODALITY_WORDS) {
    if (patterns.some((pattern) => pattern.test(text))) return modality;
  }
  return null;
}

export type ModalitySource = 'dicom' | 'loinc' | 'text';

/**
 * The modality a CodeableConcept (ServiceRequest.code) asks for: a DICOM modality coding,
 * else a LOINC imaging code of `LOINC_MODALITY`, else words in `text` or a coding's display.
 */
export function inferModalityOfConcept(
  concept: unknown,
): { modality: Modality; source: ModalitySource } | null {
  const codings = readCodings(concept);
  for (const coding of codings) {
    if (coding.system !== DICOM_MODALITY_SYSTEM) continue;
    const modality = modalityOfCoding(coding);
    if (modality !== null) return { modality, source: 'dicom' };
  }
  for (const coding of codings) {
    if (coding.system !== LOINC_SYSTEM || coding.code === undefined) continue;
    const modality = LOINC_MODALITY[coding.code];
    if (modality !== undefined) return { modality, source: 'loinc' };
  }
  const texts = [readString(readObject(concept)?.text), ...codings.map((c) => c.display ?? null)];
  for (const text of texts) {
    const modality = inferModalityFromText(text);
    if (modality !== null) return { modality, source: 'text' };
  }
  return null;
}
