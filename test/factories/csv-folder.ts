import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import {
  IMPORT_COLUMNS,
  type ImportEntity,
} from '../../backend/src/modules/ingestion/import-format.js';

type Row = Record<string, string | number | boolean | null | undefined>;

export type CsvFolderContent = Partial<Record<ImportEntity, Row[]>>;

/** Writes rows in the CSV import format (all columns, in order) to a new temporary folder. */
export async function writeCsvFolder(content: CsvFolderContent): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-csv-'));
  for (const [entity, rows] of Object.entries(content) as [ImportEntity, Row[]][]) {
    const columns = IMPORT_COLUMNS[entity].map((column) => column.name);
    const records = rows.map((row) => columns.map((name) => row[name] ?? ''));
    await writeFile(path.join(folder, `${entity}.csv`), stringify([columns, ...records]));
  }
  return folder;
}

export const makePatient = (overrides: Row = {}): Row => ({
  patient_id: 'P1',
  birth_date: '1970-01-01',
  sex: 'F',
  ...overrides,
});

export const makeOrder = (overrides: Row = {}): Row => ({
  order_id: 'O1',
  patient_id: 'P1',
  ordered_at: '2024-03-01T10:00:00Z',
  provider_id: 'DR1',
  provider_name: 'Dr One',
  department: 'Emergency',
  setting: 'ED',
  indication_code: 'I26.99',
  indication_text: 'suspected PE',
  requested_modality: 'CT',
  ...overrides,
});

export const makeExam = (overrides: Row = {}): Row => ({
  accession: 'A1',
  patient_id: 'P1',
  performed_at: '2023-06-01T10:00:00Z',
  modality: 'CT',
  body_region: 'CHEST',
  ...overrides,
});
