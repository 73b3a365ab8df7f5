import {
  CONFLICT_LEVELS,
  IONIZING_MODALITIES,
  MODALITIES,
  NON_IONIZING_MODALITIES,
  isConflictLevel,
  isIonizingModality,
  normaliseIcd10,
  sqlTextList,
} from './vocabulary.js';

describe('vocabulary', () => {
  it('splits the modalities into ionizing and non-ionizing, with no overlap', () => {
    expect([...MODALITIES].sort()).toEqual(
      [...IONIZING_MODALITIES, ...NON_IONIZING_MODALITIES].sort(),
    );
    expect(NON_IONIZING_MODALITIES.filter((modality) => isIonizingModality(modality))).toEqual([]);
    expect(isIonizingModality('CT')).toBe(true);
    expect(isIonizingModality('MR')).toBe(false);
  });

  it('counts DOCUMENTED and PROBABLE as conflicts, nothing else', () => {
    expect(CONFLICT_LEVELS).toEqual(['DOCUMENTED', 'PROBABLE']);
    expect(['DOCUMENTED', 'PROBABLE', 'POSSIBLE', 'EXCLUDED', null].map(isConflictLevel)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('normalises ICD-10 codes: dots and whitespace removed, upper case', () => {
    expect(normaliseIcd10(' z91.041 ')).toBe('Z91041');
    expect(normaliseIcd10('O9A.1')).toBe('O9A1');
  });

  it('writes a SQL list of codes, and refuses anything that is not a plain code', () => {
    expect(sqlTextList(NON_IONIZING_MODALITIES)).toBe("('US', 'MR')");
    expect(sqlTextList(CONFLICT_LEVELS)).toBe("('DOCUMENTED', 'PROBABLE')");
    expect(() => sqlTextList(["US'); DROP TABLE orders; --"])).toThrow('Not a vocabulary code');
    expect(() => sqlTextList([])).toThrow('An empty SQL list is not valid.');
  });
});
