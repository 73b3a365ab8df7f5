/**
 * The import formats as writers: files the adapters read, written by the synthetic generator
 * (`generate --format fhir|rdsr`) and by tests. The public face of the adapters' writers, so
 * other modules never reach into ingestion/adapters/.
 */
export {
  EGFR_WRITE_LOINC,
  FHIR_NDJSON_FILES,
  writeFhirNdjson,
  type FhirNdjsonFile,
  type FhirWriteInput,
  type FhirWriteSummary,
  type RecordSource,
} from './adapters/fhir/write-fhir.js';
export * from './adapters/rdsr/write-dose-report.js';
