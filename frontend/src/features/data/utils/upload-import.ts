import { readCsrfToken } from '../../../app/apollo-client.js';

/** What `POST /imports` answers: the run is open and the import goes on in the background. */
export interface UploadStarted {
  readonly runId: number;
  readonly kind: 'csv' | 'fhir' | 'rdsr';
  readonly status: 'running';
}

/** A run as the Data page lists it: what a finished upload is described from. */
export interface FinishedRun {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  readonly warnings: number;
  readonly message: string | null;
}

export const ACCEPTED_UPLOADS = '.zip,.json,.ndjson,.dcm';

const countFormat = new Intl.NumberFormat('en-US');

/** True once a run has ended, well or not. */
export const hasFinished = (run: Pick<FinishedRun, 'status'>): boolean =>
  run.status === 'succeeded' || run.status === 'failed';

/**
 * "Import run 12: 6 records read, 5 loaded, 1 rejected, 0 warnings; finished in 1.2 s.", or
 * "Import run 12 failed: <why>." for a run that failed.
 */
export const describeFinishedRun = (run: FinishedRun): string => {
  if (run.status === 'failed') {
    return `Import run ${run.id} failed: ${run.message ?? 'no reason was recorded'}`;
  }
  const unit = run.kind === 'rdsr' ? 'file' : 'record';
  const count = (value: number, noun: string) =>
    `${countFormat.format(value)} ${noun}${value === 1 ? '' : 's'}`;
  const seconds =
    run.finishedAt === null
      ? null
      : Math.max(0, (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1);
  return (
    `Import run ${run.id}: ${count(run.rowsRead, unit)} read, ` +
    `${countFormat.format(run.rowsLoaded)} loaded, ${countFormat.format(run.rowsRejected)} rejected, ` +
    `${count(run.warnings, 'warning')}${seconds === null ? '.' : `; finished in ${seconds} s.`}`
  );
};

/** Sends the file to `POST /imports` with the session and CSRF token; one sentence on failure. */
export const uploadImport = async (file: File): Promise<UploadStarted> => {
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
  if (response.ok) return (await response.json()) as UploadStarted;
  const answer = (await response.json().catch(() => null)) as { message?: unknown } | null;
  const message = typeof answer?.message === 'string' ? answer.message : null;
  if (response.status === 413) {
    throw new Error('The file is larger than an upload may be; import it from the command line.');
  }
  if (response.status === 401) throw new Error('Your session has ended; sign in again.');
  if (response.status === 403) throw new Error('Only an administrator may import data.');
  throw new Error(message ?? `The import failed (HTTP ${response.status}).`);
};
