import {
  DISPOSITIONS,
  DISPOSITION_LABELS,
  describeExclusionCheck,
  describeSignal,
  explainCaseLevel,
  formatDoseSource,
  formatOutcome,
  withArticle,
  type CaseFacts,
} from './case-labels.js';
import { formatDate, formatDateTime, formatMsv } from './format-case-values.js';

const probable: CaseFacts = {
  level: 'PROBABLE',
  requestedModality: 'CT',
  outcomeModality: 'US',
  outcome: 'SUBSTITUTED',
  band: 'HIGH',
  ced5yMsv: 1234.56,
  ced12mMsv: 48.04,
  priorCts12m: 3,
  signals: ['E2', 'E3'],
  exclusion: null,
};

describe('disposition labels', () => {
  it('offers the four dispositions in plain words', () => {
    expect(DISPOSITIONS.map((code) => DISPOSITION_LABELS[code])).toEqual([
      'Confirmed steering',
      'Clinically justified',
      'Data error',
      'Needs discussion',
    ]);
  });
});

describe('describeSignal', () => {
  it('words the dose history with units and thousands separators', () => {
    expect(describeSignal('E3', probable)).toBe(
      'The patient’s dose history was high when the order was placed: 1,234.6 mSv over 5 years, 48.0 mSv over 12 months, 3 CTs in 12 months.',
    );
  });

  it('says what the order became', () => {
    expect(describeSignal('E2', probable)).toBe(
      'The order was placed for CT and changed afterwards: a US was done instead of the CT.',
    );
    expect(describeSignal('E2', { ...probable, outcomeModality: 'CANCELLED' })).toBe(
      'The order was placed for CT and changed afterwards: the CT was cancelled.',
    );
    expect(describeSignal('E3', { ...probable, ced12mMsv: null, priorCts12m: 1 })).toBe(
      'The patient’s dose history was high when the order was placed: 1,234.6 mSv over 5 years, 1 CT in 12 months.',
    );
  });
});

describe('explainCaseLevel', () => {
  it('names the motive of a PROBABLE case', () => {
    expect(explainCaseLevel(probable)).toBe(
      'A US was done instead of the CT after the order was placed, the patient’s dose history was high, no clinical exclusion applies and no other reason was recorded.',
    );
    expect(explainCaseLevel({ ...probable, signals: ['E2', 'E3', 'E4'] })).toContain(
      'the patient’s dose history was high and a dose alert was shown',
    );
  });

  it('names the exclusion that cleared an EXCLUDED case', () => {
    expect(
      explainCaseLevel({ ...probable, level: 'EXCLUDED', exclusion: 'CONTRAST_ALLERGY' }),
    ).toBe(
      'A US was done instead of the CT, but contrast allergy explains it, so it is not counted as a conflict.',
    );
  });
});

describe('withArticle', () => {
  it('uses the article the letters are spoken with', () => {
    expect(['CT', 'MR', 'US', 'NM', 'XA', 'DX'].map(withArticle)).toEqual([
      'a CT',
      'an MR',
      'a US',
      'an NM',
      'an XA',
      'a DX',
    ]);
    expect(explainCaseLevel({ ...probable, level: 'DOCUMENTED', outcomeModality: 'MR' })).toBe(
      'An MR was done instead of the CT, and the order texts give the patient’s prior radiation as the reason; no clinical exclusion applies.',
    );
  });
});

describe('describeExclusionCheck', () => {
  it('says whether each exclusion applied and what was looked at', () => {
    expect(describeExclusionCheck({ code: 'PREGNANCY', applied: false, detail: null })).toBe(
      'Pregnancy: does not apply.',
    );
    expect(
      describeExclusionCheck({ code: 'RENAL_IMPAIRMENT', applied: true, detail: 'eGFR 22' }),
    ).toBe('Renal impairment: applies — eGFR 22');
  });
});

describe('value formats', () => {
  it('formats doses, outcomes and sources', () => {
    expect(formatMsv(12345.678)).toBe('12,345.7 mSv');
    expect(formatMsv(null)).toBe('unknown');
    expect(formatOutcome('SUBSTITUTED')).toBe('Substituted');
    expect(formatOutcome('NOT_OPPORTUNITY')).toBe('Not an opportunity');
    expect(formatDoseSource('dlp_estimate')).toBe('estimated from the DLP (DLP × k)');
  });

  it('shows instants in the site time zone', () => {
    // 23:30 UTC on 31 May is already 1 June in Berlin (UTC+2 in summer)
    expect(formatDateTime('2024-05-31T23:30:00Z', 'Europe/Berlin')).toBe('1 Jun 2024, 01:30');
    expect(formatDateTime('2024-05-31T23:30:00Z', 'UTC')).toBe('31 May 2024, 23:30');
    expect(formatDate('2024-05-31T23:30:00Z', 'America/New_York')).toBe('31 May 2024');
  });
});
