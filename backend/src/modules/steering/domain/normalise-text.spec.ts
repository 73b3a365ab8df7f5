import { normaliseText, sliceOriginal } from './normalise-text.js';

describe('normaliseText', () => {
  it.each([
    ["Pt's CT's", 'pts cts'],
    ['Beta-hCG  POSITIVE', 'beta hcg positive'],
    ['\u03b2-hCG', 'beta hcg'],
    ['CED \u2265 50 mSv', 'ced >= 50 msv'],
    ['CT \u00d7 5', 'ct x 5'],
    ['c.t. x 5', 'ct x 5'],
    ['Pt. has had', 'pt has had'],
    ['e.g. MRI', 'eg mri'],
    ['eGFR 22.5. Next', 'egfr 22.5. next'],
    ['No AKI. Multiple CTs', 'no aki. multiple cts'],
    ['f\u00e9tus (r\u00e9sum\u00e9)', 'fetus resume'],
    ['  line one \n\n line two  ', 'line one\n\nline two'],
    ['"quoted" [bracketed] *bold*', 'quoted bracketed bold'],
    ['CT - too many', 'ct - too many'],
    ['\u201cno radiation concerns\u201d', 'no radiation concerns'],
  ])('normalises %j to %j', (original, expected) => {
    expect(normaliseText(original).text).toBe(expected);
  });

  it('maps every normalised character back to the original', () => {
    const normalised = normaliseText("Pt's CED \u2265 84 mSv");
    expect(normalised.text).toBe('pts ced >= 84 msv');
    expect(normalised.sourceIndexes).toHaveLength(normalised.text.length);
    const start = normalised.text.indexOf('ced');
    expect(sliceOriginal(normalised, start, normalised.text.length)).toBe('CED \u2265 84 mSv');
    expect(sliceOriginal(normalised, 0, 3)).toBe("Pt's");
  });

  it('returns an empty slice for an empty range', () => {
    expect(sliceOriginal(normaliseText('abc'), 2, 2)).toBe('');
  });
});
