import { useSignedInUser } from '../app/auth-context.js';
import { IngestRuns } from '../features/data/components/ingest-runs.js';
import '../features/cases/cases.css';
import '../features/data/data.css';

/** Route `/data` (ADMIN): imports, their counts and rejections; upload a file to import. */
export const DataPage = () => {
  const user = useSignedInUser();
  return (
    <>
      <header className="page-header">
        <h1>Data</h1>
        <p className="page-lede">
          What was imported, what was refused and why. Every import runs the analysis of the
          patients it touched, so the other pages show the new data when it finishes.
        </p>
      </header>
      {user.role === 'ADMIN' ? (
        <IngestRuns />
      ) : (
        <p className="state state-error" role="alert">
          Only administrators manage imports; ask one if data is missing.
        </p>
      )}
    </>
  );
};
