import { useEffect, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { EmptyState, ErrorState, LoadingState } from '../../../app/page-states.js';
import { useSiteTimeZone } from '../../cases/hooks/use-site-time-zone.js';
import { formatCount, formatDateTime } from '../../cases/utils/format-case-values.js';
import { INGEST_RUNS_QUERY, REJECTIONS_QUERY } from '../graphql/data.graphql.js';
import { hasFinished } from '../utils/upload-import.js';
import { UploadForm } from './upload-form.js';

const STATUS_LABELS: Readonly<Record<string, string>> = {
  queued: 'Waiting',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

const SHOWN_REJECTIONS = 100;

const KIND_LABELS: Readonly<Record<string, string>> = {
  csv: 'CSV import',
  fhir: 'FHIR import',
  rdsr: 'Dose reports',
  postgres: 'Hospital database',
  analyse: 'Analysis',
};

const REASSESSMENT_LABELS: Readonly<Record<string, string>> = {
  settings: 'Reassessment after a settings change',
  reference: 'Reassessment after a new appropriateness table',
};

/** "CSV import", or "CSV import (source lab)" when the source has its own name. */
const describeSource = (kind: string, source: string): string => {
  if (kind === 'analyse') return REASSESSMENT_LABELS[source] ?? `Reassessment (${source})`;
  const label = KIND_LABELS[kind] ?? kind;
  return source === kind || (kind === 'rdsr' && source === 'rdsr')
    ? label
    : `${label} (source ${source})`;
};

const SHOWN_FILES = 4;

/** What a run read: its target and, for loads, the files in it ("orders.csv, exams.csv"). */
const LoadedFrom = ({
  target,
  files,
}: {
  readonly target: string | null;
  readonly files: readonly string[];
}) => {
  const shown = files.slice(0, SHOWN_FILES);
  const more = files.length - shown.length;
  return (
    <>
      {target ? <span className="run-target">{target}</span> : null}
      {files.length > 0 ? (
        <span className="run-files" title={files.join('\n')}>
          {shown.join(', ')}
          {more > 0 ? ` and ${formatCount(more)} more` : ''}
        </span>
      ) : null}
      {!target && files.length === 0 ? <span className="run-files">Not recorded</span> : null}
    </>
  );
};

/** The rejected records of one run, with their reasons, and the CSV of all of them. */
const RunRejections = ({ runId, total }: { readonly runId: string; readonly total: number }) => {
  const { data, error, loading } = useQuery(REJECTIONS_QUERY, {
    variables: { runId, first: SHOWN_REJECTIONS },
  });
  const csvHref = `/exports/rejections.csv?runId=${encodeURIComponent(runId)}`;
  return (
    <section className="card rejections" aria-labelledby="rejections-heading">
      <div className="case-list-head">
        <h2 id="rejections-heading">Rejections of run {runId}</h2>
        <a className="button-secondary" href={csvHref} download>
          Download {total === 1 ? 'it' : `all ${formatCount(total)}`} as CSV
        </a>
      </div>
      {error ? (
        <ErrorState what="the rejections" error={error} />
      ) : loading || !data ? (
        <LoadingState what="the rejections" />
      ) : data.rejections.nodes.length === 0 ? (
        <EmptyState>This run rejected nothing.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>
              {data.rejections.totalCount > data.rejections.nodes.length
                ? `The first ${formatCount(data.rejections.nodes.length)} of ${formatCount(data.rejections.totalCount)} rejected records or warnings; the CSV has them all.`
                : `${formatCount(data.rejections.totalCount)} rejected ${data.rejections.totalCount === 1 ? 'record or warning' : 'records or warnings'}.`}{' '}
              Line: where the record starts in its file.
            </caption>
            <thead>
              <tr>
                <th scope="col" className="text-cell">
                  File
                </th>
                <th scope="col">Line</th>
                <th scope="col" className="text-cell">
                  Field
                </th>
                <th scope="col" className="text-cell">
                  Reason
                </th>
                <th scope="col" className="text-cell">
                  Record as read
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rejections.nodes.map((rejection, index) => (
                <tr key={`${rejection.file}-${rejection.line}-${rejection.field}-${index}`}>
                  <th scope="row" className="text-cell">
                    {rejection.file}
                  </th>
                  <td>{rejection.line ?? '—'}</td>
                  <td className="text-cell">{rejection.field ?? '(whole record)'}</td>
                  <td className="text-cell">{rejection.reason}</td>
                  <td className="text-cell raw-cell">
                    {rejection.raw ? <code>{rejection.raw}</code> : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

/** The Data page: upload an import, the runs with their counts, a run's rejections. */
export const IngestRuns = () => {
  const timeZone = useSiteTimeZone();
  const [uploading, setUploading] = useState(false);
  const [watched, setWatched] = useState<string | null>(null);
  // undefined: nothing chosen yet, so the uploaded file's run is shown if it rejected anything
  const [chosen, setSelected] = useState<string | null | undefined>(undefined);
  const { data, error, loading, refetch, startPolling, stopPolling } = useQuery(INGEST_RUNS_QUERY, {
    variables: { first: 50 },
    notifyOnNetworkStatusChange: false,
  });
  const runs = data?.ingestRuns.nodes ?? [];
  const running = runs.some((run) => run.status === 'running' || run.status === 'queued');
  // while an import runs (this page's upload, or one from the command line) its counts change:
  // ask again every two seconds until none is running
  useEffect(() => {
    if (uploading || running) startPolling(2000);
    else stopPolling();
    return () => stopPolling();
  }, [uploading, running, startPolling, stopPolling]);
  const watchedRun = runs.find((run) => run.id === watched) ?? null;
  const watchedRejected =
    watchedRun !== null &&
    hasFinished(watchedRun) &&
    watchedRun.rowsRejected + watchedRun.warnings > 0;
  const selected = chosen === undefined ? (watchedRejected ? watched : null) : chosen;
  const selectedRun = runs.find((run) => run.id === selected) ?? null;

  return (
    <>
      <section className="card case-section" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Import a file</h2>
        <UploadForm
          watchedRun={watchedRun}
          onStarted={() => {
            setWatched(null);
            setSelected(undefined);
            setUploading(true);
          }}
          onAccepted={(runId) => {
            setWatched(runId);
            setUploading(false);
            void refetch();
          }}
          onRefused={() => setUploading(false)}
        />
      </section>
      <section className="card case-section" aria-labelledby="runs-heading" aria-busy={loading}>
        <div className="case-list-head">
          <h2 id="runs-heading">Import runs</h2>
          {running ? (
            <span className="filters-status" role="status">
              {runs.some(
                (run) =>
                  run.kind === 'analyse' && run.status !== 'succeeded' && run.status !== 'failed',
              )
                ? 'An import or reassessment is running; this list updates as it goes.'
                : 'An import is running; its counts update here.'}
            </span>
          ) : null}
        </div>
        {error ? (
          <ErrorState what="the import runs" error={error} />
        ) : !data ? (
          <LoadingState what="the import runs" />
        ) : runs.length === 0 ? (
          <EmptyState>No import has run yet: import a file above.</EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption>
                Newest first, times in {timeZone}. Imports and the reassessments that follow a
                change of settings or reference data. Read: records (or files) read; loaded: kept in
                the model; rejected: records refused with a reason (select a run to see them).
              </caption>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col" className="text-cell">
                    What was loaded
                  </th>
                  <th scope="col" className="text-cell">
                    Started by
                  </th>
                  <th scope="col" className="text-cell">
                    Status
                  </th>
                  <th scope="col">Started</th>
                  <th scope="col">Finished</th>
                  <th scope="col">Read</th>
                  <th scope="col">Loaded</th>
                  <th scope="col">Rejected</th>
                  <th scope="col">Warnings</th>
                  <th scope="col" className="text-cell">
                    <span className="visually-hidden">Rejections</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id} className={run.id === selected ? 'signal-row' : undefined}>
                    <th scope="row">{run.id}</th>
                    <td className="text-cell run-loaded-from">
                      <span className="run-source">{describeSource(run.kind, run.source)}</span>
                      <LoadedFrom target={run.target} files={run.files} />
                    </td>
                    <td className="text-cell">{run.startedBy}</td>
                    <td className={`text-cell run-status run-status-${run.status}`}>
                      {STATUS_LABELS[run.status] ?? run.status}
                      {run.message && (run.status === 'failed' || run.kind === 'analyse') ? (
                        <span className="run-message">{run.message.split('\n').pop()}</span>
                      ) : null}
                    </td>
                    <td>{formatDateTime(run.startedAt, timeZone)}</td>
                    <td>{run.finishedAt ? formatDateTime(run.finishedAt, timeZone) : '—'}</td>
                    <td>{formatCount(run.rowsRead)}</td>
                    <td>{formatCount(run.rowsLoaded)}</td>
                    <td>{formatCount(run.rowsRejected)}</td>
                    <td>{formatCount(run.warnings)}</td>
                    <td className="text-cell">
                      {run.rowsRejected + run.warnings > 0 ? (
                        <button
                          type="button"
                          className="button-link"
                          aria-pressed={run.id === selected}
                          onClick={() => setSelected(run.id === selected ? null : run.id)}
                        >
                          {run.id === selected
                            ? 'Hide rejections'
                            : `Show rejections of run ${run.id}`}
                        </button>
                      ) : (
                        <span className="muted-note">None rejected</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {selectedRun ? (
        <RunRejections
          runId={selectedRun.id}
          total={selectedRun.rowsRejected + selectedRun.warnings}
        />
      ) : null}
    </>
  );
};
