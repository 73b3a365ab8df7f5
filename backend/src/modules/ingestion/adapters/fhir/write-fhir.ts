import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BodyRegion, ImportRecord } from '../../import-format.js';
import {
  ACT_CODE_SYSTEM,
  CHANGED_BY_EXTENSION,
  CTDIVOL_MGY_EXTENSION,
  DATA_ABSENT_REASON_SYSTEM,
  DICOM_MODALITY_SYSTEM,
  DLP_MGYCM_EXTENSION,
  DOSE_ALERT_SHOWN_EXTENSION,
  EFFECTIVE_DOSE_MSV_EXTENSION,
  ICD10CM_SYSTEM,
  IDENTIFIER_TYPE_SYSTEM,
  LOINC_SYSTEM,
  STATUS_REASON_EXTENSION,
  UCUM_SYSTEM,
  parseInstantMs,
} from './fhir-elements.js';
import type * as fhir4 from './fhir-r4.types.js';
import { PREGNANCY_ANSWERS, PREGNANCY_STATUS_LOINC } from './map-fhir.js';
import {
  BODY_REGION_SNOMED,
  BODY_REGION_SYSTEM,
  SNOMED_SYSTEM,
} from './snomed-body-region.data.js';

export type RecordSource = Iterable<ImportRecord> | AsyncIterable<ImportRecord>;

export interface FhirWriteInput {
  readonly patients?: RecordSource;
  readonly orders?: RecordSource;
  readonly order_changes?: RecordSource;
  readonly exams?: RecordSource;
}

export const FHIR_NDJSON_FILES = [
  'Patient.ndjson',
  'Encounter.ndjson',
  'ServiceRequest.ndjson',
  'Observation.ndjson',
  'AllergyIntolerance.ndjson',
  'ImagingStudy.ndjson',
] as const;
export type FhirNdjsonFile = (typeof FHIR_NDJSON_FILES)[number];

export interface FhirWriteSummary {
  /** Resources written per file. */
  readonly resources: Record<FhirNdjsonFile, number>;
  /** Things the FHIR form cannot carry faithfully, one line each with a count. */
  readonly warnings: string[];
}

/** eGFR CKD-EPI 2021, the code the writer uses (the mapper also reads 33914-3 and 62238-1). */
export const EGFR_WRITE_LOINC = '98979-8';
const EGFR_UCUM = 'mL/min/{1.73_m2}';
const ENCOUNTER_CLASS_OF_SETTING: Readonly<Record<string, string>> = {
  ED: 'EMER',
  IP: 'IMP',
  OP: 'AMB',
};
const GENDER_OF_SEX: Readonly<Record<string, string>> = {
  M: 'male',
  F: 'female',
  O: 'other',
  U: 'unknown',
};
const LOINC_ANSWER_OF_PREGNANCY: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(PREGNANCY_ANSWERS).map(([code, status]) => [status, code]),
);

type FactKind = 'egfr' | 'pregnancy_status' | 'contrast_allergy';

interface PatientWriteState {
  lastOrderedMs: number;
  readonly known: Set<FactKind>;
}

/**
 * Writes CSV-format records as FHIR R4 NDJSON, one file per resource type: the inverse of
 * `FhirMapper`, so `generate --format fhir` writes the same hospital. Order changes are held
 * in memory (grouped by order); everything else streams. Facts (eGFR, pregnancy, contrast
 * allergy) become patient-level Observations/AllergyIntolerances dated at the order; a null
 * fact after a known one is written as "absent" (dataAbsentReason, an unconfirmed allergy) so
 * that the mapper does not carry the earlier value over. That needs each patient's orders in
 * time order; out-of-order orders are counted in the warnings.
 */
