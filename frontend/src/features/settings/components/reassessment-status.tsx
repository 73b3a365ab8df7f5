import { useEffect } from 'react';
import { useQuery } from '@apollo/client/react';
import { useSiteTimeZone } from '../../cases/hooks/use-site-time-zone.js';
import { formatDateTime } from '../../cases/utils/format-case-values.js';
import { LATEST_REASSESSMENT_QUERY } from '../graphql/reassessment.graphql.js';

const POLL_MS = 2000;

/**
 * The newest reassessment (a settings change or a new appropriateness table is followed by one
 * on the server): waiting, running, done with what it did, or failed with why. Asked again every
 * two seconds while it has not ended; the mutations on this page ask for it again at once.
 */
export const ReassessmentStatus = () => {
  const timeZone = useSiteTimeZone();
  const { data, error, startPolling, stopPolling } = useQuery(LATEST_REASSESSMENT_QUERY);
  const run = data?.ingestRuns.nodes[0] ?? null;
  const active = run !== null && (run.status === 'queued' || run.status === 'running');
  useEffect(() => {
    if (active) startPolling(POLL_MS);
    else stopPolling();
    return () => stopPolling();
  }, [active, startPolling, stopPolling]);

  if (error) {
    return (
      <p className="state state-error reassessment-status" role="alert">
        The state of the reassessment could not be read: {error.message}
      </p>
    );
  }
  if (run === null) return null;
  const what = run.target ?? 'a change';
  const by = run.startedBy;
  let text: string;
  switch (run.status) {
    case 'queued':
      text = `Reassessment run ${run.id} (${what}, by ${by}) is waiting for the import or reassessment before it to finish.`;
      break;
    case 'running':
      text = `Reassessing the orders: run ${run.id} (${what}, by ${by}), started ${formatDateTime(run.startedAt, timeZone)}. The other pages show the new figures when it finishes.`;
      break;
    case 'failed':
      text = `Reassessment run ${run.id} (${what}) failed: ${run.message ?? 'no reason was recorded'}. The figures are still those from before it; save the change again, or run npm run grounds -- analyse on the server.`;
      break;
    default:
      text = `Last reassessment: run ${run.id} (${what}), finished ${run.finishedAt ? formatDateTime(run.finishedAt, timeZone) : ''}: ${run.message ?? ''}`;
  }
  return (
    <p
      className={`reassessment-status reassessment-${run.status}`}
      role={run.status === 'failed' ? 'alert' : 'status'}
      aria-live="polite"
    >
      {text}
    </p>
  );
};
