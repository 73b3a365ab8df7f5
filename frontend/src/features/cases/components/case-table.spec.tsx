import { TextDecoder, TextEncoder } from 'node:util';
import { fireEvent, render, screen } from '@testing-library/react';
import type { CaseRow } from '../hooks/use-case-list.js';

// jsdom has no TextEncoder, which the router needs when it loads
Object.assign(globalThis, { TextEncoder, TextDecoder });
const { MemoryRouter, Route, Routes, useLocation } = await import('react-router');
const { CaseTable, caseName } = await import('./case-table.js');

const row = (id: string, orderId: string, overrides: Partial<CaseRow> = {}): CaseRow => ({
  __typename: 'CaseSummary',
  id,
  orderId,
  orderedAt: '2026-05-31T23:30:00Z',
  month: '2026-06',
  department: 'Emergency',
  clinician: { __typename: 'ClinicianRef', key: 'P1', label: 'Dr One' },
  indicationGroup: 'PULMONARY_EMBOLISM',
  setting: 'ED',
  population: 'ADULT',
  requestedModality: 'CT',
  outcomeModality: 'US',
  outcome: 'SUBSTITUTED',
  level: 'PROBABLE',
  score: 72.4,
  band: 'HIGH',
  ced5yMsv: 1234.56,
  signals: ['E2', 'E3'],
  exclusion: null,
  reviewStatus: 'OPEN',
  latestDisposition: null,
  assignee: null,
  ...overrides,
});

const Where = () => <p data-testid="where">{useLocation().pathname + useLocation().search}</p>;

const renderTable = (rows: CaseRow[]) =>
  render(
    <MemoryRouter initialEntries={['/cases?status=OPEN']}>
      <Routes>
        <Route
          path="/cases"
          element={
            <CaseTable
              rows={rows}
              timeZone="Europe/Berlin"
              caption="Cases"
              listSearch="?status=OPEN"
            />
          }
        />
        <Route path="/cases/:id" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );

describe('CaseTable', () => {
  const rows = [
    row('a', 'ORD1'),
    row('b', 'ORD2', { reviewStatus: 'REVIEWED', latestDisposition: 'DATA_ERROR' }),
    row('c', 'ORD3', { level: 'EXCLUDED', exclusion: 'CONTRAST_ALLERGY' }),
  ];

  it('shows each case with units, thousands separators and the date in the site time zone', () => {
    renderTable(rows);
    const first = screen.getAllByRole('row')[1]!;
    expect(first.textContent).toContain('1,234.6 mSv');
    // 23:30 UTC on 31 May is 1 June in Berlin
    expect(first.textContent).toContain('1 Jun 2026');
    expect(first.textContent).toContain('CT → US');
    expect(screen.getAllByRole('row')[2]!.textContent).toContain('Reviewed: Data error');
    expect(screen.getAllByRole('row')[3]!.textContent).toContain('Cleared: Contrast allergy');
  });

  it('moves with j and k (or the arrows) and keeps one case in the tab order', () => {
    renderTable(rows);
    const links = screen.getAllByRole('link');
    expect(links.map((link) => link.tabIndex)).toEqual([0, -1, -1]);
    links[0]!.focus();
    fireEvent.keyDown(links[0]!, { key: 'j' });
    expect(document.activeElement).toBe(links[1]);
    fireEvent.keyDown(links[1]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(links[2]);
    fireEvent.keyDown(links[2]!, { key: 'j' });
    expect(document.activeElement).toBe(links[2]);
    fireEvent.keyDown(links[2]!, { key: 'k' });
    expect(document.activeElement).toBe(links[1]);
    expect(links.map((link) => link.tabIndex)).toEqual([-1, 0, -1]);
  });

  it('opens a case with the list filters carried along', () => {
    renderTable(rows);
    fireEvent.click(screen.getByRole('link', { name: 'ORD2' }));
    expect(screen.getByTestId('where').textContent).toBe('/cases/b?status=OPEN');
  });

  it('names a case without an order id by its number, so that no two cases share a name', () => {
    // the ids the server issues: base64url of "case:<order key>"; these two end alike
    const id = (key: string) => Buffer.from(`case:${key}`).toString('base64url');
    expect(id('51234').slice(-6)).toBe(id('61234').slice(-6));
    const named = (key: string) => caseName({ ...row(id(key), 'x'), orderId: null });
    expect(named('51234')).toBe('Case 51234');
    expect(named('61234')).toBe('Case 61234');
    expect(named('7')).toBe('Case 7');
    // an id of another form is shown whole rather than guessed at
    expect(caseName({ ...row('not base64!', 'x'), orderId: null })).toBe('Case not base64!');
    expect(caseName({ ...row(id('0123'), 'x'), orderId: null })).toBe(`Case ${id('0123')}`);
  });
});