export async function writeFhirNdjson(
  input: FhirWriteInput,
  outDir: string,
): Promise<FhirWriteSummary> {
  await mkdir(outDir, { recursive: true });
  const writer = new NdjsonWriter(outDir);
  const warnings = new Map<string, number>();
  const warn = (message: string): void => {
    warnings.set(message, (warnings.get(message) ?? 0) + 1);
  };
  try {
    const changesByOrder = new Map<string, ImportRecord[]>();
    for await (const change of input.order_changes ?? []) {
      const orderId = change.order_id;
      if (!orderId) {
        warn('order changes without order_id not written');
        continue;
      }
      const changes = changesByOrder.get(orderId) ?? [];
      changes.push(change);
      changesByOrder.set(orderId, changes);
    }
    for await (const patient of input.patients ?? []) {
      await writer.write('Patient.ndjson', patientResourceOf(patient));
    }
    const patients = new Map<string, PatientWriteState>();
    for await (const order of input.orders ?? []) {
      await writeOrder(writer, order, changesByOrder, patients, warn);
    }
    if (changesByOrder.size > 0) {
      const count = [...changesByOrder.values()].reduce((sum, changes) => sum + changes.length, 0);
      warnings.set(
        'order changes of orders not in the records not written (no subject to give them)',
        count,
      );
    }
    for await (const exam of input.exams ?? []) {
      await writer.write('ImagingStudy.ndjson', imagingStudyOf(exam, warn));
    }
  } finally {
    await writer.close();
  }
  return {
    resources: writer.counts,
    warnings: [...warnings].map(([message, count]) => `${count} ${message}`),
  };
}

class NdjsonWriter {
  readonly counts = Object.fromEntries(FHIR_NDJSON_FILES.map((file) => [file, 0])) as Record<
    FhirNdjsonFile,
    number
  >;
  private readonly streams = new Map<FhirNdjsonFile, WriteStream>();

  constructor(private readonly outDir: string) {
    for (const file of FHIR_NDJSON_FILES) {
      this.streams.set(file, createWriteStream(join(outDir, file), { encoding: 'utf8' }));
    }
  }

  async write(file: FhirNdjsonFile, resource: fhir4.Resource): Promise<void> {
    const stream = this.streams.get(file) as WriteStream;
    this.counts[file] += 1;
    if (!stream.write(`${JSON.stringify(resource)}\n`)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => {
          stream.off('drain', onDrain);
          reject(error);
        };
        const onDrain = () => {
          stream.off('error', onError);
          resolve();
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    }
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.streams.values()].map(
        (stream) =>
          new Promise<void>((resolve, reject) => {
            stream.once('error', reject);
            stream.end(() => resolve());
          }),
      ),
    );
  }
}

const present = (value: string | null | undefined): value is string =>
  value !== null && value !== undefined && value !== '';

const patientReference = (patientId: string): fhir4.Reference => ({
  reference: `Patient/${patientId}`,
});

function patientResourceOf(record: ImportRecord): fhir4.Patient {
  const gender = present(record.sex) ? GENDER_OF_SEX[record.sex.toUpperCase()] : undefined;
  return {
    resourceType: 'Patient',
    id: record.patient_id ?? undefined,
    ...(present(record.birth_date) ? { birthDate: record.birth_date } : {}),
    ...(gender ? { gender: gender as fhir4.Patient['gender'] } : {}),
  };
}

function modalityConcept(modality: string | null, procedure: string | null): fhir4.CodeableConcept {
  return {
    ...(present(modality)
      ? { coding: [{ system: DICOM_MODALITY_SYSTEM, code: modality.toUpperCase() }] }
      : {}),
    ...(present(procedure) ? { text: procedure } : {}),
  };
}

const statusReasonExtension = (reason: string): fhir4.Extension => ({
  url: STATUS_REASON_EXTENSION,
  valueCodeableConcept: { text: reason },
});

