import { summariseDoseHistory } from './dose-history.js';
import { estimateEffectiveDoseMsv } from './estimate-effective-dose.js';
import { findIndicationGroup, isOpportunity, rateModalities } from './appropriateness.js';
import { loadReferenceTables } from './reference-tables.js';

const tables = loadReferenceTables();
const exam = (overrides: Partial<Parameters<typeof estimateEffectiveDoseMsv>[0]>) => ({
  modality: 'CT' as const,
  bodyRegion: 'HEAD' as const,
  dlpMgyCm: null,
  effectiveDoseMsv: null,
  ...overrides,
});

describe('estimateEffectiveDoseMsv', () => {
  it('follows recorded, then DLP x k by age band, then typical, else unknown', () => {
    expect(
      estimateEffectiveDoseMsv(exam({ effectiveDoseMsv: 4.2, dlpMgyCm: 1000 }), 40, tables),
    ).toBe(4.2);
    expect(estimateEffectiveDoseMsv(exam({ dlpMgyCm: 1000 }), 40, tables)).toBeCloseTo(2.1, 10);
    // 3-year-old chest: the age-1 band, k 0.026.
    expect(
      estimateEffectiveDoseMsv(exam({ bodyRegion: 'CHEST', dlpMgyCm: 200 }), 3, tables),
    ).toBeCloseTo(5.2, 10);
    // Spine maps to ABDOMEN_PELVIS (0.015), whole body to CHEST_ABDOMEN_PELVIS (0.015).
    expect(
      estimateEffectiveDoseMsv(exam({ bodyRegion: 'SPINE', dlpMgyCm: 400 }), 50, tables),
    ).toBeCloseTo(6, 10);
    expect(estimateEffectiveDoseMsv(exam({ bodyRegion: 'CHEST_ABDOMEN_PELVIS' }), 50, tables)).toBe(
      17,
    );
    expect(
      estimateEffectiveDoseMsv(exam({ modality: 'PT', bodyRegion: 'WHOLE_BODY' }), 50, tables),
    ).toBe(25);
    expect(
      estimateEffectiveDoseMsv(exam({ modality: 'XA', bodyRegion: 'EXTREMITY' }), 50, tables),
    ).toBeNull();
    expect(
      estimateEffectiveDoseMsv(exam({ bodyRegion: 'EXTREMITY', dlpMgyCm: 300 }), 50, tables),
    ).toBeNull();
    expect(estimateEffectiveDoseMsv(exam({ modality: 'MR' }), 50, tables)).toBe(0);
  });
});

describe('summariseDoseHistory', () => {
  const orderedAtMs = Date.parse('2026-06-15T12:00:00Z');
  const ct = (iso: string, effectiveDoseMsv: number | null) => ({
    performedAtMs: Date.parse(iso),
    modality: 'CT' as const,
    effectiveDoseMsv,
  });

  it('counts [orderedAt - interval, orderedAt) and bands by 50 mSv or 3 CTs', () => {
    const history = summariseDoseHistory(
      [
        ct('2021-06-15T12:00:00Z', 30), // exactly 5 years before: inside
        ct('2021-06-15T11:59:59Z', 100), // just outside 5 years
        ct('2025-06-15T12:00:00Z', 5), // exactly 12 months before: inside
        ct('2026-01-01T00:00:00Z', null), // unknown dose counts as nothing, but is a CT
        ct('2026-06-15T12:00:00Z', 40), // at order time: not counted
      ],
      orderedAtMs,
    );
    expect(history.ced5yMsv).toBe(35);
    expect(history.cedAllTimeMsv).toBe(135);
    expect(history.ced12mMsv).toBe(5);
    expect(history.ctCount12m).toBe(2);
    expect(history.band).toBe('MODERATE');
    const threeCts = summariseDoseHistory(
      [ct('2026-01-01T00:00:00Z', 1), ct('2026-02-01T00:00:00Z', 1), ct('2026-03-01T00:00:00Z', 1)],
      orderedAtMs,
    );
    expect(threeCts.band).toBe('HIGH');
    expect(summariseDoseHistory([ct('2026-01-01T00:00:00Z', 9.99)], orderedAtMs).band).toBe('LOW');
  });
});

describe('appropriateness look-ups', () => {
  it('maps codes by the longest prefix and finds opportunities', () => {
    expect(findIndicationGroup(tables, 'r10.31')).toBe('APPENDICITIS');
    expect(findIndicationGroup(tables, 'K56.69')).toBe('SMALL_BOWEL_OBSTRUCTION');
    expect(findIndicationGroup(tables, 'K56.1')).toBe('INTUSSUSCEPTION');
    expect(findIndicationGroup(tables, 'C34.90')).toBe('CANCER_STAGING');
    expect(findIndicationGroup(tables, 'R05.9')).toBeNull();
    expect(isOpportunity(rateModalities(tables, 'PULMONARY_EMBOLISM', 'ADULT'))).toBe(true);
    expect(isOpportunity(rateModalities(tables, 'PULMONARY_EMBOLISM', 'PREGNANT'))).toBe(true);
    expect(isOpportunity(rateModalities(tables, 'TRANSIENT_ISCHEMIC_ATTACK', 'ADULT'))).toBe(false);
    expect(isOpportunity(rateModalities(tables, 'APPENDICITIS', 'PEDIATRIC'))).toBe(false);
    // No PREGNANT rows for head trauma: the ADULT rows apply.
    expect(isOpportunity(rateModalities(tables, 'HEAD_TRAUMA', 'PREGNANT'))).toBe(true);
    expect(rateModalities(tables, 'LUNG_NODULE', 'ADULT').get('US')).toBe(1);
  });
});
