/**
 * The subset of FHIR R4 (4.0.1) this adapter reads and writes, shaped like the `fhir4`
 * namespace of `@types/fhir` 0.0.x. The installed `@types/fhir` (3.0.2) only describes STU3,
 * which has no ServiceRequest; once the workspace pins an R4-capable version, replace
 * `import type * as fhir4 from './fhir-r4.types.js'` with the global `fhir4` namespace.
 *
 * Input is untrusted JSON, so the mapper never relies on these types being true at run time:
 * every leaf is read through the guards in `fhir-elements.ts`.
 */

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  use?: string;
  type?: CodeableConcept;
  system?: string;
  value?: string;
}

export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
}

export interface Quantity {
  value?: number;
  unit?: string;
  system?: string;
  code?: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Annotation {
  text: string;
  time?: string;
  authorString?: string;
}

export interface Extension {
  url: string;
  valueString?: string;
  valueCodeableConcept?: CodeableConcept;
  valueDecimal?: number;
  valueQuantity?: Quantity;
}

export interface Meta {
  lastUpdated?: string;
  profile?: string[];
}

export interface Resource {
  resourceType: string;
  id?: string;
  meta?: Meta;
  extension?: Extension[];
}

export interface Patient extends Resource {
  resourceType: 'Patient';
  identifier?: Identifier[];
  gender?: 'male' | 'female' | 'other' | 'unknown';
  birthDate?: string;
}

export interface Encounter extends Resource {
  resourceType: 'Encounter';
  status: string;
  class: Coding;
  subject?: Reference;
}

export interface ServiceRequest extends Resource {
  resourceType: 'ServiceRequest';
  status: string;
  intent: string;
  replaces?: Reference[];
  code?: CodeableConcept;
  subject: Reference;
  encounter?: Reference;
  authoredOn?: string;
  requester?: Reference;
  performer?: Reference[];
  locationCode?: CodeableConcept[];
  reasonCode?: CodeableConcept[];
  note?: Annotation[];
}

export interface ImagingStudySeries {
  uid: string;
  modality: Coding;
  bodySite?: Coding;
  started?: string;
}

export interface ImagingStudy extends Resource {
  resourceType: 'ImagingStudy';
  identifier?: Identifier[];
  status: string;
  modality?: Coding[];
  subject: Reference;
  started?: string;
  basedOn?: Reference[];
  procedureCode?: CodeableConcept[];
  series?: ImagingStudySeries[];
}

export interface Observation extends Resource {
  resourceType: 'Observation';
  status: string;
  code: CodeableConcept;
  subject?: Reference;
  effectiveDateTime?: string;
  effectivePeriod?: Period;
  issued?: string;
  valueQuantity?: Quantity;
  valueCodeableConcept?: CodeableConcept;
  dataAbsentReason?: CodeableConcept;
}

export interface AllergyIntolerance extends Resource {
  resourceType: 'AllergyIntolerance';
  clinicalStatus?: CodeableConcept;
  verificationStatus?: CodeableConcept;
  category?: string[];
  code?: CodeableConcept;
  patient: Reference;
  recordedDate?: string;
  onsetDateTime?: string;
}

export interface BundleEntry {
  fullUrl?: string;
  resource?: Resource;
}

export interface Bundle extends Resource {
  resourceType: 'Bundle';
  type: string;
  entry?: BundleEntry[];
}