async function writeOrder(
  writer: NdjsonWriter,
  order: ImportRecord,
  changesByOrder: Map<string, ImportRecord[]>,
  patients: Map<string, PatientWriteState>,
  warn: (message: string) => void,
): Promise<void> {
  const orderId = order.order_id ?? '';
  const patientId = order.patient_id ?? '';
  const orderedAt = order.ordered_at ?? '';
  const changes = (changesByOrder.get(orderId) ?? []).slice();
  changesByOrder.delete(orderId);
  changes.sort(
    (left, right) =>
      (parseInstantMs(left.changed_at) ?? 0) - (parseInstantMs(right.changed_at) ?? 0),
  );

  const setting = present(order.setting)
    ? ENCOUNTER_CLASS_OF_SETTING[order.setting.toUpperCase()]
    : undefined;
  const encounterId = `${orderId}.encounter`;
  if (setting) {
    const encounter: fhir4.Encounter = {
      resourceType: 'Encounter',
      id: encounterId,
      status: 'finished',
      class: { system: ACT_CODE_SYSTEM, code: setting },
      subject: patientReference(patientId),
    };
    await writer.write('Encounter.ndjson', encounter);
  }

  // Replacements (MODALITY_CHANGE) and where each CANCEL lands: on the latest replacement at or
  // before it, else on the original order.
  const replacements = changes
    .filter((change) => change.action?.toUpperCase() === 'MODALITY_CHANGE')
    .map((change, index) => ({
      change,
      id: `${orderId}.change${index + 1}`,
      cancel: null as ImportRecord | null,
    }));
  let originalCancel: ImportRecord | null = null;
  for (const cancel of changes.filter((change) => change.action?.toUpperCase() === 'CANCEL')) {
    const cancelMs = parseInstantMs(cancel.changed_at) ?? 0;
    const target = replacements
      .filter((replacement) => (parseInstantMs(replacement.change.changed_at) ?? 0) <= cancelMs)
      .pop();
    if (target !== undefined) {
      if (target.cancel !== null) warn('second CANCEL of the same order not written');
      target.cancel = cancel;
    } else {
      if (originalCancel !== null) warn('second CANCEL of the same order not written');
      if (replacements.length > 0)
        warn('CANCEL before a MODALITY_CHANGE of the same order not carried');
      originalCancel = cancel;
    }
  }

  const codes = present(order.indication_code)
    ? order.indication_code
        .split(';')
        .map((code) => code.trim())
        .filter((code) => code !== '')
    : [];
  const extensions: fhir4.Extension[] = [];
  if (present(order.dose_alert_shown)) {
    extensions.push({
      url: DOSE_ALERT_SHOWN_EXTENSION,
      valueBoolean: order.dose_alert_shown.toLowerCase() === 'true',
    });
  }
  if (originalCancel !== null) extensions.push(...cancelExtensions(originalCancel));
  const request: fhir4.ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: orderId,
    ...(originalCancel !== null && present(originalCancel.changed_at)
      ? { meta: { lastUpdated: originalCancel.changed_at } }
      : {}),
    ...(extensions.length > 0 ? { extension: extensions } : {}),
    status: originalCancel !== null ? 'revoked' : 'active',
    intent: 'order',
    code: modalityConcept(order.requested_modality, order.requested_procedure),
    subject: patientReference(patientId),
    ...(setting ? { encounter: { reference: `Encounter/${encounterId}` } } : {}),
    authoredOn: orderedAt,
    ...(present(order.provider_id) || present(order.provider_name)
      ? {
          requester: {
            ...(present(order.provider_id)
              ? { reference: `Practitioner/${order.provider_id}` }
              : {}),
            ...(present(order.provider_name) ? { display: order.provider_name } : {}),
          },
        }
      : {}),
    ...(present(order.department) ? { locationCode: [{ text: order.department }] } : {}),
    ...(codes.length > 0 || present(order.indication_text)
      ? {
          reasonCode: [
            {
              ...(codes.length > 0
                ? { coding: codes.map((code) => ({ system: ICD10CM_SYSTEM, code })) }
                : {}),
              ...(present(order.indication_text) ? { text: order.indication_text } : {}),
            },
          ],
        }
      : {}),
    ...(present(order.comment) ? { note: [{ text: order.comment }] } : {}),
  };
  await writer.write('ServiceRequest.ndjson', request);

  for (const { change, id, cancel } of replacements) {
    const replacement: fhir4.ServiceRequest = {
      resourceType: 'ServiceRequest',
      id,
      ...(cancel !== null && present(cancel.changed_at)
        ? { meta: { lastUpdated: cancel.changed_at } }
        : {}),
      ...(cancel !== null ? { extension: cancelExtensions(cancel) } : {}),
      status: cancel !== null ? 'revoked' : 'active',
      intent: 'order',
      replaces: [{ reference: `ServiceRequest/${orderId}` }],
      code: modalityConcept(change.new_modality, change.new_procedure),
      subject: patientReference(patientId),
      authoredOn: change.changed_at ?? undefined,
      ...(present(change.changed_by) ? { requester: { display: change.changed_by } } : {}),
      ...(present(change.reason) ? { note: [{ text: change.reason }] } : {}),
    };
    await writer.write('ServiceRequest.ndjson', replacement);
  }

  await writeFacts(writer, order, patients, warn);
}

