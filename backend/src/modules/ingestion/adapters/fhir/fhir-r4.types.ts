// FHIR R4 types from @types/fhir, under the name the adapter uses.
export type * from 'fhir/r4.js';
