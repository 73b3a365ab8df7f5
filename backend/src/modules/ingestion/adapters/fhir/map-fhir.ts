import {
  BODY_REGIONS,
  IMPORT_COLUMNS,
  type ImportEntity,
  type ImportRecord,
} from '../../import-format.js';
import { CONTRAST_ALLERGY_CODES, CONTRAST_ALLERGY_TEXT } from './contrast-allergy.data.js';
import {
  CHANGED_BY_EXTENSION,
  CTDIVOL_MGY_EXTENSION,
  DLP_MGYCM_EXTENSION,
  DOSE_ALERT_SHOWN_EXTENSION,
  EFFECTIVE_DOSE_MSV_EXTENSION,
  ICD10CM_SYSTEM,
  IDENTIFIER_TYPE_SYSTEM,
  LOINC_SYSTEM,
  formatDecimal,
  isJsonObject,
  parseInstantMs,
  readCoding,
  readCodings,
  readConceptText,
  readExtension,
  readObject,
  readObjects,
  readReferenceTarget,
  readResourceId,
  readString,
  type JsonObject,
  type ReferenceTarget,
} from './fhir-elements.js';
import { FHIR_R4_RESOURCE_TYPES } from './fhir-resource-types.data.js';
import { inferModalityOfConcept, modalityOfCoding } from './infer-modality.js';
import type { FhirReadItem } from './read-fhir.js';
import {
  BODY_REGION_SYSTEM,
  SNOMED_BODY_REGION,
  SNOMED_SYSTEM,
} from './snomed-body-region.data.js';

export interface FhirRecordOutput {
  readonly kind: 'record';
  readonly entity: ImportEntity;
  readonly record: ImportRecord;
  readonly file: string;
  readonly recordNumber: number;
}

export interface FhirRejection {
  readonly kind: 'rejection';
  readonly file: string;
  readonly recordNumber: number;
  /** The FHIR element path at fault (`ServiceRequest.subject`), or `JSON`/`resourceType`. */
  readonly field: string;
  readonly reason: string;
}

/** Something ignored on purpose (an unused resource type, a reference that never arrived). */
export interface FhirNote {
  readonly kind: 'note';
  readonly file: string;
  readonly recordNumber: number;
  readonly note: string;
}

export type FhirMapperOutput = FhirRecordOutput | FhirRejection | FhirNote;

export const EGFR_LOINC_CODES: ReadonlySet<string> = new Set(['33914-3', '62238-1', '98979-8']);
export const PREGNANCY_STATUS_LOINC = '82810-3';
export const PREGNANCY_ANSWERS: Readonly<Record<string, string>> = {
  'LA15173-0': 'PREGNANT',
  'LA26683-5': 'NOT_PREGNANT',
  'LA4489-6': 'UNKNOWN',
};
export const ENCOUNTER_CLASS_SETTINGS: Readonly<Record<string, string>> = {
  EMER: 'ED',
  IMP: 'IP',
  ACUTE: 'IP',
  NONAC: 'IP',
  AMB: 'OP',
};
const SEX_OF_GENDER: Readonly<Record<string, string>> = {
  male: 'M',
  female: 'F',
  other: 'O',
  unknown: 'U',
};
const EGFR_UNITS: ReadonlySet<string> = new Set([
  'ml/min/{1.73_m2}',
  'ml/min/1.73m2',
  'ml/min/1.73_m2',
]);
const IGNORED_STATUSES: ReadonlySet<string> = new Set(['entered-in-error']);
const BODY_REGION_SET: ReadonlySet<string> = new Set(BODY_REGIONS);

type FactKind = 'egfr' | 'pregnancy_status' | 'contrast_allergy';

interface Source {
  readonly file: string;
  readonly recordNumber: number;
}

interface Fact {
  readonly patientId: string;
  readonly factKind: FactKind;
  /** When the fact became true; -Infinity for an allergy with no date (always applies). */
  readonly atMs: number;
  /** null clears an earlier value (dataAbsentReason, an unconfirmed allergy). */
  readonly value: string | null;
}

interface DatedValue {
  readonly atMs: number;
  readonly value: string | null;
  readonly sequence: number;
}

interface Parsed {
  readonly source: Source;
  readonly type: string;
  readonly resource: JsonObject;
  readonly id: string | null;
}

