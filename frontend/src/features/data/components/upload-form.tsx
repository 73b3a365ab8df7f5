import { useId, useRef, useState, type FormEvent } from 'react';
import {
  ACCEPTED_UPLOADS,
  describeUploadResult,
  uploadImport,
  type UploadImportResult,
} from '../utils/upload-import.js';

/** Upload a zipped CSV folder, FHIR or DICOM dose reports; the run appears in the list below. */
export const UploadForm = ({
  onStarted,
  onFinished,
}: {
  readonly onStarted: () => void;
  readonly onFinished: (result: UploadImportResult | null) => void;
}) => {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{
    ok: boolean;
    text: string;
    notes?: readonly string[];
  } | null>(null);
  const ids = { file: useId(), help: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setMessage({ ok: false, text: 'Choose a file to import first.' });
      return;
    }
    setBusy(true);
    setMessage({
      ok: true,
      text: `Importing ${file.name}… the run shows in the list below while it runs.`,
    });
    onStarted();
    try {
      const result = await uploadImport(file);
      setMessage({ ok: true, text: describeUploadResult(result), notes: result.notes });
      onFinished(result);
      if (input.current) input.current.value = '';
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
      onFinished(null);
    } finally {
      setBusy(false);
    }
  };

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
        {busy ? 'Importing…' : 'Import'}
      </button>
      <p id={ids.help} className="muted-note upload-help">
        A .zip of a CSV folder (orders.csv and the files beside it, in the import format), FHIR R4
        (.json Bundle or .ndjson, or a .zip of them) or DICOM dose reports (.dcm, or a .zip of
        them). Up to 512 MB; larger loads go through <code>npm run grounds -- import</code>.
      </p>
      {message ? (
        <div
          className={`form-status ${message.ok ? 'form-status-ok' : 'form-status-error'}`}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
          {message.notes && message.notes.length > 0 ? (
            <ul className="upload-notes">
              {message.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
};
