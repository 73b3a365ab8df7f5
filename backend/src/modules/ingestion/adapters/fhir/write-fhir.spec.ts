import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPORT_COLUMNS, type ImportEntity, type ImportRecord } from '../../import-format.js';
import { mapFhirPath } from './map-fhir-path.js';
import type { FhirMapperOutput } from './map-fhir.js';
import { writeFhirNdjson } from './write-fhir.js';

const make = (entity: ImportEntity, values: Record<string, string>): ImportRecord =>
  Object.fromEntries(
    IMPORT_COLUMNS[entity].map((column) => [column.name, values[column.name] ?? null]),
  );

const patients = [
  make('patients', { patient_id: 'P1', birth_date: '1961-07-04', sex: 'F' }),
  make('patients', { patient_id: 'P2', birth_date: '2015-12-30', sex: 'M' }),
];
const orders = [
  make('orders', {
    order_id: 'O1',
    patient_id: 'P1',
    ordered_at: '2024-01-05T08:15:00Z',
    provider_id: 'dr-12',
    provider_name: 'Dr Ruth Okafor',
    department: 'Emergency Medicine',
    setting: 'ED',
    indication_code: 'R10.31;Z91.041',
    indication_text: 'RLQ pain, query appendicitis',
    requested_modality: 'CT',
    requested_procedure: 'CT abdomen and pelvis with contrast',
    pregnancy_status: 'NOT_PREGNANT',
    contrast_allergy: 'true',
    egfr: '28.5',
    dose_alert_shown: 'true',
    comment: 'many prior CTs\nplease consider dose',
  }),
  // Same patient later: eGFR and pregnancy unknown this time, allergy refuted.
  make('orders', {
    order_id: 'O2',
    patient_id: 'P1',
    ordered_at: '2024-02-10T14:00:00+01:00',
    setting: 'IP',
    requested_modality: 'MR',
    contrast_allergy: 'false',
    dose_alert_shown: 'false',
  }),
  make('orders', {
    order_id: 'O3',
    patient_id: 'P2',
    ordered_at: '2024-03-01T10:00:00Z',
    provider_name: 'Dr Lee',
    setting: 'OP',
    indication_code: 'S06.0X0A',
    requested_modality: 'CT',
    pregnancy_status: 'UNKNOWN',
  }),
];
const orderChanges = [
  make('order_changes', {
    order_id: 'O1',
    changed_at: '2024-01-05T09:00:00Z',
    action: 'MODALITY_CHANGE',
    new_modality: 'US',
    new_procedure: 'US abdomen',
    reason: 'cumulative dose too high',
    changed_by: 'Dr Ruth Okafor',
  }),
  make('order_changes', {
    order_id: 'O1',
    changed_at: '2024-01-06T07:00:00Z',
    action: 'CANCEL',
    reason: 'patient discharged',
    changed_by: 'Dr Ward',
  }),
  make('order_changes', {
    order_id: 'O3',
    changed_at: '2024-03-02T00:00:00Z',
    action: 'CANCEL',
    reason: 'too many CTs',
  }),
];
const exams = [
  make('exams', {
    accession: 'A-100',
    patient_id: 'P1',
    order_id: 'O2',
    performed_at: '2024-02-11T09:30:00+01:00',
    modality: 'MR',
    procedure: 'MR abdomen',
    body_region: 'ABDOMEN_PELVIS',
  }),
  make('exams', {
    accession: 'A-101',
    patient_id: 'P2',
    performed_at: '2023-11-20T16:45:00Z',
    modality: 'CT',
    procedure: 'CT chest',
    body_region: 'CHEST',
    ctdivol_mgy: '12.4',
    dlp_mgycm: '410.25',
    effective_dose_msv: '5.7',
  }),
];

const collect = async (path: string): Promise<FhirMapperOutput[]> => {
  const outputs: FhirMapperOutput[] = [];
  for await (const output of mapFhirPath(path)) outputs.push(output);
  return outputs;
};
const recordsOf = (outputs: FhirMapperOutput[], entity: ImportEntity): ImportRecord[] =>
  outputs.flatMap((output) =>
    output.kind === 'record' && output.entity === entity ? [output.record] : [],
  );
const byKey = (left: ImportRecord, right: ImportRecord): number =>
  `${left.order_id}${left.changed_at}${left.action}`.localeCompare(
    `${right.order_id}${right.changed_at}${right.action}`,
  );

describe('writeFhirNdjson', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'write-fhir-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips CSV records through FHIR NDJSON and the mapper unchanged', async () => {
    const summary = await writeFhirNdjson(
      { patients, orders, order_changes: orderChanges, exams },
      dir,
    );
    expect(summary.warnings).toEqual([]);
    // 3 orders + 1 replacement; eGFR O1 and absent O2; pregnancy O1, absent O2, O3; allergy O1, O2.
    expect(summary.resources).toEqual({
      'Patient.ndjson': 2,
      'Encounter.ndjson': 3,
      'ServiceRequest.ndjson': 4,
      'Observation.ndjson': 5,
      'AllergyIntolerance.ndjson': 2,
      'ImagingStudy.ndjson': 2,
    });
    const outputs = await collect(dir);
    expect(outputs.filter((output) => output.kind !== 'record')).toEqual([]);
    expect(recordsOf(outputs, 'patients')).toEqual(patients);
    expect(recordsOf(outputs, 'orders')).toEqual(orders);
    expect(recordsOf(outputs, 'order_changes').sort(byKey)).toEqual([...orderChanges].sort(byKey));
    expect(recordsOf(outputs, 'exams')).toEqual(exams);
  });

  it('maps the good lines of an NDJSON file with a broken line in the middle', async () => {
    await writeFhirNdjson({ patients, orders }, dir);
    const file = join(dir, 'ServiceRequest.ndjson');
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    await writeFile(
      file,
      [lines[0], '{"resourceType":"ServiceRequest","id":"O9",', lines[1], lines[2]].join('\n'),
    );
    const outputs = await collect(dir);
    expect(recordsOf(outputs, 'orders').map((order) => order.order_id)).toEqual(['O1', 'O2', 'O3']);
    const rejections = outputs.filter((output) => output.kind === 'rejection');
    expect(rejections).toEqual([
      expect.objectContaining({ file: 'ServiceRequest.ndjson', recordNumber: 2, field: 'JSON' }),
    ]);
  });
});