interface Counter {
  count: number;
  readonly first: Source;
  readonly note: string;
}

/**
 * Maps FHIR R4 resources to records of the CSV import format (see README-fhir.md for the
 * table). Orders and exams need facts that other resources carry (the Encounter's class, the
 * patient's eGFR, pregnancy and contrast allergy, the subject of the ServiceRequest an exam or
 * a change refers to), and those may arrive in any order. Two ways to use it:
 *
 * - Two passes (`mapFhirPath` does this): `collect` every item, then `map` every item, then
 *   `finish`. Only small facts are held (per patient: dated eGFR/pregnancy/allergy values; per
 *   Encounter its setting; per ServiceRequest its subject and what it replaces), and every
 *   record is emitted as soon as it is mapped.
 * - One pass: `map` every item, then `finish`. ServiceRequests and ImagingStudies are held
 *   until `finish`, so memory grows with them: fine for a Bundle, not for a hospital extract.
 */
export class FhirMapper {
  private collected = false;
  private collecting = false;
  private sequence = 0;
  private readonly encounterSettings = new Map<string, string | null>();
  private readonly patientFacts = new Map<string, Map<FactKind, DatedValue[]>>();
  private readonly requestSubjects = new Map<string, string>();
  private readonly replacedBy = new Map<string, string>();
  private readonly replacedIds = new Set<string>();
  private readonly deferred: Parsed[] = [];
  private readonly counters = new Map<string, Counter>();

  /** First pass: remember the facts an item carries; emits nothing. */
  collect(item: FhirReadItem): void {
    this.collected = true;
    const parsed = this.parse(item);
    if (!('resource' in parsed)) return;
    this.collecting = true;
    this.rememberFacts(parsed);
    this.collecting = false;
  }

  /** Maps one item; in one-pass mode, orders and exams come out of `finish` instead. */
  map(item: FhirReadItem): FhirMapperOutput[] {
    const parsed = this.parse(item);
    if (!('resource' in parsed)) return parsed;
    if (!this.collected) this.rememberFacts(parsed);
    const status = readString(parsed.resource.status);
    if (status !== null && IGNORED_STATUSES.has(status)) {
      this.count(parsed.source, `${parsed.type} with status ${status}`, 'ignored');
      return [];
    }
    switch (parsed.type) {
      case 'Patient':
        return this.mapPatient(parsed);
      case 'Encounter':
        return [];
      case 'Observation':
      case 'AllergyIntolerance':
        return this.factOf(parsed).filter(
          (output): output is FhirRejection => !('factKind' in output),
        );
      case 'ServiceRequest':
      case 'ImagingStudy':
        if (!this.collected) {
          this.deferred.push(parsed);
          return [];
        }
        return this.mapDeferrable(parsed);
      default:
        this.count(parsed.source, `${parsed.type} resources`, 'not used by the mapping; ignored');
        return [];
    }
  }

  /** Emits what was held back (one-pass mode) and one note per kind of ignored content. */
  finish(): FhirMapperOutput[] {
    const outputs: FhirMapperOutput[] = [];
    for (const parsed of this.deferred) outputs.push(...this.mapDeferrable(parsed));
    this.deferred.length = 0;
    for (const counter of this.counters.values()) {
      outputs.push({
        kind: 'note',
        file: counter.first.file,
        recordNumber: counter.first.recordNumber,
        note: `${counter.count} ${counter.note} (first at ${counter.first.file}:${counter.first.recordNumber})`,
      });
    }
    this.counters.clear();
    return outputs;
  }

  private parse(item: FhirReadItem): Parsed | FhirMapperOutput[] {
    const source = { file: item.file, recordNumber: item.record };
    if ('error' in item) return [rejection(source, 'JSON', item.error)];
    const { resource } = item;
    if (!isJsonObject(resource)) {
      return [rejection(source, 'resourceType', 'not a FHIR resource: not a JSON object')];
    }
    const type = readString(resource.resourceType);
    if (type === null) {
      return [rejection(source, 'resourceType', 'not a FHIR resource: no resourceType')];
    }
    if (!FHIR_R4_RESOURCE_TYPES.has(type)) {
      return [rejection(source, 'resourceType', `"${type}" is not a FHIR R4 resource type`)];
    }
    return { source, type, resource, id: readResourceId(resource, item.fullUrl) };
  }

