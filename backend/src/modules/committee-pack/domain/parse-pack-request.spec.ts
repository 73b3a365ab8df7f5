import { packRequestError } from './pack-error.js';
import { parsePackRequest } from './parse-pack-request.js';

describe('parsePackRequest', () => {
  it('builds the pack address from the validated filter', () => {
    const request = parsePackRequest({
      from: '2025-01',
      to: '2025-03',
      department: ['Emergency Medicine', 'Surgery'],
      setting: 'ed',
      paper: 'letter',
      unknown: 'ignored',
    });
    expect(request).toEqual({
      from: '2025-01',
      to: '2025-03',
      paper: 'Letter',
      search:
        '?from=2025-01&to=2025-03&department=Emergency+Medicine&department=Surgery&setting=ED&paper=Letter',
      fileName: 'committee-pack-2025-01-to-2025-03.pdf',
    });
  });

  it('takes one month when to is missing, on A4 by default', () => {
    const request = parsePackRequest({ from: '2024-12' });
    expect([request.to, request.paper, request.fileName]).toEqual([
      '2024-12',
      'A4',
      'committee-pack-2024-12.pdf',
    ]);
  });

  it.each([
    [{}, 'from is required, as YYYY-MM (e.g. from=2025-01).'],
    [{ from: '2025-13' }, 'from must be a month as YYYY-MM, not "2025-13".'],
    [{ from: '2025-03', to: '2025-01' }, 'to (2025-01) comes before from (2025-03).'],
    [
      { from: '2024-01', to: '2025-01' },
      'A pack covers at most 12 months; 2024-01 to 2025-01 is 13. Choose a shorter range.',
    ],
    [{ from: '2025-01', paper: 'A3' }, 'paper must be A4 or Letter, not "A3".'],
    [
      { from: '2025-01', population: 'child' },
      'population must be one of ADULT, PEDIATRIC, PREGNANT, not "child".',
    ],
    [{ from: { nested: 1 } }, 'from must be text.'],
  ])('refuses %j with one sentence', (query, message) => {
    expect(() => parsePackRequest(query as Record<string, unknown>)).toThrow(
      packRequestError(message),
    );
  });
});
