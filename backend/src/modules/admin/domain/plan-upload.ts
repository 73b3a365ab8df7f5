/**
 * What an uploaded file is and how it is imported: a zipped CSV folder, FHIR (.json, .ndjson,
 * or a zip of them), or DICOM dose reports (.dcm, or a zip of them). Pure: the entries of a zip
 * are passed in, so the bounds and the choice are tested without files.
 */

import { adminInputError } from './admin-error.js';

export type UploadKind = 'csv' | 'fhir' | 'rdsr';

export interface ZipEntryInfo {
  readonly name: string;
  readonly isDirectory: boolean;
  /** Uncompressed size as the zip declares it, in bytes. */
  readonly size: number;
}

export interface UploadPlan {
  readonly kind: UploadKind;
  /** For a zip: the entries to extract (path inside the zip). */
  readonly extract: readonly string[];
  /** What to import, relative to the extraction folder ('' = the folder itself); null: the file. */
  readonly target: string | null;
  /** Extract every entry into the folder itself (the FHIR reader reads one folder, not a tree). */
  readonly flatten: boolean;
}

export interface UploadLimits {
  readonly maxEntries: number;
  readonly maxUncompressedBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxEntries: 100_000,
  maxUncompressedBytes: 2 * 1024 ** 3,
};

const extensionOf = (name: string): string => {
  const match = /\.([a-z0-9]+)$/i.exec(name);
  return match ? match[1].toLowerCase() : '';
};

const baseName = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

const dirName = (name: string): string => {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '' : name.slice(0, slash);
};

/** Hidden files and the folders macOS adds to zips are not part of any upload. */
const isNoise = (name: string): boolean =>
  name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');

/** An entry name that would land outside the extraction folder. */
const isUnsafe = (name: string): boolean =>
  name.startsWith('/') ||
  name.includes('\\') ||
  /^[a-z]:/i.test(name) ||
  name.split('/').some((part) => part === '..');

const formatBytes = (bytes: number): string => `${Math.round(bytes / 1024 ** 2)} MB`;

/** A single (not zipped) upload by its extension. */
export const planFileUpload = (fileName: string): UploadPlan => {
  switch (extensionOf(fileName)) {
    case 'json':
    case 'ndjson':
      return { kind: 'fhir', extract: [], target: null, flatten: false };
    case 'dcm':
      return { kind: 'rdsr', extract: [], target: null, flatten: false };
    case 'csv':
      throw adminInputError(
        `${fileName}: a CSV import is a folder (orders.csv and the files beside it); upload it as a .zip.`,
      );
    default:
      throw adminInputError(
        `${fileName}: upload a .zip of CSV files, FHIR .json or .ndjson, or DICOM dose reports (.dcm).`,
      );
  }
};

/**
 * The plan for a zip: a CSV folder when it holds one orders.csv (that folder is imported),
 * else FHIR when it holds .json/.ndjson files, else dose reports when it holds .dcm files.
 */
export const planZipUpload = (
  fileName: string,
  entries: readonly ZipEntryInfo[],
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): UploadPlan => {
  const files = entries.filter((entry) => !entry.isDirectory && !isNoise(entry.name));
  const unsafe = entries.find((entry) => isUnsafe(entry.name));
  if (unsafe) {
    throw adminInputError(
      `${fileName}: the entry "${unsafe.name}" points outside the zip's folder; nothing was imported.`,
    );
  }
  if (files.length > limits.maxEntries) {
    throw adminInputError(
      `${fileName}: ${files.length} files is more than the ${limits.maxEntries} an upload may hold; split it.`,
    );
  }
  const total = files.reduce((sum, entry) => sum + entry.size, 0);
  if (total > limits.maxUncompressedBytes) {
    throw adminInputError(
      `${fileName}: unzipped it would take ${formatBytes(total)}, more than the ${formatBytes(limits.maxUncompressedBytes)} allowed; import it from the command line.`,
    );
  }

  const orders = files.filter((entry) => baseName(entry.name).toLowerCase() === 'orders.csv');
  if (orders.length > 1) {
    throw adminInputError(
      `${fileName}: holds ${orders.length} orders.csv files (${orders.map((entry) => entry.name).join(', ')}); upload one folder at a time.`,
    );
  }
  if (orders.length === 1) {
    const folder = dirName(orders[0].name);
    const inFolder = files.filter((entry) => dirName(entry.name) === folder);
    return {
      kind: 'csv',
      extract: inFolder.map((entry) => entry.name),
      target: folder,
      flatten: false,
    };
  }
  const fhir = files.filter((entry) => ['json', 'ndjson'].includes(extensionOf(entry.name)));
  if (fhir.length > 0) {
    const names = fhir.map((entry) => baseName(entry.name).toLowerCase());
    const twice = names.find((name, index) => names.indexOf(name) !== index);
    if (twice) {
      throw adminInputError(
        `${fileName}: two FHIR files are named ${twice} in different folders; give them distinct names.`,
      );
    }
    return { kind: 'fhir', extract: fhir.map((entry) => entry.name), target: '', flatten: true };
  }
  const dicom = files.filter((entry) => extensionOf(entry.name) === 'dcm');
  if (dicom.length > 0) {
    return { kind: 'rdsr', extract: dicom.map((entry) => entry.name), target: '', flatten: false };
  }
  throw adminInputError(
    `${fileName}: the zip holds no orders.csv, no FHIR .json or .ndjson and no DICOM .dcm file; nothing was imported.`,
  );
};
