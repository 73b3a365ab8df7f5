import { FhirMapper, type FhirMapperOutput } from './map-fhir.js';
import { readFhirResources } from './read-fhir.js';

/**
 * Maps a FHIR file or directory in two passes over the files: the first collects the small
 * facts orders and exams depend on (Encounter classes, eGFR/pregnancy/allergy per patient,
 * ServiceRequest subjects and replacements), the second emits every record as it is mapped.
 * Memory stays proportional to patients and facts, never to the size of the extract.
 */
export async function* mapFhirPath(path: string): AsyncGenerator<FhirMapperOutput> {
  const mapper = new FhirMapper();
  for await (const item of readFhirResources(path)) mapper.collect(item);
  for await (const item of readFhirResources(path)) yield* mapper.map(item);
  yield* mapper.finish();
}
