import {
  findChildren,
  findDescendants,
  findFirstDescendant,
  readMeasurement,
  readString,
  readNumber,
  toItems,
  type SrItem,
} from './sr-content.js';

const concept = (codeValue: string, codingSchemeDesignator = 'DCM') => ({
  codeValue,
  codingSchemeDesignator,
});
const named = (codeValue: string, extra: SrItem = {}, scheme = 'DCM'): SrItem => ({
  ConceptNameCodeSequence: [{ CodeValue: codeValue, CodingSchemeDesignator: scheme }],
  ...extra,
});

describe('toItems', () => {
  it('normalises arrays, single items and missing sequences', () => {
    const item = { CodeValue: '1' };
    expect(toItems([item])).toEqual([item]);
    expect(toItems(item)).toEqual([item]);
    expect(toItems(undefined)).toEqual([]);
    expect(toItems(null)).toEqual([]);
    expect(toItems([])).toEqual([]);
    expect(toItems('text')).toEqual([]);
  });
});

describe('readString and readNumber', () => {
  it('trims padding and takes the first of several values', () => {
    expect(readString(' 1.2.3 ')).toBe('1.2.3');
    expect(readString(['A', 'B'])).toBe('A');
    expect(readString('   ')).toBeNull();
    expect(readNumber('  12.5 ')).toBe(12.5);
    expect(readNumber([3, 4])).toBe(3);
    expect(readNumber('n/a')).toBeNull();
  });
});

describe('content-tree search', () => {
  // A dose report where the event sits inside an extra container, as some devices nest it.
  const tree: SrItem = {
    ContentSequence: [
      named('113811', { ContentSequence: named('113813') }),
      named('999999', {
        ContentSequence: [
          named('113819', {
            ContentSequence: [named('113829', { ContentSequence: [named('113838')] })],
          }),
        ],
      }),
      named('113819'),
      named('113838', {}, 'SRT'),
    ],
  };

  it('finds direct children by code and scheme', () => {
    expect(findChildren(tree, concept('113819'))).toHaveLength(1);
    expect(findChildren(tree, concept('113838'))).toHaveLength(0);
    expect(findChildren(tree, concept('113838', 'SRT'))).toHaveLength(1);
  });

  it('finds descendants in nested containers, single-item sequences included', () => {
    expect(findDescendants(tree, concept('113819'))).toHaveLength(2);
    expect(findFirstDescendant(tree, concept('113813'))).not.toBeNull();
    // The DLP deep inside the nested acquisition is found; the SRT-coded one is another concept.
    expect(findDescendants(tree, concept('113838'))).toHaveLength(1);
  });

  it('does not descend into a match', () => {
    const nested: SrItem = {
      ContentSequence: [named('113819', { ContentSequence: [named('113819')] })],
    };
    expect(findDescendants(nested, concept('113819'))).toHaveLength(1);
  });
});

describe('readMeasurement', () => {
  const unit = [{ CodeValue: 'mGy', CodingSchemeDesignator: 'UCUM' }];
  it('reads the value and unit', () => {
    expect(
      readMeasurement(
        named('113830', {
          MeasuredValueSequence: [{ NumericValue: '9.91', MeasurementUnitsCodeSequence: unit }],
        }),
      ),
    ).toEqual({ value: 9.91, unit: 'mGy' });
  });

  it('gives null for an empty or missing measured value, never zero', () => {
    expect(readMeasurement(named('122130', { MeasuredValueSequence: [] }))).toBeNull();
    expect(readMeasurement(named('122130'))).toBeNull();
    expect(readMeasurement(null)).toBeNull();
  });
});
