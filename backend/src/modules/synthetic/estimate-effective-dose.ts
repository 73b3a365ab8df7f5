/**
 * The generator's own effective-dose estimate of an exam, following the ladder of DESIGN.md
 * section 2 (recorded, then DLP x k with the AAPM Report 96 set, then the typical dose, else
 * unknown). It tells the generator what dose history a clinician would have seen, so that it can
 * place steering in HIGH-band patients, and it gives the CED >= 100 mSv share of the summary.
 */
import { NON_IONIZING_MODALITIES } from '../vocabulary/vocabulary.js';
import type { BodyRegion, Modality } from '../vocabulary/vocabulary.js';
import type { ReferenceTables } from './reference-tables.js';

export interface DosedExam {
  readonly modality: Modality;
  readonly bodyRegion: BodyRegion | null;
  readonly dlpMgyCm: number | null;
  readonly effectiveDoseMsv: number | null;
}

const K_REGION_OF: Partial<Record<BodyRegion, string>> = {
  HEAD: 'HEAD',
  NECK: 'NECK',
  CHEST: 'CHEST',
  CARDIAC: 'CHEST',
  BREAST: 'CHEST',
  ABDOMEN: 'ABDOMEN_PELVIS',
  PELVIS: 'ABDOMEN_PELVIS',
  SPINE: 'ABDOMEN_PELVIS',
  ABDOMEN_PELVIS: 'ABDOMEN_PELVIS',
  CHEST_ABDOMEN_PELVIS: 'CHEST_ABDOMEN_PELVIS',
  WHOLE_BODY: 'CHEST_ABDOMEN_PELVIS',
};

/** k for a region and age: the last age band at or below the patient's age. */
export const findKFactor = (
  tables: ReferenceTables,
  bodyRegion: BodyRegion,
  ageYears: number,
): number | null => {
  const kRegion = K_REGION_OF[bodyRegion];
  if (!kRegion) return null;
  let found: number | null = null;
  for (const row of tables.kFactors) {
    if (row.region === kRegion && row.ageYears <= ageYears) found = row.kMsvPerMgyCm;
  }
  return found;
};

/** Effective dose in mSv, 0 for US/MR, null when unknown. */
export const estimateEffectiveDoseMsv = (
  exam: DosedExam,
  ageYears: number,
  tables: ReferenceTables,
): number | null => {
  if ((NON_IONIZING_MODALITIES as readonly string[]).includes(exam.modality)) return 0;
  if (exam.effectiveDoseMsv !== null) return exam.effectiveDoseMsv;
  if (exam.modality === 'CT' && exam.dlpMgyCm !== null && exam.bodyRegion !== null) {
    const k = findKFactor(tables, exam.bodyRegion, ageYears);
    if (k !== null) return exam.dlpMgyCm * k;
  }
  if (exam.bodyRegion === null) return null;
  return tables.typicalDoseMsv.get(`${exam.modality}|${exam.bodyRegion}`) ?? null;
};
