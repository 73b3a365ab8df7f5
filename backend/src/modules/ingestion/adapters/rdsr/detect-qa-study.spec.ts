import { detectQaStudy } from './detect-qa-study.js';

describe('detectQaStudy', () => {
  const qa = (patientId: string | null, studyDescription: string | null = null) =>
    detectQaStudy({ patientId, studyDescription });

  it('matches the default patterns as whole words, ignoring case', () => {
    expect(qa('QA')).toEqual({ field: 'patientId', pattern: 'QA' });
    expect(qa('qa_ct_01')).toEqual({ field: 'patientId', pattern: 'QA' });
    expect(qa('physics12345')).toEqual({ field: 'patientId', pattern: 'physics' });
    expect(qa('P1', 'CTDI PHANTOM weekly')).toEqual({
      field: 'studyDescription',
      pattern: 'phantom',
    });
  });

  it('does not match inside a longer word', () => {
    expect(qa('AQUA12')).toBeNull();
    expect(qa('P1', 'Qatar transfer, CT head')).toBeNull();
    expect(qa('P1', 'Phantoms of the opera')).toBeNull();
    expect(qa(null, null)).toBeNull();
  });

  it('takes configured patterns, escaping regular-expression characters', () => {
    expect(detectQaStudy({ patientId: 'test (c++)', studyDescription: null }, ['c++'])).toEqual({
      field: 'patientId',
      pattern: 'c++',
    });
    expect(detectQaStudy({ patientId: 'QA', studyDescription: null }, [])).toBeNull();
  });
});
