import type { ConceptCode } from './sr-content.js';

/**
 * The SR concepts the dose-report adapter reads (DICOM PS3.16: TID 10001 Projection X-Ray
 * Radiation Dose, TID 10011 CT Radiation Dose and their sub-templates). SNOMED concepts are
 * listed under both their legacy SNOMED-RT (SRT) and current SNOMED CT (SCT) codes, because
 * devices in the field send either.
 */

const dcm = (codeValue: string): ConceptCode => ({ codeValue, codingSchemeDesignator: 'DCM' });
const srt = (codeValue: string): ConceptCode => ({ codeValue, codingSchemeDesignator: 'SRT' });
const sct = (codeValue: string): ConceptCode => ({ codeValue, codingSchemeDesignator: 'SCT' });

export const DOSE_CONCEPTS = {
  /** Root concept of every radiation dose SR. */
  xRayRadiationDoseReport: dcm('113701'),
  procedureReported: dcm('121058'),
  targetRegion: dcm('123014'),
  acquisitionProtocol: dcm('125203'),
  irradiationEventUid: dcm('113769'),
  startOfXRayIrradiation: dcm('113809'),
  // CT (TID 10011-10013)
  ctAccumulatedDoseData: dcm('113811'),
  totalNumberOfIrradiationEvents: dcm('113812'),
  ctDoseLengthProductTotal: dcm('113813'),
  ctEffectiveDoseTotal: dcm('113814'),
  ctAcquisition: dcm('113819'),
  ctAcquisitionType: dcm('113820'),
  ctDose: dcm('113829'),
  meanCtdiVol: dcm('113830'),
  ctdiwPhantomType: dcm('113835'),
  dlp: dcm('113838'),
  effectiveDose: dcm('113839'),
  // Projection X-ray (TID 10001-10003)
  accumulatedXRayDoseData: dcm('113702'),
  doseAreaProductTotal: dcm('113722'),
  doseRpTotal: dcm('113725'),
  fluoroDoseAreaProductTotal: dcm('113726'),
  fluoroDoseRpTotal: dcm('113728'),
  totalFluoroTime: dcm('113730'),
  acquisitionDoseAreaProductTotal: dcm('113727'),
  acquisitionDoseRpTotal: dcm('113729'),
  totalAcquisitionTime: dcm('113855'),
  irradiationEventXRayData: dcm('113706'),
  irradiationEventType: dcm('113721'),
  acquisitionPlane: dcm('113764'),
  dateTimeStarted: dcm('111526'),
  doseAreaProduct: dcm('122130'),
  doseRp: dcm('113738'),
  irradiationDuration: dcm('113742'),
  exposureTime: dcm('113824'),
  // Mammography (TID 10005, 10003)
  accumulatedAverageGlandularDose: dcm('111637'),
  averageGlandularDose: dcm('111631'),
} as const;

/** Procedure reported (121058) values. */
export const CT_PROCEDURE_CODES: readonly ConceptCode[] = [srt('P5-08000'), sct('77477000')];
export const PROJECTION_PROCEDURE_CODES: readonly ConceptCode[] = [dcm('113704')];
export const MAMMOGRAPHY_PROCEDURE_CODES: readonly ConceptCode[] = [
  srt('P5-40010'),
  sct('71651007'),
];

/** Irradiation Event Type (113721) values that are fluoroscopy. */
export const FLUOROSCOPY_EVENT_CODES: readonly ConceptCode[] = [srt('P5-06000'), sct('44491008')];

/** Content Template Sequence identifiers (mapping resource DCMR). */
export const CT_TEMPLATE_ID = '10011';
export const PROJECTION_TEMPLATE_ID = '10001';
