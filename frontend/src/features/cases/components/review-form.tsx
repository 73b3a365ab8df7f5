import { useId, useState, type FormEvent } from 'react';
import { FormStatus } from '../../../app/page-states.js';
import { REVIEW_CASE_MUTATION } from '../graphql/cases.graphql.js';
import { useCaseMutation } from '../hooks/use-case-mutation.js';
import {
  DISPOSITIONS,
  DISPOSITION_DESCRIPTIONS,
  DISPOSITION_LABELS,
  type DispositionCode,
} from '../utils/case-labels.js';

const NOTE_LIMIT = 2000;

/** Record a disposition and a note; the case's history and the list update from the answer. */
export const ReviewForm = ({ caseId }: { readonly caseId: string }) => {
  const [disposition, setDisposition] = useState<DispositionCode | null>(null);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // the answer is the whole case, with its new review: the case page shows it at once
  const [review, { loading }] = useCaseMutation(
    REVIEW_CASE_MUTATION,
    caseId,
    (data) => data.reviewCase,
  );
  const ids = { legend: useId(), note: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!disposition) {
      setMessage({ ok: false, text: 'Choose a disposition before saving the review.' });
      return;
    }
    setMessage(null);
    try {
      await review({
        variables: { input: { caseId, disposition, note: note.trim() || null } },
      });
      setMessage({ ok: true, text: `Review saved: ${DISPOSITION_LABELS[disposition]}.` });
      setNote('');
      setDisposition(null);
    } catch (error) {
      setMessage({
        ok: false,
        text: `The review was not saved: ${(error as Error).message}`,
      });
    }
  };

  return (
    <form className="review-form" onSubmit={(event) => void submit(event)} noValidate>
      <fieldset aria-describedby={ids.legend}>
        <legend id={ids.legend}>Disposition</legend>
        {DISPOSITIONS.map((code) => (
          <label key={code} className="disposition-option">
            <input
              type="radio"
              name="disposition"
              value={code}
              checked={disposition === code}
              onChange={() => setDisposition(code)}
            />
            <span>{DISPOSITION_LABELS[code]}</span>
            <small>{DISPOSITION_DESCRIPTIONS[code]}</small>
          </label>
        ))}
      </fieldset>
      <label className="note-label" htmlFor={ids.note}>
        Note (optional)
      </label>
      <textarea
        id={ids.note}
        value={note}
        maxLength={NOTE_LIMIT}
        onChange={(event) => setNote(event.target.value)}
        placeholder="What you checked, and why you decided so"
      />
      <p className="case-actions">
        <button type="submit" className="button-primary" disabled={loading}>
          {loading ? 'Saving…' : 'Save review'}
        </button>
      </p>
      {message ? <FormStatus message={message} /> : null}
    </form>
  );
};
