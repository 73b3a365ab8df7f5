import { describeUploadResult } from './upload-import.js';

describe('describeUploadResult', () => {
  it('words an import run with thousands separators and the unit of its kind', () => {
    const result = {
      runId: 12,
      kind: 'csv' as const,
      rowsRead: 12345,
      rowsLoaded: 12340,
      rowsRejected: 5,
      rowsWarned: 1,
      touchedPatients: 2048,
      durationMs: 1250,
      notes: [],
    };
    expect(describeUploadResult(result)).toBe(
      'Import run 12: 12,345 records read, 12,340 loaded, 5 rejected, 1 warning; 2,048 patients updated in 1.3 s.',
    );
    expect(describeUploadResult({ ...result, kind: 'rdsr', rowsRead: 3 })).toContain(
      '3 files read',
    );
  });
});
