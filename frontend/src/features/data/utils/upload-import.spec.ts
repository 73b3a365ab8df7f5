import { describeFinishedRun, hasFinished, type FinishedRun } from './upload-import.js';

const run: FinishedRun = {
  id: '12',
  kind: 'csv',
  status: 'succeeded',
  startedAt: '2026-11-30T04:00:00.000Z',
  finishedAt: '2026-11-30T04:00:01.250Z',
  rowsRead: 12345,
  rowsLoaded: 12340,
  rowsRejected: 5,
  warnings: 1,
  message: null,
};

describe('describeFinishedRun', () => {
  it('words a finished import run with thousands separators and the unit of its kind', () => {
    expect(describeFinishedRun(run)).toBe(
      'Import run 12: 12,345 records read, 12,340 loaded, 5 rejected, 1 warning; finished in 1.3 s.',
    );
    expect(describeFinishedRun({ ...run, kind: 'rdsr', rowsRead: 3 })).toContain('3 files read');
  });

  it('says why a run failed', () => {
    expect(
      describeFinishedRun({ ...run, status: 'failed', message: 'orders.csv: line 2: bad date' }),
    ).toBe('Import run 12 failed: orders.csv: line 2: bad date');
    expect(describeFinishedRun({ ...run, status: 'failed', message: null })).toBe(
      'Import run 12 failed: no reason was recorded',
    );
  });
});

describe('hasFinished', () => {
  it('is true for succeeded and failed runs only', () => {
    expect(
      ['queued', 'running', 'succeeded', 'failed'].map((status) => hasFinished({ status })),
    ).toEqual([false, false, true, true]);
  });
});
