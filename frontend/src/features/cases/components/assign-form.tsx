import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { FormStatus } from '../../../app/page-states.js';
import { ASSIGN_CASE_MUTATION, CASE_ASSIGNEES_QUERY } from '../graphql/cases.graphql.js';
import { useCaseMutation } from '../hooks/use-case-mutation.js';

const ROLE_LABELS: Record<string, string> = {
  QUALITY_MANAGER: 'quality manager',
  ADMIN: 'administrator',
};

/**
 * Who the case is assigned to, and the control that changes it: one of the users who may
 * review cases of its department, the signed-in user in one click, or nobody. The server
 * checks the choice again and records it in the audit trail.
 */
export const AssignForm = ({
  caseId,
  assignee,
  myEmail,
}: {
  readonly caseId: string;
  readonly assignee: string | null;
  readonly myEmail: string;
}) => {
  const [choice, setChoice] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const choices = useQuery(CASE_ASSIGNEES_QUERY, { variables: { caseId } });
  // the answer is the whole case with its new assignee: the page shows it at once
  const [assign, { loading }] = useCaseMutation(
    ASSIGN_CASE_MUTATION,
    caseId,
    (data) => data.assignCase,
  );
  const selectId = useId();
  const users = choices.data?.caseAssignees ?? [];
  const mayTakeIt = users.some((user) => user.email === myEmail);

  const save = async (email: string | null) => {
    setMessage(null);
    try {
      await assign({ variables: { input: { caseId, assigneeEmail: email } } });
      setMessage({
        ok: true,
        text:
          email === null
            ? 'The case is no longer assigned.'
            : email === myEmail
              ? 'The case is assigned to you.'
              : `The case is assigned to ${email}.`,
      });
      setChoice('');
    } catch (error) {
      setMessage({ ok: false, text: `The assignment was not saved: ${(error as Error).message}` });
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) {
      setMessage({ ok: false, text: 'Choose who to assign the case to.' });
      return;
    }
    void save(choice);
  };

  return (
    <form className="assign-form" onSubmit={submit} noValidate>
      <p className="assign-current">
        {assignee === null ? (
          'Not assigned to anyone.'
        ) : (
          <>
            Assigned to <strong>{assignee === myEmail ? 'you' : assignee}</strong>
            {assignee === myEmail ? ` (${assignee})` : ''}.
          </>
        )}
      </p>
      {choices.error ? (
        <p className="form-status form-status-error" role="alert">
          The list of reviewers could not be loaded: {choices.error.message}
        </p>
      ) : (
        <div className="assign-row">
          <label htmlFor={selectId}>Assign to</label>
          <select
            id={selectId}
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            disabled={choices.loading || loading}
          >
            <option value="">{choices.loading ? 'Loading reviewers…' : 'Choose a reviewer'}</option>
            {users
              .filter((user) => user.email !== assignee)
              .map((user) => (
                <option key={user.email} value={user.email}>
                  {user.email}
                  {user.email === myEmail ? ' (me)' : ''} — {ROLE_LABELS[user.role] ?? user.role}
                </option>
              ))}
          </select>
          <button type="submit" className="button-primary" disabled={loading || choices.loading}>
            {loading ? 'Saving…' : 'Assign'}
          </button>
        </div>
      )}
      <p className="case-actions">
        {mayTakeIt && assignee !== myEmail ? (
          <button
            type="button"
            className="button-secondary"
            disabled={loading}
            onClick={() => void save(myEmail)}
          >
            Assign to me
          </button>
        ) : null}
        {assignee !== null ? (
          <button
            type="button"
            className="button-secondary"
            disabled={loading}
            onClick={() => void save(null)}
          >
            Unassign
          </button>
        ) : null}
      </p>
      {message ? <FormStatus message={message} /> : null}
    </form>
  );
};
