/** Small FHIR R4 resources for import specs: an imaging order, a study, NDJSON of them. */

/** The DICOM vocabulary's system URI (modality codes). */
export const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

/** A CT chest ServiceRequest of `subject`, authored 2024-03-01 10:00 UTC unless `extra` says. */
export const serviceRequest = (id: string, subject: string, extra: object = {}): object => ({
  resourceType: 'ServiceRequest',
  id,
  status: 'active',
  intent: 'order',
  code: { coding: [{ system: DCM, code: 'CT' }], text: 'CT chest' },
  subject: { reference: `Patient/${subject}` },
  authoredOn: '2024-03-01T10:00:00Z',
  ...extra,
});

/** A CT ImagingStudy with its accession, based on `order`, started 2024-03-02 10:00 UTC unless `extra` says. */
export const imagingStudy = (
  accession: string,
  subject: string,
  order: string,
  extra: object = {},
): object => ({
  resourceType: 'ImagingStudy',
  id: accession,
  identifier: [
    {
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] },
      value: accession,
    },
  ],
  status: 'available',
  modality: [{ system: DCM, code: 'CT' }],
  subject: { reference: `Patient/${subject}` },
  started: '2024-03-02T10:00:00Z',
  basedOn: [{ reference: `ServiceRequest/${order}` }],
  ...extra,
});

/** One resource (or a raw line) per line. */
export const ndjson = (...lines: (object | string)[]): string =>
  `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`;
