import {
  detectCodeExclusion,
  detectCodeExclusionMatches,
  detectCodeExclusions,
  normaliseIcd10,
  splitIndicationCodes,
} from './icd10.js';

describe('normaliseIcd10', () => {
  it.each([
    ['z91.041', 'Z91041'],
    [' N18.4 ', 'N184'],
    ['o 36.80', 'O3680'],
    ['R10.31', 'R1031'],
    ['', ''],
  ])('normalises %j to %j', (code, expected) => {
    expect(normaliseIcd10(code)).toBe(expected);
  });
});

describe('splitIndicationCodes', () => {
  it('splits the primary and secondary codes on semicolons and drops blanks', () => {
    expect(splitIndicationCodes('R10.31; z33.1;;  N17.9 ')).toEqual(['R1031', 'Z331', 'N179']);
  });

  it('does not split on a comma: DESIGN separates codes with semicolons only, as the SQL does', () => {
    expect(splitIndicationCodes('R10.31,Z99.2')).toEqual(['R1031,Z992']);
  });

  it('returns nothing for null, undefined and blank fields', () => {
    expect(splitIndicationCodes(null)).toEqual([]);
    expect(splitIndicationCodes(undefined)).toEqual([]);
    expect(splitIndicationCodes(' ; ')).toEqual([]);
  });
});

describe('detectCodeExclusion', () => {
  it.each([
    ['Z33.1', 'PREGNANCY'],
    ['O00.1', 'PREGNANCY'],
    ['O26.891', 'PREGNANCY'],
    ['O99.89', 'PREGNANCY'],
    ['O9A.111', 'PREGNANCY'],
    ['o36.80x0', 'PREGNANCY'],
    ['Z3A.20', 'PREGNANCY'],
    ['Z3A', 'PREGNANCY'],
    ['Z91.041', 'CONTRAST_ALLERGY'],
    ['N18.4', 'RENAL_IMPAIRMENT'],
    ['N18.5', 'RENAL_IMPAIRMENT'],
    ['N18.6', 'RENAL_IMPAIRMENT'],
    ['N17', 'RENAL_IMPAIRMENT'],
    ['N17.9', 'RENAL_IMPAIRMENT'],
    ['Z99.2', 'RENAL_IMPAIRMENT'],
    ['Z53.20', 'PATIENT_REFUSAL'],
    ['Z53.21', 'PATIENT_REFUSAL'],
    ['z53.29', 'PATIENT_REFUSAL'],
  ])('maps %s to %s', (code, expected) => {
    expect(detectCodeExclusion(code)).toBe(expected);
  });

  it.each([
    ['Z33.2', 'elective termination is not the pregnant state the design names'],
    ['Z33', 'the category alone is not Z33.1'],
    ['Z34.00', 'supervision of normal pregnancy is not in the design list'],
    ['N18.3', 'CKD stage 3'],
    ['N18.9', 'CKD unspecified'],
    ['N19', 'unspecified kidney failure'],
    ['Z91.040', 'latex allergy'],
    ['Z91.048', 'other nonmedicinal allergy'],
    ['Z53.1', 'not carried out for belief or group pressure'],
    ['Z53.09', 'contraindication'],
    ['Z99.1', 'respirator dependence'],
    ['R10.31', 'right lower quadrant pain'],
    ['0360', 'a zero is not the letter O'],
    ['', 'blank'],
  ])('does not map %s (%s)', (code) => {
    expect(detectCodeExclusion(code)).toBeUndefined();
  });
});

describe('detectCodeExclusions', () => {
  it('reads secondary codes and lists each exclusion once, in order of appearance', () => {
    expect(detectCodeExclusions('R10.31; N17.9; O26.89; n18.5; Z91.041')).toEqual([
      'RENAL_IMPAIRMENT',
      'PREGNANCY',
      'CONTRAST_ALLERGY',
    ]);
  });

  it('returns nothing for a field without exclusion codes or with no field at all', () => {
    expect(detectCodeExclusions('R10.31;R50.9')).toEqual([]);
    expect(detectCodeExclusions(null)).toEqual([]);
  });

  it('names the first code that triggered each exclusion', () => {
    expect(detectCodeExclusionMatches('z99.2; N18.6; Z53.21')).toEqual([
      { code: 'RENAL_IMPAIRMENT', icd10: 'Z992' },
      { code: 'PATIENT_REFUSAL', icd10: 'Z5321' },
    ]);
  });
});
