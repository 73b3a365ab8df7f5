import type { BodyRegion } from '../../import-format.js';

/** SNOMED CT body structures (ImagingStudy.series.bodySite) to our body regions. */
export const SNOMED_BODY_REGION: Readonly<Record<string, BodyRegion>> = {
  '69536005': 'HEAD', // Head structure
  '12738006': 'HEAD', // Brain structure
  '45048000': 'NECK', // Neck structure
  '51185008': 'CHEST', // Thoracic structure
  '302551006': 'CHEST', // Entire thorax
  '67734004': 'CHEST', // Upper trunk structure (the HL7 ImagingStudy example)
  '39607008': 'CHEST', // Lung structure
  '818983003': 'ABDOMEN', // Abdomen structure
  '113345001': 'ABDOMEN', // Abdominal structure
  '10200004': 'ABDOMEN', // Liver structure
  '64033007': 'ABDOMEN', // Kidney structure
  '12921003': 'PELVIS', // Pelvis structure
  '421060004': 'SPINE', // Structure of vertebral column
  '80891009': 'CARDIAC', // Heart structure
  '76752008': 'BREAST', // Breast structure
  '38266002': 'WHOLE_BODY', // Entire body as a whole
  '66019005': 'EXTREMITY', // Limb structure
  '53120007': 'EXTREMITY', // Upper limb structure
  '61685007': 'EXTREMITY', // Lower limb structure
  '8205005': 'EXTREMITY', // Wrist region structure
  '74670003': 'EXTREMITY', // Wrist joint structure
  '85562004': 'EXTREMITY', // Hand structure
  '72696002': 'EXTREMITY', // Knee region structure
  '29836001': 'EXTREMITY', // Hip region structure
  '16982005': 'EXTREMITY', // Shoulder region structure
  '56459004': 'EXTREMITY', // Foot structure
  'T-15460': 'EXTREMITY', // Wrist joint, legacy SNOMED RT code in the HL7 XR example
};

export const SNOMED_SYSTEM = 'http://snomed.info/sct';

/**
 * Our own code system for the regions SNOMED CT has no single structure for (and accepted for
 * every region on input): the code is the region itself.
 */
export const BODY_REGION_SYSTEM = 'urn:clinical-grounds:fhir:body-region';

/** The coding the FHIR writer gives each region: SNOMED where one structure fits. */
export const BODY_REGION_SNOMED: Readonly<Partial<Record<BodyRegion, string>>> = {
  HEAD: '69536005',
  NECK: '45048000',
  CHEST: '51185008',
  ABDOMEN: '818983003',
  PELVIS: '12921003',
  SPINE: '421060004',
  EXTREMITY: '66019005',
  CARDIAC: '80891009',
  BREAST: '76752008',
  WHOLE_BODY: '38266002',
};
