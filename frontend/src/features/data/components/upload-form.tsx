import { useId, useRef, useState, type FormEvent } from 'react';
import { FormStatus } from '../../../app/page-states.js';
import {
  ACCEPTED_UPLOADS,
  describeFinishedRun,
  hasFinished,
  uploadImport,
  type FinishedRun,
} from '../utils/upload-import.js';

/**
 * Upload a zipped CSV folder, FHIR or DICOM dose reports. The server answers as soon as the
 * import's run is open; the run then shows in the list below, and this form says how it ended
 * once the list sees it finished (`watchedRun`, the row of the run it started).
 */
export const UploadForm = ({
  watchedRun,
  onStarted,
  onAccepted,
  onRefused,
}: {
  readonly watchedRun: FinishedRun | null;
  readonly onStarted: () => void;
  readonly onAccepted: (runId: string) => void;
  readonly onRefused: () => void;
}) => {
  const input = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const ids = { file: useId(), help: useId() };
  const finished = watchedRun !== null && hasFinished(watchedRun);
  const running = watchedRun !== null && !finished;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setMessage({ ok: false, text: 'Choose a file to import first.' });
      return;
    }
    setSending(true);
    setMessage({ ok: true, text: `Sending ${file.name}…` });
    onStarted();
    try {
      const started = await uploadImport(file);
      setMessage({
        ok: true,
        text: `Import run ${started.runId} started from ${file.name}; it runs on the server and its counts show in the list below.`,
      });
      onAccepted(String(started.runId));
      if (input.current) input.current.value = '';
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
      onRefused();
    } finally {
      setSending(false);
    }
  };

  // once the started run has ended, its outcome replaces the "started" sentence
  const shown =
    finished && watchedRun
      ? {
          ok: watchedRun.status === 'succeeded',
          text: describeFinishedRun(watchedRun),
          notes:
            watchedRun.status === 'succeeded' && watchedRun.message
              ? watchedRun.message.split('\n')
              : [],
        }
      : message
        ? { ...message, notes: [] }
        : null;
  const busy = sending || running;

  return (
    <form className="upload-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={ids.file}>File to import</label>
      <input
        ref={input}
        id={ids.file}
        type="file"
        accept={ACCEPTED_UPLOADS}
        aria-describedby={ids.help}
        disabled={busy}
      />
      <button type="submit" className="button-primary" disabled={busy}>
        {sending ? 'Sending…' : running ? 'Importing…' : 'Import'}
      </button>
      <p id={ids.help} className="muted-note upload-help">
        A .zip of a CSV folder (orders.csv and the files beside it, in the import format), FHIR R4
        (.json Bundle or .ndjson, or a .zip of them) or DICOM dose reports (.dcm, or a .zip of
        them). Up to 512 MB; larger loads go through <code>npm run grounds -- import</code>.
      </p>
      {shown ? (
        <FormStatus message={shown}>
          {shown.notes.length > 0 ? (
            <ul className="upload-notes">
              {shown.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          ) : null}
        </FormStatus>
      ) : null}
    </form>
  );
};