function cancelExtensions(cancel: ImportRecord): fhir4.Extension[] {
  return [
    ...(present(cancel.reason) ? [statusReasonExtension(cancel.reason)] : []),
    ...(present(cancel.changed_by)
      ? [{ url: CHANGED_BY_EXTENSION, valueString: cancel.changed_by }]
      : []),
  ];
}

const dataAbsent: fhir4.CodeableConcept = {
  coding: [{ system: DATA_ABSENT_REASON_SYSTEM, code: 'unknown' }],
};

async function writeFacts(
  writer: NdjsonWriter,
  order: ImportRecord,
  patients: Map<string, PatientWriteState>,
  warn: (message: string) => void,
): Promise<void> {
  const orderId = order.order_id ?? '';
  const patientId = order.patient_id ?? '';
  const orderedAt = order.ordered_at ?? '';
  const orderedMs = parseInstantMs(orderedAt) ?? 0;
  let state = patients.get(patientId);
  if (state === undefined) {
    state = { lastOrderedMs: -Infinity, known: new Set() };
    patients.set(patientId, state);
  }
  if (orderedMs < state.lastOrderedMs)
    warn('orders out of time order for their patient (facts may carry over)');
  state.lastOrderedMs = Math.max(state.lastOrderedMs, orderedMs);
  const subject = patientReference(patientId);

  const egfr = present(order.egfr) ? Number(order.egfr) : null;
  if (egfr !== null && !Number.isFinite(egfr)) warn('egfr values that are not numbers not written');
  if ((egfr !== null && Number.isFinite(egfr)) || state.known.has('egfr')) {
    const observation: fhir4.Observation = {
      resourceType: 'Observation',
      id: `${orderId}.egfr`,
      status: 'final',
      code: { coding: [{ system: LOINC_SYSTEM, code: EGFR_WRITE_LOINC }] },
      subject,
      effectiveDateTime: orderedAt,
      ...(egfr !== null && Number.isFinite(egfr)
        ? { valueQuantity: { value: egfr, unit: EGFR_UCUM, system: UCUM_SYSTEM, code: EGFR_UCUM } }
        : { dataAbsentReason: dataAbsent }),
    };
    if (egfr !== null && Number.isFinite(egfr)) state.known.add('egfr');
    await writer.write('Observation.ndjson', observation);
  }

  const pregnancy = present(order.pregnancy_status) ? order.pregnancy_status.toUpperCase() : null;
  const answer = pregnancy === null ? undefined : LOINC_ANSWER_OF_PREGNANCY[pregnancy];
  if (pregnancy !== null && answer === undefined)
    warn('unknown pregnancy_status values not written');
  if (answer !== undefined || state.known.has('pregnancy_status')) {
    const observation: fhir4.Observation = {
      resourceType: 'Observation',
      id: `${orderId}.pregnancy`,
      status: 'final',
      code: { coding: [{ system: LOINC_SYSTEM, code: PREGNANCY_STATUS_LOINC }] },
      subject,
      effectiveDateTime: orderedAt,
      ...(answer !== undefined
        ? { valueCodeableConcept: { coding: [{ system: LOINC_SYSTEM, code: answer }] } }
        : { dataAbsentReason: dataAbsent }),
    };
    if (answer !== undefined) state.known.add('pregnancy_status');
    await writer.write('Observation.ndjson', observation);
  }

  const allergy = present(order.contrast_allergy) ? order.contrast_allergy.toLowerCase() : null;
  if (allergy !== null && allergy !== 'true' && allergy !== 'false')
    warn('contrast_allergy values other than true/false not written');
  const known = allergy === 'true' || allergy === 'false';
  if (known || state.known.has('contrast_allergy')) {
    const verification =
      allergy === 'true' ? 'confirmed' : allergy === 'false' ? 'refuted' : 'unconfirmed';
    const resource: fhir4.AllergyIntolerance = {
      resourceType: 'AllergyIntolerance',
      id: `${orderId}.contrast-allergy`,
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
            code: verification,
          },
        ],
      },
      code: {
        coding: [
          { system: SNOMED_SYSTEM, code: '293637006', display: 'Allergy to contrast media' },
        ],
        text: 'Contrast media allergy',
      },
      patient: subject,
      recordedDate: orderedAt,
    };
    if (known) state.known.add('contrast_allergy');
    await writer.write('AllergyIntolerance.ndjson', resource);
  }
}

