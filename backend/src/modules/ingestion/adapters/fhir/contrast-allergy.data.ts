/**
 * What makes an AllergyIntolerance an allergy to (iodinated) contrast media: a coded concept
 * below, or text naming contrast or an iodinated agent. "Iodine" alone is not enough: an
 * iodine or shellfish allergy is not a contrast allergy.
 */
export const CONTRAST_ALLERGY_CODES: ReadonlySet<string> = new Set([
  '293637006', // SNOMED CT: Allergy to contrast media (DICOM CID 1200)
]);

export const CONTRAST_ALLERGY_TEXT =
  /contrast|iodinated|iohexol|iodixanol|iopamidol|iopromide|ioversol|iomeprol|omnipaque|visipaque|isovue|ultravist|optiray/i;
