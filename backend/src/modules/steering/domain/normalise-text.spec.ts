import { normaliseCharacters, normaliseText, sliceOriginal } from './normalise-text.js';

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

  it('takes the plain-text path only where the character loop gives the same', () => {
    const alphabet = ['a', 'Z', '7', ' ', ' ', ',', ';', ':', '/', '?', '!', '+', '<', '>', '='];
    const extras = ['%', '#', '&', '@', '.', '-', "'", '\t', '\n', '(', '\u00e9', '\u2265', '  '];
    let seed = 1;
    const next = (size: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % size;
    };
    const texts = ['', ' ', 'CT', 'Too many CTs, MRI?', 'a b', ' a', 'a ', 'a  b', 'e.g. MRI'];
    for (let count = 0; count < 3000; count += 1) {
      const characters = [...alphabet, ...(count % 3 === 0 ? extras : [])];
      const length = 1 + next(24);
      texts.push(Array.from({ length }, () => characters[next(characters.length)]).join(''));
    }
    for (const text of texts) {
      expect({ text, normalised: normaliseText(text) }).toEqual({
        text,
        normalised: normaliseCharacters(text),
      });
    }
  });
});
