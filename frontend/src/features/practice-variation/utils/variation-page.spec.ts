import {
  CLINICIAN_PAGE_SIZE,
  nextShown,
  offersShowAll,
  SHOW_ALL_LIMIT,
  variationPageVariables,
} from './variation-page.js';

describe('variationPageVariables', () => {
  it('pages clinicians by evidence and reads departments and indication groups whole', () => {
    expect(variationPageVariables('CLINICIAN', CLINICIAN_PAGE_SIZE)).toEqual({
      orderBy: 'EVIDENCE',
      first: 50,
    });
    expect(variationPageVariables('CLINICIAN', null)).toEqual({ orderBy: 'EVIDENCE', first: null });
    expect(variationPageVariables('DEPARTMENT', 50)).toEqual({ orderBy: null, first: null });
    expect(variationPageVariables('INDICATION_GROUP', 50)).toEqual({ orderBy: null, first: null });
  });

  it('shows one more page at a time, never more than there are', () => {
    expect(nextShown(50, 3304)).toBe(100);
    expect(nextShown(50, 70)).toBe(70);
  });
});

describe('offersShowAll', () => {
  it('offers every row while a table can hold them, and only then', () => {
    expect(SHOW_ALL_LIMIT).toBe(1000);
    expect(offersShowAll(1000)).toBe(true);
    expect(offersShowAll(1001)).toBe(false);
    expect(offersShowAll(33044)).toBe(false);
  });
});
