import {
  FhirMapper,
  type FhirMapperOutput,
  type FhirRecordOutput,
  type FhirRejection,
} from './map-fhir.js';
import type { FhirReadItem } from './read-fhir.js';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const LOINC = 'http://loinc.org';
const ICD = 'http://hl7.org/fhir/sid/icd-10-cm';

let line = 0;
const item = (resource: unknown, extra: { fullUrl?: string } = {}): FhirReadItem => ({
  file: 'test.ndjson',
  record: ++line,
  resource,
  ...extra,
});

/** Runs the mapper the way `mapFhirPath` does: collect all, map all, finish. */
function mapTwoPass(items: FhirReadItem[]): FhirMapperOutput[] {
  const mapper = new FhirMapper();
  for (const entry of items) mapper.collect(entry);
  return [...items.flatMap((entry) => mapper.map(entry)), ...mapper.finish()];
}

function mapOnePass(items: FhirReadItem[]): FhirMapperOutput[] {
  const mapper = new FhirMapper();
  return [...items.flatMap((entry) => mapper.map(entry)), ...mapper.finish()];
}

const records = (outputs: FhirMapperOutput[], entity: string): Record<string, string | null>[] =>
  outputs
    .filter(
      (output): output is FhirRecordOutput => output.kind === 'record' && output.entity === entity,
    )
    .map((output) => output.record);
const rejections = (
  outputs: FhirMapperOutput[],
): Pick<FhirRejection, 'recordNumber' | 'field' | 'reason'>[] =>
  outputs
    .filter((output): output is FhirRejection => output.kind === 'rejection')
    .map(({ recordNumber, field, reason }) => ({ recordNumber, field, reason }));
const notes = (outputs: FhirMapperOutput[]): string[] =>
  outputs.flatMap((output) => (output.kind === 'note' ? [output.note] : []));

const serviceRequest = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  resourceType: 'ServiceRequest',
  id: 'o1',
  status: 'active',
  intent: 'order',
  code: { coding: [{ system: DCM, code: 'CT' }], text: 'CT head without contrast' },
  subject: { reference: 'Patient/p1' },
  encounter: { reference: 'Encounter/e1' },
  authoredOn: '2024-03-10T09:00:00Z',
  requester: { reference: 'Practitioner/dr7', display: 'Dr Ada Smith' },
  locationCode: [{ text: 'Emergency Medicine' }],
  reasonCode: [
    {
      coding: [
        { system: ICD, code: 'S06.0X0A' },
        { system: 'http://snomed.info/sct', code: '127295002' },
        { system: ICD, code: 'W19.XXXA' },
      ],
      text: 'fall, head injury',
    },
  ],
  note: [{ text: 'patient has had many CTs' }, { text: 'second note' }],
  ...overrides,
});

const egfrObservation = (
  value: number,
  at: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: LOINC, code: '62238-1' }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: at,
  valueQuantity: { value, unit: 'mL/min/1.73m2' },
  ...extra,
});