/** A deterministic DICOM UID under the 2.25 (UUID-derived) root, for the one series we write. */
function seriesUidOf(accession: string): string {
  const digest = createHash('sha1').update(accession).digest('hex').slice(0, 30);
  return `2.25.${BigInt(`0x${digest}`).toString()}`;
}

function doseExtension(
  url: string,
  text: string | null,
  warn: (message: string) => void,
): fhir4.Extension[] {
  if (!present(text)) return [];
  const value = Number(text);
  if (!Number.isFinite(value)) {
    warn('dose values that are not numbers not written');
    return [];
  }
  return [{ url, valueDecimal: value }];
}

function imagingStudyOf(exam: ImportRecord, warn: (message: string) => void): fhir4.ImagingStudy {
  const accession = exam.accession ?? '';
  const modality = present(exam.modality) ? exam.modality.toUpperCase() : '';
  const region = present(exam.body_region) ? (exam.body_region.toUpperCase() as BodyRegion) : null;
  const snomed = region === null ? undefined : BODY_REGION_SNOMED[region];
  const extensions = [
    ...doseExtension(CTDIVOL_MGY_EXTENSION, exam.ctdivol_mgy, warn),
    ...doseExtension(DLP_MGYCM_EXTENSION, exam.dlp_mgycm, warn),
    ...doseExtension(EFFECTIVE_DOSE_MSV_EXTENSION, exam.effective_dose_msv, warn),
  ];
  return {
    resourceType: 'ImagingStudy',
    id: accession,
    ...(extensions.length > 0 ? { extension: extensions } : {}),
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: IDENTIFIER_TYPE_SYSTEM, code: 'ACSN' }] },
        value: accession,
      },
    ],
    status: 'available',
    modality: [{ system: DICOM_MODALITY_SYSTEM, code: modality }],
    subject: patientReference(exam.patient_id ?? ''),
    started: exam.performed_at ?? undefined,
    ...(present(exam.order_id)
      ? { basedOn: [{ reference: `ServiceRequest/${exam.order_id}` }] }
      : {}),
    ...(present(exam.procedure) ? { procedureCode: [{ text: exam.procedure }] } : {}),
    ...(region !== null
      ? {
          series: [
            {
              uid: seriesUidOf(accession),
              modality: { system: DICOM_MODALITY_SYSTEM, code: modality },
              bodySite: snomed
                ? { system: SNOMED_SYSTEM, code: snomed }
                : { system: BODY_REGION_SYSTEM, code: region },
            },
          ],
        }
      : {}),
  };
}
