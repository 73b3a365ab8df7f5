import { entityOfRejection } from './import-fhir.js';

describe('entityOfRejection', () => {
  it('files a rejection under the entity its FHIR element belongs to', () => {
    expect(entityOfRejection('Patient.birthDate', 'Bundle.json')).toBe('patients');
    expect(entityOfRejection('ImagingStudy.subject', 'Bundle.json')).toBe('exams');
    expect(entityOfRejection('ServiceRequest.authoredOn', 'Patient.ndjson')).toBe('orders');
    expect(entityOfRejection('Observation.valueQuantity.unit', 'x.ndjson')).toBe('orders');
    expect(entityOfRejection('AllergyIntolerance.patient', 'x.ndjson')).toBe('orders');
  });

  it('files unreadable content by the name of its file, else under orders', () => {
    expect(entityOfRejection('JSON', 'Patient.ndjson')).toBe('patients');
    expect(entityOfRejection('resourceType', 'ImagingStudy.ndjson')).toBe('exams');
    expect(entityOfRejection('JSON', 'ServiceRequest.ndjson')).toBe('orders');
    expect(entityOfRejection('JSON', 'export-2024.json')).toBe('orders');
  });
});