describe('FhirMapper', () => {
  beforeEach(() => {
    line = 0;
  });

  it('maps a Patient, gender to sex', () => {
    const outputs = mapTwoPass([
      item({ resourceType: 'Patient', id: 'p1', birthDate: '1950-02-03', gender: 'female' }),
      item({ resourceType: 'Patient', id: 'p2', birthDate: '2001-01-01', gender: 'unknown' }),
    ]);
    expect(records(outputs, 'patients')).toEqual([
      { patient_id: 'p1', birth_date: '1950-02-03', sex: 'F' },
      { patient_id: 'p2', birth_date: '2001-01-01', sex: 'U' },
    ]);
  });

  it('maps a ServiceRequest with facts that arrive after it, in both one and two passes', () => {
    const items = [
      item(serviceRequest()),
      item({ resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'EMER' } }),
      // eGFR: 41 before the order, 25 after it: 41 applies.
      item(egfrObservation(41, '2024-03-01T08:00:00Z')),
      item(egfrObservation(25, '2024-03-11T08:00:00Z')),
      item({
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: LOINC, code: '82810-3' }] },
        subject: { reference: 'Patient/p1' },
        effectiveDateTime: '2024-03-10T08:59:00Z',
        valueCodeableConcept: { coding: [{ system: LOINC, code: 'LA26683-5' }] },
      }),
      item({
        resourceType: 'AllergyIntolerance',
        code: { text: 'Iodinated contrast media' },
        patient: { reference: 'Patient/p1' },
        recordedDate: '2019-05-01',
      }),
    ];
    const expected = {
      order_id: 'o1',
      patient_id: 'p1',
      ordered_at: '2024-03-10T09:00:00Z',
      provider_id: 'dr7',
      provider_name: 'Dr Ada Smith',
      department: 'Emergency Medicine',
      setting: 'ED',
      indication_code: 'S06.0X0A;W19.XXXA',
      indication_text: 'fall, head injury',
      requested_modality: 'CT',
      requested_procedure: 'CT head without contrast',
      pregnancy_status: 'NOT_PREGNANT',
      contrast_allergy: 'true',
      egfr: '41',
      dose_alert_shown: null,
      comment: 'patient has had many CTs\nsecond note',
    };
    const twoPass = mapTwoPass(items);
    expect(records(twoPass, 'orders')).toEqual([expected]);
    expect(rejections(twoPass)).toEqual([]);
    line = 0;
    expect(records(mapOnePass(items), 'orders')).toEqual([expected]);
  });

  it('takes the modality from a LOINC imaging code, then from words of the text', () => {
    const outputs = mapTwoPass([
      item(serviceRequest({ id: 'a', code: { coding: [{ system: LOINC, code: '24627-2' }] } })),
      item(serviceRequest({ id: 'b', code: { coding: [{ system: LOINC, code: '30746-2' }] } })),
      item(serviceRequest({ id: 'c', code: { text: 'MRI lumbar spine' } })),
      item(
        serviceRequest({
          id: 'd',
          code: {
            coding: [{ system: 'http://snomed.info/sct', display: 'Ultrasound of abdomen' }],
          },
        }),
      ),
      item(serviceRequest({ id: 'e', code: { text: 'PET/CT whole body' } })),
    ]);
    expect(
      records(outputs, 'orders').map((order) => [order.order_id, order.requested_modality]),
    ).toEqual([
      ['a', 'CT'],
      ['b', 'DX'],
      ['c', 'MR'],
      ['d', 'US'],
      ['e', 'PT'],
    ]);
    expect(notes(outputs)).toEqual([
      '5 ServiceRequests whose Encounter never arrived: setting left empty (first at test.ndjson:1)',
    ]);
  });

  it('turns a replacing ServiceRequest into a MODALITY_CHANGE of the original, following chains', () => {
    const outputs = mapTwoPass([
      item(serviceRequest()),
      item(
        serviceRequest({
          id: 'o1-r1',
          replaces: [{ reference: 'ServiceRequest/o1' }],
          code: { coding: [{ system: DCM, code: 'MR' }], text: 'MRI brain' },
          authoredOn: '2024-03-10T10:30:00Z',
          requester: { display: 'Dr Bo' },
          extension: [
            {
              url: 'http://hl7.org/fhir/StructureDefinition/request-statusReason',
              valueCodeableConcept: { text: 'cumulative dose' },
            },
          ],
          note: [{ text: 'ignored: statusReason wins' }],
        }),
      ),
      item(
        serviceRequest({
          id: 'o1-r2',
          replaces: [{ reference: 'ServiceRequest/o1-r1' }],
          code: { coding: [{ system: DCM, code: 'US' }] },
          authoredOn: '2024-03-10T11:00:00Z',
          requester: { reference: 'Practitioner/dr9' },
          note: [{ text: 'scanner down' }],
        }),
      ),
    ]);
    expect(records(outputs, 'orders').map((order) => order.order_id)).toEqual(['o1']);
    expect(records(outputs, 'order_changes')).toEqual([
      {
        order_id: 'o1',
        changed_at: '2024-03-10T10:30:00Z',
        action: 'MODALITY_CHANGE',
        new_modality: 'MR',
        new_procedure: 'MRI brain',
        reason: 'cumulative dose',
        changed_by: 'Dr Bo',
      },
      {
        order_id: 'o1',
        changed_at: '2024-03-10T11:00:00Z',
        action: 'MODALITY_CHANGE',
        new_modality: 'US',
        new_procedure: null,
        reason: 'scanner down',
        changed_by: 'dr9',
      },
    ]);
  });

  it('turns a revoked order into a CANCEL at meta.lastUpdated, but not when another request replaces it', () => {
    const outputs = mapTwoPass([
      item(
        serviceRequest({
          status: 'revoked',
          meta: { lastUpdated: '2024-03-12T07:00:00Z' },
          extension: [
            {
              url: 'http://hl7.org/fhir/StructureDefinition/request-statusReason',
              valueString: 'too many CTs',
            },
          ],
        }),
      ),
      item(serviceRequest({ id: 'o2', status: 'revoked' })),
      item(
        serviceRequest({
          id: 'o2-r',
          replaces: [{ reference: 'ServiceRequest/o2' }],
          code: { text: 'ultrasound' },
        }),
      ),
    ]);
    expect(records(outputs, 'orders').map((order) => order.order_id)).toEqual(['o1', 'o2']);
    expect(
      records(outputs, 'order_changes').map((change) => [
        change.order_id,
        change.action,
        change.changed_at,
        change.reason,
      ]),
    ).toEqual([
      ['o1', 'CANCEL', '2024-03-12T07:00:00Z', 'too many CTs'],
      ['o2', 'MODALITY_CHANGE', '2024-03-10T09:00:00Z', 'patient has had many CTs\nsecond note'],
    ]);
  });

  it('maps an ImagingStudy: accession, order, modality, procedure, region and subjects that agree', () => {
    const outputs = mapTwoPass([
      item({
        resourceType: 'ImagingStudy',
        identifier: [
          { system: 'urn:dicom:uid', value: 'urn:oid:1.2.3' },
          {
            type: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }],
            },
            value: 'ACC-9',
          },
        ],
        status: 'available',
        subject: { reference: 'Patient/p1' },
        started: '2024-03-10T12:00:00+01:00',
        basedOn: [{ reference: 'ServiceRequest/o1-r1' }],
        procedureCode: [{ coding: [{ display: 'MR Brain WO contrast' }] }],
        series: [
          {
            uid: '1.2.3.1',
            modality: { system: DCM, code: 'MR' },
            bodySite: { system: 'http://snomed.info/sct', code: '12738006' },
          },
        ],
      }),
      item(serviceRequest()),
      item(
        serviceRequest({
          id: 'o1-r1',
          replaces: [{ reference: 'ServiceRequest/o1' }],
          code: { text: 'MRI' },
        }),
      ),
      item({
        resourceType: 'ImagingStudy',
        identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.4' }],
        status: 'available',
        modality: [
          { system: DCM, code: 'SR' },
          { system: DCM, code: 'CT' },
        ],
        subject: { reference: 'Patient/p1' },
        started: '2024-03-11',
      }),
    ]);
    expect(records(outputs, 'exams')).toEqual([
      {
        accession: 'ACC-9',
        patient_id: 'p1',
        order_id: 'o1',
        performed_at: '2024-03-10T12:00:00+01:00',
        modality: 'MR',
        procedure: 'MR Brain WO contrast',
        body_region: 'HEAD',
        ctdivol_mgy: null,
        dlp_mgycm: null,
        effective_dose_msv: null,
      },
      expect.objectContaining({
        accession: '1.2.4',
        order_id: null,
        modality: 'CT',
        body_region: null,
      }),
    ]);
  });

  it('rejects an ImagingStudy whose ServiceRequest has another subject, even when it arrives later', () => {
    const study = {
      resourceType: 'ImagingStudy',
      identifier: [{ system: 'urn:dicom:uid', value: '1.2.5' }],
      status: 'available',
      modality: [{ system: DCM, code: 'CT' }],
      subject: { reference: 'Patient/p2' },
      started: '2024-03-11T10:00:00Z',
      basedOn: [{ reference: 'ServiceRequest/o1' }],
    };
    const expected = [
      {
        recordNumber: 1,
        field: 'ImagingStudy.subject',
        reason:
          'subjects disagree: the ImagingStudy names another patient than the ServiceRequest it is based on',
      },
    ];
    expect(rejections(mapTwoPass([item(study), item(serviceRequest())]))).toEqual(expected);
    line = 0;
    expect(rejections(mapOnePass([item(study), item(serviceRequest())]))).toEqual(expected);
  });

  it('rejects malformed input per record, naming the element, and maps the good records', () => {
    const outputs = mapTwoPass([
      {
        file: 'test.ndjson',
        record: ++line,
        error: 'broken JSON line: Unexpected end of JSON input',
      },
      item({ resourceType: 'ServiceRequests', id: 'x' }),
      item({ id: 'no-type' }),
      item([1, 2]),
      item(serviceRequest({ id: 'no-time', authoredOn: undefined })),
      item(serviceRequest({ id: 'no-subject', subject: undefined })),
      item(serviceRequest({ id: 'group', subject: { reference: 'Group/g1' } })),
      item(serviceRequest({ id: 'no-modality', code: { text: 'Blood count' } })),
      item({ resourceType: 'Patient', id: 'p9', gender: 'female' }),
      item(
        egfrObservation(30, '2024-01-01T00:00:00Z', {
          valueQuantity: { value: 2.1, unit: 'mg/dL' },
        }),
      ),
      item({ resourceType: 'Practitioner', id: 'dr7' }),
      item({ resourceType: 'Practitioner', id: 'dr8' }),
      item(serviceRequest({ id: 'good' })),
    ]);
    expect(rejections(outputs)).toEqual([
      { recordNumber: 1, field: 'JSON', reason: 'broken JSON line: Unexpected end of JSON input' },
      {
        recordNumber: 2,
        field: 'resourceType',
        reason: '"ServiceRequests" is not a FHIR R4 resource type',
      },
      { recordNumber: 3, field: 'resourceType', reason: 'not a FHIR resource: no resourceType' },
      { recordNumber: 4, field: 'resourceType', reason: 'not a FHIR resource: not a JSON object' },
      { recordNumber: 5, field: 'ServiceRequest.authoredOn', reason: 'no order time' },
      { recordNumber: 6, field: 'ServiceRequest.subject', reason: 'no subject reference' },
      {
        recordNumber: 7,
        field: 'ServiceRequest.subject',
        reason: 'subject is a Group, not a Patient',
      },
      {
        recordNumber: 8,
        field: 'ServiceRequest.code',
        reason:
          'no imaging modality (DICOM modality code, LOINC imaging code or modality named in the text)',
      },
      { recordNumber: 9, field: 'Patient.birthDate', reason: 'no birth date' },
      {
        recordNumber: 10,
        field: 'Observation.valueQuantity.unit',
        reason: 'eGFR in "mg/dL", expected mL/min/1.73m2',
      },
    ]);
    expect(records(outputs, 'orders').map((order) => order.order_id)).toEqual(['good']);
    expect(notes(outputs)).toContain(
      '2 Practitioner resources: not used by the mapping; ignored (first at test.ndjson:11)',
    );
  });

  it('resolves urn:uuid references inside a Bundle and lets a null fact clear an earlier one', () => {
    const outputs = mapTwoPass([
      item(
        { resourceType: 'Patient', birthDate: '1980-01-01', gender: 'male' },
        { fullUrl: 'urn:uuid:abc' },
      ),
      item(egfrObservation(55, '2024-01-01T00:00:00Z', { subject: { reference: 'urn:uuid:abc' } })),
      item(
        egfrObservation(0, '2024-02-01T00:00:00Z', {
          subject: { reference: 'urn:uuid:abc' },
          valueQuantity: undefined,
          dataAbsentReason: { coding: [{ code: 'unknown' }] },
        }),
      ),
      item(
        serviceRequest({
          id: 'jan',
          subject: { reference: 'urn:uuid:abc' },
          authoredOn: '2024-01-15T00:00:00Z',
          encounter: undefined,
        }),
      ),
      item(
        serviceRequest({
          id: 'feb',
          subject: { reference: 'urn:uuid:abc' },
          authoredOn: '2024-02-15T00:00:00Z',
          encounter: undefined,
        }),
      ),
    ]);
    expect(records(outputs, 'patients')).toEqual([
      { patient_id: 'abc', birth_date: '1980-01-01', sex: 'M' },
    ]);
    expect(
      records(outputs, 'orders').map((order) => [order.order_id, order.patient_id, order.egfr]),
    ).toEqual([
      ['jan', 'abc', '55'],
      ['feb', 'abc', null],
    ]);
  });
});
