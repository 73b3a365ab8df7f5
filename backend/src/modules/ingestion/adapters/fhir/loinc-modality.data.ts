import type { Modality } from '../../import-format.js';

/**
 * LOINC imaging codes (radiology procedure / report titles) to the DICOM modality the order
 * asks for. Only the modality matters here, so a code for "CT Chest W contrast IV" and one for
 * "CT Chest" both map to CT. Sources: DICOM PS3.16 CID 7000 (Diagnostic Imaging Report
 * Document Title, marked *), the HL7 examples (24627-2 Chest CT), the US Core and eCQM value
 * sets. Extend as sites send other codes; an unmapped code falls through to the DICOM
 * modality coding, then to the words of `code.text` (see `infer-modality.ts`).
 */
export const LOINC_MODALITY: Readonly<Record<string, Modality>> = {
  // CT
  '25045-6': 'CT', // * CT report (unspecified region)
  '24725-4': 'CT', // * CT Head
  '24627-2': 'CT', // * CT Chest
  '41806-1': 'CT', // * CT Abdomen
  '30799-1': 'CT', // CT Head WO contrast
  '24727-0': 'CT', // CT Head W contrast IV
  '29252-4': 'CT', // CT Chest WO contrast
  '46305-9': 'CT', // CT Whole body
  // MR
  '25056-3': 'MR', // * MRI report (unspecified region)
  '24590-2': 'MR', // * MRI Head
  '18756-7': 'MR', // * MRI Spine
  '30657-1': 'MR', // MR Brain WO contrast
  '24589-4': 'MR', // MR Brain W contrast IV
  '24587-8': 'MR', // MR Brain WO and W contrast IV
  '30794-2': 'MR', // MR Breast
  // US
  '25061-3': 'US', // * Ultrasound report
  '11525-3': 'US', // * US Obstetric and Gyn
  '42148-7': 'US', // * Echocardiography
  '24531-6': 'US', // US Retroperitoneum
  '24857-5': 'US', // US Thyroid
  '46298-6': 'US', // US Breast
  // Radiography
  '43468-8': 'DX', // * X-ray report
  '30746-2': 'DX', // Portable XR Chest Views
  '36643-5': 'DX', // XR Chest 2 Views
  '24722-1': 'DX', // XR Hand 3 Views
  '37616-0': 'DX', // XR Pelvis single view
  // Mammography
  '24606-6': 'MG', // * MG Breast Screening
  '24604-1': 'MG', // MG Breast Diagnostic
  // Nuclear medicine, PET, fluoroscopy, angiography
  '49118-3': 'NM', // * Nuclear medicine report
  '30695-1': 'NM', // * NM Thyroid scan
  '44136-0': 'PT', // * PET scan report
  '49512-7': 'RF', // * Fluoroscopy study
  '18745-0': 'XA', // * Cardiac catheterization
  '47048-4': 'XA', // * Diagnostic interventional radiology
};
