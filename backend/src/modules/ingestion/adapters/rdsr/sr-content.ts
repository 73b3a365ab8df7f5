/**
 * Reading a DICOM Structured Report content tree as dcmjs naturalizes it.
 *
 * dcmjs gives each sequence as an array of items, but a sequence of one item may come back as
 * the item itself, and an empty sequence as `[]`, `undefined` or `null`: `toItems` normalises
 * all of these. Every value taken out of a dataset is checked here, so the rest of the adapter
 * works with typed values only.
 */

/** A naturalized dataset or sequence item: attribute keyword to value. */
export type SrItem = Readonly<Record<string, unknown>>;

/** A coded concept as DICOM carries it (Code Value, Coding Scheme Designator, Code Meaning). */
export interface CodedConcept {
  readonly codeValue: string;
  readonly codingSchemeDesignator: string;
  readonly codeMeaning: string | null;
}

/** A concept to look for: a code value in a coding scheme. */
export interface ConceptCode {
  readonly codeValue: string;
  readonly codingSchemeDesignator: string;
}

/** A numeric content item's value with the UCUM unit it was encoded in. */
export interface EncodedMeasurement {
  readonly value: number;
  /** The unit's Code Value from MeasurementUnitsCodeSequence (its meaning when it has none). */
  readonly unit: string;
}

const isRecord = (value: unknown): value is SrItem =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !ArrayBuffer.isView(value);

/** A naturalized sequence (array, single item, or missing) as an array of items. */
export const toItems = (value: unknown): SrItem[] => {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
};

/**
 * A string attribute: trimmed (DICOM pads with spaces), the first value of a multi-valued
 * attribute, null when missing or empty.
 */
export const readString = (value: unknown): string | null => {
  const single = Array.isArray(value) ? value[0] : value;
  if (typeof single === 'number' && Number.isFinite(single)) return String(single);
  if (typeof single !== 'string') return null;
  const trimmed = single.replace(/\0/g, '').trim();
  return trimmed === '' ? null : trimmed;
};

/** A decimal-string or floating-point attribute as a finite number, else null. */
export const readNumber = (value: unknown): number | null => {
  const single = Array.isArray(value) ? value[0] : value;
  if (typeof single === 'number') return Number.isFinite(single) ? single : null;
  if (typeof single !== 'string' || single.trim() === '') return null;
  const parsed = Number(single.trim());
  return Number.isFinite(parsed) ? parsed : null;
};

/** The first coded concept of a code sequence attribute, or null. */
export const readCode = (sequence: unknown): CodedConcept | null => {
  const [item] = toItems(sequence);
  if (!item) return null;
  const codeValue = readString(item.CodeValue) ?? readString(item.LongCodeValue);
  const codingSchemeDesignator = readString(item.CodingSchemeDesignator);
  if (codeValue === null || codingSchemeDesignator === null) return null;
  return { codeValue, codingSchemeDesignator, codeMeaning: readString(item.CodeMeaning) };
};

/** The concept name of a content item (its ConceptNameCodeSequence). */
export const readConceptName = (item: SrItem): CodedConcept | null =>
  readCode(item.ConceptNameCodeSequence);

/** Whether a coded concept is one of the given codes. */
export const isConcept = (
  concept: CodedConcept | null,
  ...codes: readonly ConceptCode[]
): boolean =>
  concept !== null &&
  codes.some(
    (code) =>
      code.codeValue === concept.codeValue &&
      code.codingSchemeDesignator.toUpperCase() === concept.codingSchemeDesignator.toUpperCase(),
  );

/** Whether a content item's concept name is one of the given codes. */
export const hasConceptName = (item: SrItem, ...codes: readonly ConceptCode[]): boolean =>
  isConcept(readConceptName(item), ...codes);

/** The content items directly under an item (its ContentSequence). */
export const childrenOf = (item: SrItem): SrItem[] => toItems(item.ContentSequence);

/** Direct children of an item whose concept name is one of the codes, in document order. */
export const findChildren = (item: SrItem, ...codes: readonly ConceptCode[]): SrItem[] =>
  childrenOf(item).filter((child) => hasConceptName(child, ...codes));

/**
 * Every descendant of an item (children, their children, ...) whose concept name is one of the
 * codes, depth first in document order. The search does not descend into a match, so asking for
 * event containers never returns a container nested inside another event.
 */
export const findDescendants = (item: SrItem, ...codes: readonly ConceptCode[]): SrItem[] => {
  const found: SrItem[] = [];
  const visit = (parent: SrItem): void => {
    for (const child of childrenOf(parent)) {
      if (hasConceptName(child, ...codes)) found.push(child);
      else visit(child);
    }
  };
  visit(item);
  return found;
};

/** The first descendant of an item whose concept name is one of the codes, or null. */
export const findFirstDescendant = (
  item: SrItem,
  ...codes: readonly ConceptCode[]
): SrItem | null => findDescendants(item, ...codes)[0] ?? null;

/**
 * A NUM content item's measured value and unit. Null when the item is missing or its
 * MeasuredValueSequence is missing or empty (a value the device did not know, never zero).
 */
export const readMeasurement = (item: SrItem | null): EncodedMeasurement | null => {
  if (item === null) return null;
  const [measured] = toItems(item.MeasuredValueSequence);
  if (!measured) return null;
  const value = readNumber(measured.NumericValue) ?? readNumber(measured.FloatingPointValue);
  if (value === null) return null;
  const unitCode = readCode(measured.MeasurementUnitsCodeSequence);
  const unit = unitCode?.codeValue ?? unitCode?.codeMeaning ?? '';
  return { value, unit };
};

/** A CODE content item's value (its ConceptCodeSequence), or null. */
export const readCodeValue = (item: SrItem | null): CodedConcept | null =>
  item === null ? null : readCode(item.ConceptCodeSequence);

/** A TEXT item's text, a UIDREF item's UID or a DATETIME item's date-time, or null. */
export const readTextValue = (item: SrItem | null): string | null =>
  item === null ? null : readString(item.TextValue);

export const readUidValue = (item: SrItem | null): string | null =>
  item === null ? null : readString(item.UID);

export const readDateTimeValue = (item: SrItem | null): string | null =>
  item === null ? null : readString(item.DateTime);