  private rememberFacts(parsed: Parsed): void {
    const { resource, id } = parsed;
    const status = readString(resource.status);
    if (status !== null && IGNORED_STATUSES.has(status)) return;
    if (parsed.type === 'Encounter' && id !== null) {
      const code = readCoding(resource.class)?.code;
      this.encounterSettings.set(id, (code && ENCOUNTER_CLASS_SETTINGS[code]) ?? null);
    } else if (parsed.type === 'ServiceRequest' && id !== null) {
      const subject = readReferenceTarget(resource.subject);
      if (subject !== null) this.requestSubjects.set(id, subject.id);
      const replaced = this.replacedTargetOf(resource);
      if (replaced !== null) {
        this.replacedBy.set(id, replaced.id);
        this.replacedIds.add(replaced.id);
      }
    } else if (parsed.type === 'Observation' || parsed.type === 'AllergyIntolerance') {
      for (const output of this.factOf(parsed)) {
        if ('factKind' in output) this.storeFact(output);
      }
    }
  }

  private storeFact(fact: Fact): void {
    let facts = this.patientFacts.get(fact.patientId);
    if (facts === undefined) {
      facts = new Map();
      this.patientFacts.set(fact.patientId, facts);
    }
    const values = facts.get(fact.factKind) ?? [];
    values.push({ atMs: fact.atMs, value: fact.value, sequence: this.sequence++ });
    facts.set(fact.factKind, values);
  }

  /** The latest value at or before `atMs`; on equal times the one read last wins. */
  private factAt(patientId: string, kind: FactKind, atMs: number): string | null {
    const values = this.patientFacts.get(patientId)?.get(kind) ?? [];
    let best: DatedValue | null = null;
    for (const value of values) {
      if (value.atMs > atMs) continue;
      if (
        best === null ||
        value.atMs > best.atMs ||
        (value.atMs === best.atMs && value.sequence > best.sequence)
      ) {
        best = value;
      }
    }
    return best?.value ?? null;
  }

  private factOf(parsed: Parsed): (Fact | FhirRejection)[] {
    return parsed.type === 'Observation' ? this.observationFact(parsed) : this.allergyFact(parsed);
  }

  private observationFact({ source, resource }: Parsed): (Fact | FhirRejection)[] {
    const codes = readCodings(resource.code)
      .filter((coding) => coding.system === LOINC_SYSTEM)
      .map((coding) => coding.code);
    const isEgfr = codes.some((code) => code !== undefined && EGFR_LOINC_CODES.has(code));
    const isPregnancy = codes.includes(PREGNANCY_STATUS_LOINC);
    if (!isEgfr && !isPregnancy) {
      this.count(source, 'Observations with codes other than eGFR or pregnancy status', 'ignored');
      return [];
    }
    if (readString(resource.status) === 'cancelled') return [];
    const problems: FhirRejection[] = [];
    const subject = readReferenceTarget(resource.subject);
    if (subject === null || (subject.type !== null && subject.type !== 'Patient')) {
      problems.push(rejection(source, 'Observation.subject', 'no Patient subject reference'));
    }
    const effective =
      readString(resource.effectiveDateTime) ??
      readString(readObject(resource.effectivePeriod)?.start) ??
      readString(resource.issued);
    const atMs = parseInstantMs(effective);
    if (atMs === null) {
      problems.push(
        rejection(source, 'Observation.effective[x]', 'no valid time of the observation'),
      );
    }
    let value: string | null;
    const absent = readObject(resource.dataAbsentReason) !== null;
    if (isEgfr) {
      const quantity = readObject(resource.valueQuantity);
      value = formatDecimal(quantity?.value);
      const unit = readString(quantity?.code) ?? readString(quantity?.unit);
      if (value === null && !absent) {
        problems.push(
          rejection(source, 'Observation.valueQuantity', 'eGFR without a numeric value'),
        );
      } else if (unit !== null && !EGFR_UNITS.has(unit.toLowerCase().replace(/\s+/g, ''))) {
        problems.push(
          rejection(
            source,
            'Observation.valueQuantity.unit',
            `eGFR in "${unit}", expected mL/min/1.73m2`,
          ),
        );
      }
    } else {
      const answers = readCodings(resource.valueCodeableConcept)
        .map((coding) => (coding.code ? PREGNANCY_ANSWERS[coding.code] : undefined))
        .filter((answer): answer is string => answer !== undefined);
      value = answers[0] ?? null;
      if (value === null && !absent) {
        problems.push(
          rejection(
            source,
            'Observation.valueCodeableConcept',
            'pregnancy status answer is not LA15173-0, LA26683-5 or LA4489-6',
          ),
        );
      }
    }
    if (problems.length > 0 || subject === null || atMs === null) return problems;
    return [{ patientId: subject.id, factKind: isEgfr ? 'egfr' : 'pregnancy_status', atMs, value }];
  }

