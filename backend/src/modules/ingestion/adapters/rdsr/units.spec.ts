import {
  canonicaliseUnit,
  convertToGyCm2,
  convertToMgy,
  convertToMgyCm,
  convertToMsv,
  convertToSeconds,
  findConversionFactor,
} from './units.js';

const expectClose = (actual: number | null, expected: number): void => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected) / Math.abs(expected)).toBeLessThan(1e-9);
};

describe('canonicaliseUnit', () => {
  it('drops separators and maps micro and superscript signs', () => {
    expect(canonicaliseUnit(' Gy.m2 ')).toBe('Gym2');
    expect(canonicaliseUnit('µGy·m²')).toBe('uGym2');
    expect(canonicaliseUnit('mGy*cm')).toBe('mGycm');
    expect(canonicaliseUnit('mGy cm')).toBe('mGycm');
  });
});

describe('convertToGyCm2', () => {
  it.each([
    [1.07e-5, 'Gy.m2', 0.107],
    [1.6e-5, 'Gym2', 0.16],
    [126.596, 'dGy.cm2', 12.6596],
    [250, 'cGy.cm2', 2.5],
    [1234, 'mGy.cm2', 1.234],
    [3.5, 'Gy.cm2', 3.5],
    [40, 'uGy.m2', 0.4],
    [40, 'µGy.m2', 0.4],
    [2, 'GYM2', 2e4],
  ])('%p %s is %p Gy·cm²', (value, unit, expected) => {
    expectClose(convertToGyCm2(value, unit), expected);
  });

  it('returns null for a unit that is not a dose-area product', () => {
    expect(convertToGyCm2(1, 'mGy.cm')).toBeNull();
    expect(convertToGyCm2(1, 'furlong')).toBeNull();
    expect(convertToGyCm2(1, '')).toBeNull();
  });
});

describe('convertToMgyCm', () => {
  it.each([
    [724.52, 'mGycm', 724.52],
    [236.09, 'mGy.cm', 236.09],
    [0.5, 'Gy.cm', 500],
    [155, 'mGy.mm', 15.5],
    [1.2, 'mGy.m', 120],
  ])('%p %s is %p mGy·cm', (value, unit, expected) => {
    expectClose(convertToMgyCm(value, unit), expected);
  });

  it('returns null for an area unit', () => {
    expect(convertToMgyCm(1, 'mGy.cm2')).toBeNull();
  });
});

describe('convertToMgy', () => {
  it.each([
    [0.00252, 'Gy', 2.52],
    [30.573, 'mGy', 30.573],
    [1.5, 'dGy', 150],
    [2, 'cGy', 20],
    [800, 'uGy', 0.8],
  ])('%p %s is %p mGy', (value, unit, expected) => {
    expectClose(convertToMgy(value, unit), expected);
  });

  it('returns null for a unit that is not a dose', () => {
    expect(convertToMgy(1, 'mSv')).toBeNull();
    expect(convertToMgy(1, 'Gy.m2')).toBeNull();
  });
});

describe('convertToSeconds', () => {
  it.each([
    [28, 's', 28],
    [100.8, 'ms', 0.1008],
    [2.5, 'min', 150],
    [1, 'h', 3600],
  ])('%p %s is %p s', (value, unit, expected) => {
    expectClose(convertToSeconds(value, unit), expected);
  });
});

describe('convertToMsv', () => {
  it('converts Sv, mSv and uSv', () => {
    expectClose(convertToMsv(0.012, 'Sv'), 12);
    expectClose(convertToMsv(7.3, 'mSv'), 7.3);
    expectClose(convertToMsv(450, 'uSv'), 0.45);
  });
});

describe('findConversionFactor', () => {
  it('prefers the exact spelling and falls back to a case-insensitive match', () => {
    expect(findConversionFactor('dose', 'mGy')).toBe(1);
    expect(findConversionFactor('dose', 'MGY')).toBe(1);
    expect(findConversionFactor('dose_length_product', 'MGYCM')).toBe(1);
  });
});
