import { useSignedInUser } from '../app/auth-context.js';
import { AppropriatenessEditor } from '../features/settings/components/appropriateness-editor.js';
import { ReassessmentStatus } from '../features/settings/components/reassessment-status.js';
import { SettingsTable } from '../features/settings/components/settings-table.js';
import '../features/cases/cases.css';
import '../features/settings/settings.css';

/** Route `/settings` (ADMIN): versioned settings and the appropriateness table. */
export const SettingsPage = () => {
  const user = useSignedInUser();
  return (
    <>
      <header className="page-header">
        <h1>Settings</h1>
        <p className="page-lede">
          The thresholds and windows the analysis uses, and the appropriateness table it rates
          orders against. Both are versioned: nothing is overwritten, and every figure names the
          versions it was computed under.
        </p>
      </header>
      {user.role === 'ADMIN' ? (
        <>
          <ReassessmentStatus />
          <SettingsTable />
          <AppropriatenessEditor />
        </>
      ) : (
        <p className="state state-error" role="alert">
          Only administrators change settings; ask one if a threshold looks wrong.
        </p>
      )}
    </>
  );
};