  private allergyFact({ source, resource }: Parsed): (Fact | FhirRejection)[] {
    const codings = readCodings(resource.code);
    const isContrast =
      codings.some(
        (coding) => coding.code !== undefined && CONTRAST_ALLERGY_CODES.has(coding.code),
      ) ||
      [readConceptText(resource.code), ...codings.map((coding) => coding.display ?? null)].some(
        (text) => text !== null && CONTRAST_ALLERGY_TEXT.test(text),
      );
    if (!isContrast) {
      this.count(source, 'AllergyIntolerances to something other than contrast media', 'ignored');
      return [];
    }
    const patient = readReferenceTarget(resource.patient);
    if (patient === null || (patient.type !== null && patient.type !== 'Patient')) {
      return [rejection(source, 'AllergyIntolerance.patient', 'no Patient reference')];
    }
    const verification = readCodings(resource.verificationStatus)[0]?.code;
    const clinical = readCodings(resource.clinicalStatus)[0]?.code;
    let value: string | null = 'true';
    if (verification === 'refuted' || clinical === 'inactive' || clinical === 'resolved')
      value = 'false';
    else if (verification === 'unconfirmed') value = null;
    const recorded = readString(resource.recordedDate) ?? readString(resource.onsetDateTime);
    const atMs = recorded === null ? -Infinity : parseInstantMs(recorded);
    if (atMs === null) {
      return [
        rejection(source, 'AllergyIntolerance.recordedDate', `"${recorded}" is not a date-time`),
      ];
    }
    return [{ patientId: patient.id, factKind: 'contrast_allergy', atMs, value }];
  }

  private mapPatient({ source, resource, id }: Parsed): FhirMapperOutput[] {
    const problems: FhirRejection[] = [];
    if (id === null)
      problems.push(rejection(source, 'Patient.id', 'no id (and no Bundle fullUrl)'));
    const birthDate = readString(resource.birthDate);
    if (birthDate === null) problems.push(rejection(source, 'Patient.birthDate', 'no birth date'));
    const gender = readString(resource.gender);
    const sex = gender === null ? null : (SEX_OF_GENDER[gender] ?? undefined);
    if (sex === undefined) {
      problems.push(
        rejection(source, 'Patient.gender', `"${gender}" is not male, female, other or unknown`),
      );
    }
    if (problems.length > 0) return problems;
    return [
      recordOf(source, 'patients', { patient_id: id, birth_date: birthDate, sex: sex ?? null }),
    ];
  }

  private mapDeferrable(parsed: Parsed): FhirMapperOutput[] {
    return parsed.type === 'ServiceRequest'
      ? this.mapServiceRequest(parsed)
      : this.mapImagingStudy(parsed);
  }

  private replacedTargetOf(resource: JsonObject): ReferenceTarget | null {
    for (const reference of readObjects(resource.replaces)) {
      const target = readReferenceTarget(reference);
      if (target !== null && (target.type === null || target.type === 'ServiceRequest'))
        return target;
    }
    return null;
  }

  /** The original order of a chain of replacements (A replaced by B replaced by C → A). */
  private rootOrderOf(requestId: string): string {
    let current = requestId;
    for (let step = 0; step < 100; step += 1) {
      const next = this.replacedBy.get(current);
      if (next === undefined || next === requestId) return current;
      current = next;
    }
    return current;
  }

