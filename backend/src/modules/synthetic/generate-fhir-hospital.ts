import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { writeFhirNdjson } from '../ingestion/writers.js';
import { fileNameOf, type ImportEntity, type ImportRecord } from '../ingestion/import-format.js';
import {
  generateHospital,
  type GenerateHospitalOptions,
  type GenerateSummary,
} from './generate-hospital.js';

/** Streams one generated CSV file as import records (an empty field is null). */
async function* readGeneratedCsv(
  folder: string,
  entity: ImportEntity,
): AsyncGenerator<ImportRecord> {
  const parser = createReadStream(path.join(folder, fileNameOf(entity))).pipe(
    parse({ columns: true, bom: true }),
  );
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    yield Object.fromEntries(
      Object.entries(row).map(([name, value]) => [name, value === '' ? null : value]),
    );
  }
}

/**
 * The same hospital as FHIR R4 NDJSON: the CSV hospital is generated into a temporary folder,
 * streamed through `writeFhirNdjson` into `outDir`, and truth.csv is copied beside it.
 */
export async function generateFhirHospital(
  options: GenerateHospitalOptions,
): Promise<{ summary: GenerateSummary; warnings: readonly string[] }> {
  const csvDir = await mkdtemp(path.join(os.tmpdir(), 'cg-generate-'));
  try {
    const summary = await generateHospital({ ...options, outDir: csvDir });
    await mkdir(options.outDir, { recursive: true });
    const written = await writeFhirNdjson(
      {
        patients: readGeneratedCsv(csvDir, 'patients'),
        orders: readGeneratedCsv(csvDir, 'orders'),
        order_changes: readGeneratedCsv(csvDir, 'order_changes'),
        exams: readGeneratedCsv(csvDir, 'exams'),
      },
      options.outDir,
    );
    await copyFile(path.join(csvDir, 'truth.csv'), path.join(options.outDir, 'truth.csv'));
    return { summary: { ...summary, outDir: options.outDir }, warnings: written.warnings };
  } finally {
    await rm(csvDir, { recursive: true, force: true });
  }
}
