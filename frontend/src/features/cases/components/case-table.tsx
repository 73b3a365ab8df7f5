import { useRef, type KeyboardEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { CaseRow } from '../hooks/use-case-list.js';
import {
  EXCLUSION_LABELS,
  LEVEL_LABELS,
  REVIEW_STATUS_LABELS,
  SIGNAL_LABELS,
  formatModality,
  type DispositionCode,
} from '../utils/case-labels.js';
import { DISPOSITION_LABELS } from '../utils/case-labels.js';
import { formatMonthLabel } from '../../order-volume/utils/month-keys.js';
import { formatDate, formatMsv, formatScore } from '../utils/format-case-values.js';

export interface CaseTableProps {
  readonly rows: readonly CaseRow[];
  readonly timeZone: string;
  readonly caption: string;
  /** The list's URL search, carried to the case page so "Next case" follows this list. */
  readonly listSearch: string;
}

const NEXT_KEYS = new Set(['j', 'ArrowDown']);
const PREVIOUS_KEYS = new Set(['k', 'ArrowUp']);

/** The case's own name in the list: its order id, or for COMMITTEE its month and department. */
/**
 * The case's number, read from its id (base64url of `case:<number>`, the order's internal key:
 * never a patient id, order id or date), or null for an id of any other form. The id's last
 * characters alone do not tell cases apart: cases 51234 and 61234 end in the same six.
 */
export const caseNumber = (id: string): string | null => {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  try {
    const text = atob(id.replace(/-/g, '+').replace(/_/g, '/'));
    return /^case:([1-9][0-9]*)$/.exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
};

/** The case's name in a list: its order id where the role may see it, else its number. */
export const caseName = (row: CaseRow): string =>
  row.orderId ?? `Case ${caseNumber(row.id) ?? row.id}`;

const reviewCell = (row: CaseRow): string => {
  const status = REVIEW_STATUS_LABELS[row.reviewStatus];
  return row.latestDisposition
    ? `${status}: ${DISPOSITION_LABELS[row.latestDisposition as DispositionCode]}`
    : status;
};

/**
 * The flagged cases, one row each. Keyboard: j or ↓ moves to the next case, k or ↑ to the
 * previous one, Enter opens it (each row's first cell is the case's link).
 */
export const CaseTable = ({ rows, timeZone, caption, listSearch }: CaseTableProps) => {
  const body = useRef<HTMLTableSectionElement>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const links = () => [...(body.current?.querySelectorAll<HTMLAnchorElement>('a.case-link') ?? [])];

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const all = links();
    if (all.length === 0) return;
    const current = all.indexOf(document.activeElement as HTMLAnchorElement);
    let next: number | null = null;
    if (NEXT_KEYS.has(event.key)) next = current < 0 ? 0 : Math.min(all.length - 1, current + 1);
    if (PREVIOUS_KEYS.has(event.key)) next = current < 0 ? 0 : Math.max(0, current - 1);
    if (next === null) return;
    event.preventDefault();
    all[next]?.focus();
  };

  const hrefOf = (row: CaseRow) => `/cases/${encodeURIComponent(row.id)}${listSearch}`;

  return (
    <div className="table-scroll">
      <table className="data-table case-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col" className="text-cell">
              Level
            </th>
            <th scope="col">Score</th>
            <th scope="col" className="text-cell">
              Evidence
            </th>
            <th scope="col" className="text-cell">
              Department
            </th>
            <th scope="col" className="text-cell">
              Clinician
            </th>
            <th scope="col">Ordered</th>
            <th scope="col">Requested → outcome</th>
            <th scope="col">CED 5 y</th>
            <th scope="col" className="text-cell">
              Review
            </th>
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={onKeyDown}>
          {rows.map((row, index) => (
            <tr
              key={row.id}
              className={`case-row case-row-${row.reviewStatus.toLowerCase()}${row.level === 'EXCLUDED' ? ' case-row-excluded' : ''}`}
              onClick={(event) => {
                // a click anywhere on the row opens the case (the link itself handles its own)
                if ((event.target as HTMLElement).closest('a')) return;
                void navigate(hrefOf(row), {
                  state: { from: location.pathname + location.search },
                });
              }}
            >
              <th scope="row">
                <Link
                  className="case-link"
                  to={hrefOf(row)}
                  state={{ from: location.pathname + location.search }}
                  tabIndex={index === 0 ? 0 : -1}
                  onFocus={(event) => {
                    for (const link of links())
                      link.tabIndex = link === event.currentTarget ? 0 : -1;
                  }}
                >
                  {caseName(row)}
                </Link>
              </th>
              <td className="text-cell">
                <span className={`level level-${row.level.toLowerCase()}`}>
                  {LEVEL_LABELS[row.level]}
                </span>
              </td>
              <td>{formatScore(row.score)}</td>
              <td className="text-cell">
                {row.exclusion ? (
                  <span className="cleared">Cleared: {EXCLUSION_LABELS[row.exclusion]}</span>
                ) : null}
                <span className="signal-codes">
                  {row.signals.map((signal) => (
                    <abbr key={signal} title={SIGNAL_LABELS[signal]} className="signal-code">
                      {signal}
                    </abbr>
                  ))}
                </span>
              </td>
              <td className="text-cell">{row.department ?? 'No department recorded'}</td>
              <td className="text-cell">{row.clinician?.label ?? 'Not recorded'}</td>
              <td>
                {row.orderId === null
                  ? formatMonthLabel(row.month)
                  : formatDate(row.orderedAt, timeZone)}
              </td>
              <td>
                {row.requestedModality} → {formatModality(row.outcomeModality)}
              </td>
              <td>{formatMsv(row.ced5yMsv)}</td>
              <td className="text-cell">{reviewCell(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