  private mapServiceRequest(parsed: Parsed): FhirMapperOutput[] {
    const { source, resource, id } = parsed;
    const status = readString(resource.status);
    if (status === 'draft') {
      this.count(source, 'ServiceRequests with status draft (not yet ordered)', 'ignored');
      return [];
    }
    const problems: FhirRejection[] = [];
    if (id === null)
      problems.push(rejection(source, 'ServiceRequest.id', 'no id (and no Bundle fullUrl)'));
    const subject = readReferenceTarget(resource.subject);
    if (subject === null) {
      problems.push(rejection(source, 'ServiceRequest.subject', 'no subject reference'));
    } else if (subject.type !== null && subject.type !== 'Patient') {
      problems.push(
        rejection(source, 'ServiceRequest.subject', `subject is a ${subject.type}, not a Patient`),
      );
    }
    const authoredOn = readString(resource.authoredOn);
    const authoredMs = parseInstantMs(authoredOn);
    if (authoredOn === null) {
      const occurrence =
        readString(resource.occurrenceDateTime) ?? readObject(resource.occurrencePeriod);
      problems.push(
        rejection(
          source,
          'ServiceRequest.authoredOn',
          occurrence === null
            ? 'no order time'
            : 'no order time (occurrence is when the exam is to be done, not when it was ordered)',
        ),
      );
    } else if (authoredMs === null) {
      problems.push(
        rejection(source, 'ServiceRequest.authoredOn', `"${authoredOn}" is not a date-time`),
      );
    }
    const modality = inferModalityOfConcept(resource.code)?.modality ?? null;
    const replaced = this.replacedTargetOf(resource);
    const revoked = status === 'revoked';
    const requester = readObject(resource.requester);
    const requesterTarget = readReferenceTarget(requester);
    const requesterName = readString(requester?.display);
    const procedure = readConceptText(resource.code);
    const statusReason = readStatusReason(resource);
    const revokedAt = readString(readObject(resource.meta)?.lastUpdated) ?? authoredOn;

    if (replaced !== null) {
      if (modality === null) {
        problems.push(
          rejection(source, 'ServiceRequest.code', 'no imaging modality for the replacing order'),
        );
      }
      const orderId = this.rootOrderOf(replaced.id);
      const originalSubject = this.requestSubjects.get(orderId);
      if (subject !== null && originalSubject !== undefined && originalSubject !== subject.id) {
        problems.push(
          rejection(
            source,
            'ServiceRequest.subject',
            'subjects disagree: the replacing ServiceRequest names another patient than the order it replaces',
          ),
        );
      }
      if (problems.length > 0) return problems;
      if (!this.requestSubjects.has(orderId)) {
        this.count(
          source,
          'replacing ServiceRequests whose original never arrived',
          'emitted as changes of an order the normaliser must know',
        );
      }
      const outputs: FhirMapperOutput[] = [
        recordOf(source, 'order_changes', {
          order_id: orderId,
          changed_at: authoredOn,
          action: 'MODALITY_CHANGE',
          new_modality: modality,
          new_procedure: procedure,
          // A revoked replacement's statusReason explains the revocation, not the change.
          reason: revoked ? joinNotes(resource) : (statusReason ?? joinNotes(resource)),
          changed_by: requesterName ?? requesterTarget?.id ?? null,
        }),
      ];
      if (revoked) outputs.push(this.cancelOf(source, resource, orderId, revokedAt, statusReason));
      return outputs;
    }

    if (modality === null) {
      problems.push(
        rejection(
          source,
          'ServiceRequest.code',
          'no imaging modality (DICOM modality code, LOINC imaging code or modality named in the text)',
        ),
      );
    }
    if (problems.length > 0 || id === null || subject === null || authoredMs === null)
      return problems;

    const encounter = readReferenceTarget(resource.encounter);
    let setting: string | null = null;
    if (encounter !== null) {
      const known = this.encounterSettings.get(encounter.id);
      if (known === undefined) {
        this.count(source, 'ServiceRequests whose Encounter never arrived', 'setting left empty');
      }
      setting = known ?? null;
    }
    const reasons = readObjects(resource.reasonCode);
    const indicationCodes = reasons.flatMap((reason) =>
      readCodings(reason)
        .filter((coding) => coding.system === ICD10CM_SYSTEM && coding.code !== undefined)
        .map((coding) => coding.code as string),
    );
    const indicationTexts = reasons
      .map((reason) => readString(reason.text))
      .filter((text): text is string => text !== null);
    const doseAlert = readExtension(resource, DOSE_ALERT_SHOWN_EXTENSION)?.valueBoolean;

    const outputs: FhirMapperOutput[] = [
      recordOf(source, 'orders', {
        order_id: id,
        patient_id: subject.id,
        ordered_at: authoredOn,
        provider_id:
          requesterTarget !== null &&
          (requesterTarget.type === 'Practitioner' || requesterTarget.type === 'PractitionerRole')
            ? requesterTarget.id
            : null,
        provider_name: requesterName,
        department: readDepartment(resource),
        setting,
        indication_code: indicationCodes.length > 0 ? indicationCodes.join(';') : null,
        indication_text: indicationTexts.length > 0 ? indicationTexts.join('; ') : null,
        requested_modality: modality,
        requested_procedure: procedure,
        pregnancy_status: this.factAt(subject.id, 'pregnancy_status', authoredMs),
        contrast_allergy: this.factAt(subject.id, 'contrast_allergy', authoredMs),
        egfr: this.factAt(subject.id, 'egfr', authoredMs),
        dose_alert_shown: typeof doseAlert === 'boolean' ? String(doseAlert) : null,
        comment: joinNotes(resource),
      }),
    ];
    // A revoked order that another ServiceRequest replaces was changed, not cancelled.
    if (revoked && !this.replacedIds.has(id)) {
      outputs.push(this.cancelOf(source, resource, id, revokedAt, statusReason));
    }
    return outputs;
  }

