import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { ErrorState, FormStatus, LoadingState } from '../../../app/page-states.js';
import { useSiteTimeZone } from '../../cases/hooks/use-site-time-zone.js';
import { formatCount, formatDateTime } from '../../cases/utils/format-case-values.js';
import {
  APPROPRIATENESS_TABLE_QUERY,
  CREATE_REFERENCE_VERSION_MUTATION,
  REFERENCE_VERSIONS_QUERY,
} from '../graphql/reference.graphql.js';
import { LATEST_REASSESSMENT_QUERY } from '../graphql/reassessment.graphql.js';
import {
  applyRatingChanges,
  describeRating,
  listRatingChanges,
  readRating,
  rowKey,
} from '../utils/edit-appropriateness.js';

const ALL = '';

/** The appropriateness table, its ratings editable, saved as a new reference version. */
export const AppropriatenessEditor = () => {
  const timeZone = useSiteTimeZone();
  const table = useQuery(APPROPRIATENESS_TABLE_QUERY);
  const versions = useQuery(REFERENCE_VERSIONS_QUERY);
  const [edited, setEdited] = useState<Map<string, number>>(new Map());
  const [drafts, setDrafts] = useState<Map<string, string>>(new Map());
  const [group, setGroup] = useState(ALL);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [create, { loading: saving }] = useMutation(CREATE_REFERENCE_VERSION_MUTATION, {
    refetchQueries: [
      APPROPRIATENESS_TABLE_QUERY,
      REFERENCE_VERSIONS_QUERY,
      LATEST_REASSESSMENT_QUERY,
    ],
    awaitRefetchQueries: true,
  });
  const ids = { group: useId(), note: useId() };
  const stored = useMemo(() => table.data?.appropriatenessTable.rows ?? [], [table.data]);
  const changes = useMemo(() => listRatingChanges(stored, edited), [stored, edited]);

  if (table.error) return <ErrorState what="the appropriateness table" error={table.error} />;
  if (!table.data) return <LoadingState what="the appropriateness table" />;
  const current = table.data.appropriatenessTable;
  const groups = current.groups.map((item) => item.indicationGroup);
  const shown =
    group === ALL ? current.rows : current.rows.filter((row) => row.indicationGroup === group);
  const invalid = [...drafts.entries()].filter(([, text]) => 'error' in readRating(text));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (changes.length === 0) {
      setMessage({ ok: false, text: 'Change at least one rating before saving a new version.' });
      return;
    }
    if (invalid.length > 0) {
      setMessage({
        ok: false,
        text: 'Correct the ratings marked invalid first: each is a whole number from 1 to 9.',
      });
      return;
    }
    if (note.trim() === '') {
      setMessage({ ok: false, text: 'Say in the note what changed and why.' });
      return;
    }
    try {
      const answer = await create({
        variables: {
          input: {
            note: note.trim(),
            rows: applyRatingChanges(stored, edited).map((row) => ({
              ...row,
              icd10Prefixes: [...row.icd10Prefixes],
            })),
          },
        },
      });
      const result = answer.data?.createReferenceVersion;
      setMessage({
        ok: true,
        text: result?.created
          ? `Reference version ${result.version.version} stored; the orders are being reassessed under it (run ${result.reassessmentRunId ?? '?'}).`
          : `This table already is reference version ${result?.version.version ?? '?'}; nothing changed.`,
      });
      setEdited(new Map());
      setDrafts(new Map());
      setNote('');
    } catch (error) {
      setMessage({ ok: false, text: `The table was not saved: ${(error as Error).message}` });
    }
  };

  return (
    <section className="card case-section" aria-labelledby="appropriateness-heading">
      <h2 id="appropriateness-heading">
        Appropriateness table (reference version {current.referenceVersion})
      </h2>
      <p className="muted-note">
        How appropriate each modality is for an indication group and population, 1–9 as in the ACR
        Appropriateness Criteria: 7–9 usually appropriate, 4–6 may be, 1–3 usually not. An order is
        an opportunity when an ionising modality is rated 7 or more. Saving stores the whole table
        as a new version; every order is then reassessed under it on the server.
      </p>
      <form onSubmit={(event) => void save(event)}>
        <div className="case-filters">
          <div className="filter-field">
            <label htmlFor={ids.group}>Indication group</label>
            <select id={ids.group} value={group} onChange={(event) => setGroup(event.target.value)}>
              <option value={ALL}>All {groups.length} groups</option>
              {groups.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <p className="muted-note" role="status">
            {changes.length === 0
              ? 'No rating changed yet.'
              : `${changes.length} rating${changes.length === 1 ? '' : 's'} changed: ${changes
                  .slice(0, 4)
                  .map(
                    (change) =>
                      `${change.indicationGroup} ${change.population} ${change.modality} ${change.from} → ${change.to}`,
                  )
                  .join('; ')}${changes.length > 4 ? '; …' : ''}`}
          </p>
        </div>
        <div className="table-scroll appropriateness-scroll">
          <table className="data-table">
            <caption>
              {formatCount(shown.length)} of {formatCount(current.rows.length)} ratings. A group
              with no row for a population uses its adult rows; a modality with no row is rated 1.
            </caption>
            <thead>
              <tr>
                <th scope="col" className="text-cell">
                  Indication group
                </th>
                <th scope="col" className="text-cell">
                  ICD-10-CM prefixes
                </th>
                <th scope="col" className="text-cell">
                  Population
                </th>
                <th scope="col" className="text-cell">
                  Modality
                </th>
                <th scope="col">Rating</th>
                <th scope="col" className="text-cell">
                  Meaning
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => {
                const key = rowKey(row);
                const draft = drafts.get(key);
                const value = draft ?? String(edited.get(key) ?? row.rating);
                const reading = readRating(value);
                const changed = 'rating' in reading && reading.rating !== row.rating;
                return (
                  <tr key={key} className={changed ? 'signal-row' : undefined}>
                    <th scope="row" className="text-cell">
                      {row.indicationGroup}
                    </th>
                    <td className="text-cell">{row.icd10Prefixes.join(', ')}</td>
                    <td className="text-cell">{row.population.toLowerCase()}</td>
                    <td className="text-cell">{row.modality}</td>
                    <td>
                      <input
                        className="rating-input"
                        type="number"
                        min={1}
                        max={9}
                        step={1}
                        value={value}
                        aria-label={`Rating of ${row.modality} for ${row.indicationGroup}, ${row.population.toLowerCase()}`}
                        aria-invalid={'error' in reading}
                        onChange={(event) => {
                          const text = event.target.value;
                          const next = readRating(text);
                          setDrafts((previous) => new Map(previous).set(key, text));
                          if ('rating' in next) {
                            setEdited((previous) => new Map(previous).set(key, next.rating));
                          }
                        }}
                      />
                    </td>
                    <td className="text-cell">
                      {'rating' in reading ? (
                        describeRating(reading.rating)
                      ) : (
                        <span className="form-status-error">{reading.error}</span>
                      )}
                      {changed ? ` (was ${row.rating})` : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="save-reference">
          <label htmlFor={ids.note}>Note: what changed and why</label>
          <input
            id={ids.note}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            placeholder="e.g. Radiology board, November: MR rated 9 in pregnancy"
          />
          <button type="submit" className="button-primary" disabled={saving}>
            {saving ? 'Saving and reassessing…' : 'Save as a new reference version'}
          </button>
        </div>
        {message ? <FormStatus message={message} /> : null}
      </form>
      <h3>Reference versions</h3>
      {versions.data ? (
        <ol className="review-history" aria-label="Reference versions, newest first">
          {versions.data.referenceVersions.map((version) => (
            <li key={version.version}>
              <strong>
                Version {version.version}
                {version.current ? ' (in force)' : ''}
              </strong>
              <div className="review-meta">{formatDateTime(version.createdAt, timeZone)}</div>
              {version.note ? <div>{version.note}</div> : null}
            </li>
          ))}
        </ol>
      ) : (
        <LoadingState what="the reference versions" />
      )}
    </section>
  );
};
