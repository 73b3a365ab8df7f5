import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../../config/paths.js';
import { mapFhirPath } from './map-fhir-path.js';
import type { FhirMapperOutput } from './map-fhir.js';

/**
 * The HL7 FHIR R4 specification examples and the Radiation Dose Summary IG bundle, read from
 * ../shared/conformance/fhir, or $CONFORMANCE_DIR/fhir (never copied into this repository: the
 * workspace's conformance README forbids it). They are not a consistent hospital: each must
 * either map or be rejected with a clear reason, and the run must finish. Without the folder the
 * suite is reported as skipped, with the reason in its name, rather than as a passing test.
 */
const CONFORMANCE_DIR = path.resolve(
  process.env.CONFORMANCE_DIR ?? path.resolve(REPO_ROOT, '../shared/conformance'),
  'fhir',
);
const present = existsSync(CONFORMANCE_DIR);

// skipped only where the conformance files (outside the repository) are absent; the suite's
// name then says so
(present ? describe : describe.skip)(
  present
    ? 'FHIR specification examples'
    : `FHIR specification examples (skipped: ${CONFORMANCE_DIR} is absent; set CONFORMANCE_DIR)`,
  () => {
    let outputs: FhirMapperOutput[];
    beforeAll(async () => {
      outputs = [];
      for await (const output of mapFhirPath(CONFORMANCE_DIR)) outputs.push(output);
    });

    it('imports the CT ImagingStudy (Study UID as accession, series modality and body site)', () => {
      const exams = outputs.filter(
        (output) => output.kind === 'record' && output.entity === 'exams',
      );
      expect(exams).toEqual([
        {
          kind: 'record',
          entity: 'exams',
          file: 'imagingstudy-example.json',
          recordNumber: 1,
          record: {
            accession: '2.16.124.113543.6003.1154777499.30246.19789.3503430045',
            patient_id: 'dicom',
            order_id: null,
            performed_at: '2011-01-01T11:01:20+03:00',
            modality: 'CT',
            procedure: null,
            body_region: 'CHEST',
            ctdivol_mgy: null,
            dlp_mgycm: null,
            effective_dose_msv: null,
          },
        },
      ]);
    });

    it('imports the dose bundle patient under its urn:uuid', () => {
      const patients = outputs.filter(
        (output) => output.kind === 'record' && output.entity === 'patients',
      );
      expect(patients).toEqual([
        {
          kind: 'record',
          entity: 'patients',
          file: 'radiation-dose-summary-bundle-sample.json',
          recordNumber: 2,
          record: {
            patient_id: '9dbc81e1-99c1-4b9c-8a5b-1d37ee18312f',
            birth_date: '1990-03-18',
            sex: 'F',
          },
        },
      ]);
    });

    it('rejects what it cannot place, with file, record, element and reason', () => {
      const rejections = outputs
        .filter((output) => output.kind === 'rejection')
        .map((output) =>
          output.kind === 'rejection'
            ? [output.file, output.recordNumber, output.field, output.reason]
            : [],
        );
      expect(rejections).toEqual([
        [
          'imagingstudy-example-xr.json',
          1,
          'ImagingStudy.subject',
          'subjects disagree: the ImagingStudy names another patient than the ServiceRequest it is based on',
        ],
        [
          'radiation-dose-summary-bundle-sample.json',
          5,
          'ImagingStudy.modality',
          'no modality (in ImagingStudy.modality or series)',
        ],
        [
          'servicerequest-example-di.json',
          1,
          'ServiceRequest.authoredOn',
          'no order time (occurrence is when the exam is to be done, not when it was ordered)',
        ],
        ['servicerequest-example.json', 1, 'ServiceRequest.authoredOn', 'no order time'],
      ]);
    });

    it('notes the resources it does not use', () => {
      const notes = outputs.flatMap((output) => (output.kind === 'note' ? [output.note] : []));
      expect(notes).toEqual([
        '1 Observations with codes other than eGFR or pregnancy status: ignored (first at radiation-dose-summary-bundle-sample.json:1)',
        '1 Practitioner resources: not used by the mapping; ignored (first at radiation-dose-summary-bundle-sample.json:3)',
        '1 Device resources: not used by the mapping; ignored (first at radiation-dose-summary-bundle-sample.json:4)',
      ]);
    });
  },
);