  private cancelOf(
    source: Source,
    resource: JsonObject,
    orderId: string,
    changedAt: string | null,
    reason: string | null,
  ): FhirRecordOutput {
    return recordOf(source, 'order_changes', {
      order_id: orderId,
      changed_at: changedAt,
      action: 'CANCEL',
      reason,
      changed_by: readString(readExtension(resource, CHANGED_BY_EXTENSION)?.valueString),
    });
  }

  private mapImagingStudy({ source, resource }: Parsed): FhirMapperOutput[] {
    const status = readString(resource.status);
    if (status === 'cancelled') {
      this.count(source, 'ImagingStudies with status cancelled (not performed)', 'ignored');
      return [];
    }
    const problems: FhirRejection[] = [];
    const accession = readAccession(resource);
    if (accession === null) {
      problems.push(
        rejection(source, 'ImagingStudy.identifier', 'no accession number or Study Instance UID'),
      );
    }
    const subject = readReferenceTarget(resource.subject);
    if (subject === null || (subject.type !== null && subject.type !== 'Patient')) {
      problems.push(rejection(source, 'ImagingStudy.subject', 'no Patient subject reference'));
    }
    const started = readString(resource.started);
    if (started === null)
      problems.push(rejection(source, 'ImagingStudy.started', 'no time the study was performed'));
    const series = readObjects(resource.series);
    const modality =
      readObjects(resource.modality)
        .map((coding) => modalityOfCoding(readCoding(coding)))
        .find((found) => found !== null) ??
      series
        .map((entry) => modalityOfCoding(readCoding(entry.modality)))
        .find((found) => found !== null) ??
      null;
    if (modality === null) {
      problems.push(
        rejection(
          source,
          'ImagingStudy.modality',
          'no modality (in ImagingStudy.modality or series)',
        ),
      );
    }
    const basedOn = readObjects(resource.basedOn)
      .map((reference) => readReferenceTarget(reference))
      .find(
        (target) => target !== null && (target.type === null || target.type === 'ServiceRequest'),
      );
    let orderId: string | null = null;
    if (basedOn !== undefined && basedOn !== null) {
      orderId = this.rootOrderOf(basedOn.id);
      const requestSubject =
        this.requestSubjects.get(basedOn.id) ?? this.requestSubjects.get(orderId);
      if (subject !== null && requestSubject !== undefined && requestSubject !== subject.id) {
        problems.push(
          rejection(
            source,
            'ImagingStudy.subject',
            'subjects disagree: the ImagingStudy names another patient than the ServiceRequest it is based on',
          ),
        );
      } else if (requestSubject === undefined) {
        this.count(
          source,
          'ImagingStudies whose ServiceRequest never arrived',
          'emitted with its order_id for the normaliser to check',
        );
      }
    }
    if (problems.length > 0 || subject === null) return problems;
    const procedureCode = readObjects(resource.procedureCode)[0];
    return [
      recordOf(source, 'exams', {
        accession,
        patient_id: subject.id,
        order_id: orderId,
        performed_at: started,
        modality,
        procedure: procedureCode === undefined ? null : readConceptText(procedureCode),
        body_region:
          series.map((entry) => bodyRegionOf(entry.bodySite)).find((region) => region !== null) ??
          null,
        ctdivol_mgy: formatDecimal(readExtension(resource, CTDIVOL_MGY_EXTENSION)?.valueDecimal),
        dlp_mgycm: formatDecimal(readExtension(resource, DLP_MGYCM_EXTENSION)?.valueDecimal),
        effective_dose_msv: formatDecimal(
          readExtension(resource, EFFECTIVE_DOSE_MSV_EXTENSION)?.valueDecimal,
        ),
      }),
    ];
  }

