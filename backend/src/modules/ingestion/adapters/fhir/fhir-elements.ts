import type * as fhir4 from './fhir-r4.types.js';

/**
 * Guards for reading untrusted FHIR JSON: each returns a well-typed value or null/[] when the
 * element is missing or has the wrong JSON type, so a malformed resource cannot crash a run.
 */

export const DICOM_MODALITY_SYSTEM = 'http://dicom.nema.org/resources/ontology/DCM';
export const LOINC_SYSTEM = 'http://loinc.org';
export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const IDENTIFIER_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const DATA_ABSENT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
/** R4 has no ServiceRequest.statusReason; this standard extension carries it. */
export const STATUS_REASON_EXTENSION =
  'http://hl7.org/fhir/StructureDefinition/request-statusReason';
/** Our own extensions, for columns FHIR R4 has no element for. */
export const EXTENSION_BASE = 'urn:clinical-grounds:fhir:extension:';
export const DOSE_ALERT_SHOWN_EXTENSION = `${EXTENSION_BASE}dose-alert-shown`;
export const CHANGED_BY_EXTENSION = `${EXTENSION_BASE}changed-by`;
export const CTDIVOL_MGY_EXTENSION = `${EXTENSION_BASE}ctdivol-mgy`;
export const DLP_MGYCM_EXTENSION = `${EXTENSION_BASE}dlp-mgycm`;
export const EFFECTIVE_DOSE_MSV_EXTENSION = `${EXTENSION_BASE}effective-dose-msv`;

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const readString = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

export const readObjects = (value: unknown): JsonObject[] =>
  Array.isArray(value) ? value.filter(isJsonObject) : [];

export const readObject = (value: unknown): JsonObject | null =>
  isJsonObject(value) ? value : null;

export function readCodings(concept: unknown): fhir4.Coding[] {
  const object = readObject(concept);
  if (object === null) return [];
  return readObjects(object.coding).map((coding) => ({
    system: readString(coding.system) ?? undefined,
    code: readString(coding.code) ?? undefined,
    display: readString(coding.display) ?? undefined,
  }));
}

/** A single Coding element (e.g. Encounter.class) read defensively. */
export function readCoding(value: unknown): fhir4.Coding | null {
  const object = readObject(value);
  if (object === null) return null;
  return {
    system: readString(object.system) ?? undefined,
    code: readString(object.code) ?? undefined,
    display: readString(object.display) ?? undefined,
  };
}

/** `text` of a CodeableConcept, else the display of its first coding that has one. */
export function readConceptText(concept: unknown): string | null {
  const object = readObject(concept);
  if (object === null) return null;
  return readString(object.text) ?? readCodings(object).find((c) => c.display)?.display ?? null;
}

export interface ReferenceTarget {
  /** Resource type named by the reference; null for `urn:uuid:`/`urn:oid:` references. */
  readonly type: string | null;
  readonly id: string;
}

/**
 * The target of a literal reference: `Type/id`, an absolute URL ending in `Type/id` (with or
 * without `/_history/n`), or a Bundle-local `urn:uuid:x` (id x, type unknown). Contained
 * (`#x`) and identifier-only references have no target here.
 */
export function readReferenceTarget(reference: unknown): ReferenceTarget | null {
  const text = readString(readObject(reference)?.reference);
  if (text === null || text.startsWith('#')) return null;
  const urn = /^urn:(?:uuid|oid):(.+)$/i.exec(text);
  if (urn) return { type: null, id: urn[1] };
  const path = text.replace(/\/_history\/[^/]+$/, '');
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([^/]+)$/.exec(path);
  return match ? { type: match[1], id: match[2] } : null;
}

/** The id of a resource: `id`, else the last segment of its Bundle `fullUrl`. */
export function readResourceId(resource: JsonObject, fullUrl: string | undefined): string | null {
  const id = readString(resource.id);
  if (id !== null) return id;
  if (fullUrl === undefined) return null;
  return readReferenceTarget({ reference: fullUrl })?.id ?? null;
}

export function readExtension(resource: JsonObject, url: string): JsonObject | null {
  return readObjects(resource.extension).find((extension) => extension.url === url) ?? null;
}

/**
 * Milliseconds since the epoch of a FHIR date or dateTime. A date or partial date is taken as
 * its first instant; a time without an offset (invalid in FHIR) is read as UTC. Used only to
 * order facts against order times, never written to a record.
 */
export function parseInstantMs(text: string | null): number | null {
  if (text === null) return null;
  let iso = text;
  if (/^\d{4}$/.test(iso)) iso = `${iso}-01-01`;
  if (/^\d{4}-\d{2}$/.test(iso)) iso = `${iso}-01`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso = `${iso}T00:00:00Z`;
  else if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(iso)) iso = `${iso}Z`;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return null;
  const milliseconds = Date.parse(iso);
  return Number.isNaN(milliseconds) ? null : milliseconds;
}

/** A decimal as import-format text: finite numbers only, in JavaScript's shortest form. */
export const formatDecimal = (value: unknown): string | null =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
