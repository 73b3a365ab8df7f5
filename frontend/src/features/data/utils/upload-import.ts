import { readCsrfToken } from '../../../app/apollo-client.js';

/** What `POST /imports` answers for a finished import. */
export interface UploadImportResult {
  readonly runId: number;
  readonly kind: 'csv' | 'fhir' | 'rdsr';
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  readonly rowsWarned: number;
  readonly touchedPatients: number;
  readonly durationMs: number;
  readonly notes: readonly string[];
}

export const ACCEPTED_UPLOADS = '.zip,.json,.ndjson,.dcm';

const countFormat = new Intl.NumberFormat('en-US');

/** "Import run 12: 6 records read, 5 loaded, 1 rejected, 0 warnings; 2 patients updated in 1.2 s." */
export const describeUploadResult = (result: UploadImportResult): string => {
  const unit = result.kind === 'rdsr' ? 'file' : 'record';
  const seconds = (result.durationMs / 1000).toFixed(1);
  const count = (value: number, noun: string) =>
    `${countFormat.format(value)} ${noun}${value === 1 ? '' : 's'}`;
  return (
    `Import run ${result.runId}: ${count(result.rowsRead, unit)} read, ` +
    `${countFormat.format(result.rowsLoaded)} loaded, ${countFormat.format(result.rowsRejected)} rejected, ` +
    `${count(result.rowsWarned, 'warning')}; ${count(result.touchedPatients, 'patient')} ` +
    `updated in ${seconds} s.`
  );
};

/** Sends the file to `POST /imports` with the session and CSRF token; one sentence on failure. */
export const uploadImport = async (file: File): Promise<UploadImportResult> => {
  const body = new FormData();
  body.append('file', file, file.name);
  const headers = new Headers();
  const token = readCsrfToken(document.cookie);
  if (token) headers.set('X-CSRF-Token', token);
  let response: Response;
  try {
    response = await fetch('/imports', {
      method: 'POST',
      body,
      headers,
      credentials: 'same-origin',
    });
  } catch {
    throw new Error('The server could not be reached; check that it is running and try again.');
  }
  if (response.ok) return (await response.json()) as UploadImportResult;
  const answer = (await response.json().catch(() => null)) as { message?: unknown } | null;
  const message = typeof answer?.message === 'string' ? answer.message : null;
  if (response.status === 413) {
    throw new Error('The file is larger than an upload may be; import it from the command line.');
  }
  if (response.status === 401) throw new Error('Your session has ended; sign in again.');
  if (response.status === 403) throw new Error('Only an administrator may import data.');
  throw new Error(message ?? `The import failed (HTTP ${response.status}).`);
};