  /** Counts ignorable content so that a million lab Observations make one note, not a million. */
  private count(source: Source, what: string, verdict: string): void {
    if (this.collecting) return;
    const key = `${what}: ${verdict}`;
    const counter = this.counters.get(key);
    if (counter !== undefined) counter.count += 1;
    else this.counters.set(key, { count: 1, first: source, note: key });
  }
}

function rejection(source: Source, field: string, reason: string): FhirRejection {
  return { kind: 'rejection', file: source.file, recordNumber: source.recordNumber, field, reason };
}

function recordOf(
  source: Source,
  entity: ImportEntity,
  values: Record<string, string | null>,
): FhirRecordOutput {
  const record: ImportRecord = {};
  for (const column of IMPORT_COLUMNS[entity]) record[column.name] = values[column.name] ?? null;
  return { kind: 'record', entity, record, file: source.file, recordNumber: source.recordNumber };
}

function joinNotes(resource: JsonObject): string | null {
  const texts = readObjects(resource.note)
    .map((note) => readString(note.text))
    .filter((text): text is string => text !== null);
  return texts.length > 0 ? texts.join('\n') : null;
}

/** `statusReason` as an element (R5-style JSON) or the R4 `request-statusReason` extension. */
function readStatusReason(resource: JsonObject): string | null {
  const element = resource.statusReason;
  const fromElement = readString(element) ?? readConceptText(element);
  if (fromElement !== null) return fromElement;
  const extension = readObjects(resource.extension).find(
    (candidate) => typeof candidate.url === 'string' && candidate.url.endsWith('statusReason'),
  );
  if (extension === undefined) return null;
  return readString(extension.valueString) ?? readConceptText(extension.valueCodeableConcept);
}

/**
 * The ordering department: `locationCode` (text or display) when present, else the display of
 * a `performer` that is an Organization or HealthcareService.
 */
function readDepartment(resource: JsonObject): string | null {
  for (const location of readObjects(resource.locationCode)) {
    const text = readConceptText(location);
    if (text !== null) return text;
  }
  for (const performer of readObjects(resource.performer)) {
    const target = readReferenceTarget(performer);
    const display = readString(performer.display);
    if (
      display !== null &&
      target !== null &&
      (target.type === 'Organization' || target.type === 'HealthcareService')
    ) {
      return display;
    }
  }
  return null;
}

/** Accession: an identifier typed ACSN or whose system names accession; else the Study UID. */
function readAccession(resource: JsonObject): string | null {
  const identifiers = readObjects(resource.identifier);
  for (const identifier of identifiers) {
    const value = readString(identifier.value);
    const isAccession =
      readCodings(identifier.type).some(
        (coding) =>
          coding.code === 'ACSN' &&
          (coding.system === undefined || coding.system === IDENTIFIER_TYPE_SYSTEM),
      ) || /accession/i.test(readString(identifier.system) ?? '');
    if (value !== null && isAccession) return value;
  }
  for (const identifier of identifiers) {
    const value = readString(identifier.value);
    if (value !== null && readString(identifier.system) === 'urn:dicom:uid')
      return value.replace(/^urn:oid:/, '');
  }
  return null;
}

function bodyRegionOf(bodySite: unknown): string | null {
  const coding = readCoding(bodySite);
  if (coding === null || coding.code === undefined) return null;
  if (coding.system === BODY_REGION_SYSTEM) {
    const region = coding.code.toUpperCase();
    return BODY_REGION_SET.has(region) ? region : null;
  }
  if (
    coding.system !== undefined &&
    coding.system !== SNOMED_SYSTEM &&
    !coding.system.startsWith('http://snomed.info/')
  ) {
    return null;
  }
  return SNOMED_BODY_REGION[coding.code] ?? null;
}
