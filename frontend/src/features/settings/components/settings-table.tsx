import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { EmptyState, ErrorState, FormStatus, LoadingState } from '../../../app/page-states.js';
import { useSiteTimeZone } from '../../cases/hooks/use-site-time-zone.js';
import { formatDateTime } from '../../cases/utils/format-case-values.js';
import { SETTINGS_QUERY, UPDATE_SETTING_MUTATION } from '../graphql/settings.graphql.js';
import { LATEST_REASSESSMENT_QUERY } from '../graphql/reassessment.graphql.js';

/** One setting's value, edited in place; saving makes a new settings version. */
const SettingEditor = ({
  settingKey,
  value,
  onDone,
}: {
  readonly settingKey: string;
  readonly value: string;
  readonly onDone: (message: { ok: boolean; text: string }) => void;
}) => {
  const [draft, setDraft] = useState(value);
  const [update, { loading }] = useMutation(UPDATE_SETTING_MUTATION, {
    refetchQueries: [SETTINGS_QUERY, LATEST_REASSESSMENT_QUERY],
    awaitRefetchQueries: true,
  });
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const answer = await update({
        variables: { input: { key: settingKey, value: draft.trim() } },
      });
      onDone({
        ok: true,
        text: `${settingKey} is now ${answer.data?.updateSetting.value ?? draft} (settings version ${answer.data?.updateSetting.version ?? '?'}).`,
      });
    } catch (error) {
      onDone({ ok: false, text: `${settingKey} was not changed: ${(error as Error).message}` });
    }
  };
  return (
    <form className="inline-edit" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id} className="visually-hidden">
        New value of {settingKey}
      </label>
      <input id={id} value={draft} onChange={(event) => setDraft(event.target.value)} autoFocus />
      <button type="submit" className="button-primary" disabled={loading || draft.trim() === ''}>
        {loading ? 'Saving…' : 'Save'}
      </button>
      <button
        type="button"
        className="button-secondary"
        onClick={() => onDone({ ok: true, text: '' })}
      >
        Cancel
      </button>
    </form>
  );
};

/** The versioned analysis settings with their meaning, and every version's changes. */
export const SettingsTable = () => {
  const timeZone = useSiteTimeZone();
  const { data, error } = useQuery(SETTINGS_QUERY);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (error) return <ErrorState what="the settings" error={error} />;
  if (!data) return <LoadingState what="the settings" />;
  const version = Math.max(0, ...data.settings.map((setting) => setting.version));
  const history = [...data.settingsHistory].sort((left, right) => right.version - left.version);
  return (
    <>
      <section className="card case-section" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Analysis settings (version {version})</h2>
        <p className="muted-note">
          Each change makes a new version; every assessment records the version it used, so a
          month&rsquo;s figures can be reproduced. A change of a setting the analysis uses is
          followed by a reassessment of every order under the new version, in the background; the
          dashboards show the former figures until it has finished (its status shows at the top of
          this page).
        </p>
        {message && message.text ? <FormStatus message={message} /> : null}
        <div className="table-scroll">
          <table className="data-table">
            <caption>The settings in force and what each one means.</caption>
            <thead>
              <tr>
                <th scope="col" className="text-cell">
                  Setting
                </th>
                <th scope="col" className="text-cell">
                  Meaning
                </th>
                <th scope="col" className="text-cell">
                  Value
                </th>
                <th scope="col">
                  <span className="visually-hidden">Change</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.settings.map((setting) => (
                <tr key={setting.key}>
                  <th scope="row" className="text-cell">
                    <code>{setting.key}</code>
                  </th>
                  <td className="text-cell meaning-cell">{setting.meaning}</td>
                  <td className="text-cell">
                    {editing === setting.key ? (
                      <SettingEditor
                        settingKey={setting.key}
                        value={setting.value}
                        onDone={(result) => {
                          setEditing(null);
                          setMessage(result);
                        }}
                      />
                    ) : (
                      <strong>{setting.value}</strong>
                    )}
                  </td>
                  <td>
                    {editing === setting.key ? null : (
                      <button
                        type="button"
                        className="button-link"
                        onClick={() => {
                          setMessage(null);
                          setEditing(setting.key);
                        }}
                      >
                        Change <span className="visually-hidden">{setting.key}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card case-section" aria-labelledby="history-heading">
        <h2 id="history-heading">Settings history</h2>
        {history.length === 0 ? (
          <EmptyState>No settings version yet.</EmptyState>
        ) : (
          <ol className="review-history" aria-label="Settings versions, newest first">
            {history.map((entry) => (
              <li key={entry.version}>
                <strong>Version {entry.version}</strong>
                <div className="review-meta">
                  {formatDateTime(entry.createdAt, timeZone)}
                  {entry.createdBy ? ` by ${entry.createdBy}` : ''}
                </div>
                <div>{entry.changes.length > 0 ? entry.changes.join('; ') : 'defaults'}</div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
};
