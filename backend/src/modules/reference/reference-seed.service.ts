import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../../common/domain/domain-error.js';
import { DataSource, type EntityManager } from 'typeorm';
import { MODALITIES, normaliseIcd10 } from '../vocabulary/vocabulary.js';
import { REFERENCE_DATA_DIR } from '../../config/paths.js';
import { ReferenceRepository } from './reference.repository.js';

type CsvRow = Record<string, string>;

const parseCsv = (text: string, name: string): { text: string; rows: CsvRow[] } => {
  try {
    return { text, rows: parse(text, { columns: true, skip_empty_lines: true, trim: true }) };
  } catch (error) {
    throw new ReferenceDataError(`${name}: ${(error as Error).message}`);
  }
};

const readCsv = async (name: string): Promise<{ text: string; rows: CsvRow[] }> =>
  parseCsv(await readFile(path.join(REFERENCE_DATA_DIR, name), 'utf8'), name);

export const ReferenceErrorCode = { BAD_INPUT: ErrorCode.BAD_USER_INPUT } as const;
export type ReferenceErrorCode = (typeof ReferenceErrorCode)[keyof typeof ReferenceErrorCode];

/** The reference module's refusal: reference data that cannot be used, by file, line, field. */
export class ReferenceDataError extends DomainError<ReferenceErrorCode> {
  constructor(message: string) {
    super(ReferenceErrorCode.BAD_INPUT, message);
  }
}

const POPULATIONS = ['ADULT', 'PEDIATRIC', 'PREGNANT'];

/** Every row of a site's reference data must be usable; the first problem stops the import. */
function checkReferenceRows(groups: CsvRow[], ratings: CsvRow[]): void {
  const fail = (file: string, index: number, field: string, reason: string): never => {
    throw new ReferenceDataError(`${file}: line ${index + 2}: ${field}: ${reason}.`);
  };
  const known = new Set<string>();
  groups.forEach((row, index) => {
    if (!row.indication_group) fail('indication-groups.csv', index, 'indication_group', 'required');
    if (!['true', 'false'].includes(row.indicated_exam_needs_iodinated_contrast ?? '')) {
      fail(
        'indication-groups.csv',
        index,
        'indicated_exam_needs_iodinated_contrast',
        'true or false',
      );
    }
    known.add(row.indication_group);
  });
  const seen = new Set<string>();
  ratings.forEach((row, index) => {
    const file = 'appropriateness.csv';
    if (!known.has(row.indication_group)) {
      fail(
        file,
        index,
        'indication_group',
        `"${row.indication_group}" is not in indication-groups.csv`,
      );
    }
    if (!row.icd10_prefixes) fail(file, index, 'icd10_prefixes', 'required');
    if (!POPULATIONS.includes(row.population)) {
      fail(file, index, 'population', `expected ${POPULATIONS.join(', ')}`);
    }
    if (!(MODALITIES as readonly string[]).includes(row.modality)) {
      fail(file, index, 'modality', `unknown modality "${row.modality}"`);
    }
    const rating = Number(row.rating);
    if (!Number.isInteger(rating) || rating < 1 || rating > 9)
      fail(file, index, 'rating', 'a whole number from 1 to 9');
    const key = `${row.indication_group}|${row.population}|${row.modality}`;
    if (seen.has(key)) fail(file, index, 'modality', 'rated twice for this group and population');
    seen.add(key);
  });
}

/** ICD-10 prefixes are normalised like the codes they are matched against. */
export const normaliseIcd10Prefix = normaliseIcd10;

/**
 * Seeds the reference data the product ships (data/*.csv, with their sources) into the
 * database. Dose coefficients and typical doses are upserted; the appropriateness table and
 * indication groups are versioned: new content makes a new reference version, the same content
 * makes none, so a re-run changes nothing.
 */
@Injectable()
export class ReferenceSeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReferenceRepository = new ReferenceRepository(dataSource),
  ) {}

  async seed(): Promise<{ referenceVersion: number; created: boolean }> {
    const coefficients = await readCsv('dlp-to-effective-dose.csv');
    const typical = await readCsv('typical-effective-dose.csv');
    const groups = await readCsv('indication-groups.csv');
    const ratings = await readCsv('appropriateness.csv');

    return this.dataSource.transaction(async (manager) => {
      await this.repository.upsertDoseCoefficients(manager, coefficients.rows);
      await this.repository.upsertTypicalDoses(manager, typical.rows);

      return this.storeVersion(manager, groups, ratings, 'seeded from the shipped reference data');
    });
  }

  /**
   * A site's own appropriateness table and indication groups (the same CSV format as the
   * shipped data/ files), checked row by row, stored as a new reference version; the same
   * content again makes none. `analyse` then reassesses every order under it.
   */
  async importVersion(
    groupsText: string,
    ratingsText: string,
    note: string,
  ): Promise<{ referenceVersion: number; created: boolean }> {
    const groups = parseCsv(groupsText, 'indication-groups.csv');
    const ratings = parseCsv(ratingsText, 'appropriateness.csv');
    return this.importRows(groups.rows, ratings.rows, note);
  }

  /**
   * The same as `importVersion` for rows already read (the dashboard's edited table): rows in
   * the CSV files' columns, checked the same way, stored as a new version unless the content
   * is already one.
   */
  async importRows(
    groups: Record<string, string>[],
    ratings: Record<string, string>[],
    note: string,
  ): Promise<{ referenceVersion: number; created: boolean }> {
    checkReferenceRows(groups, ratings);
    return this.dataSource.transaction((manager) =>
      this.storeVersion(manager, { text: '', rows: groups }, { text: '', rows: ratings }, note),
    );
  }

  private async storeVersion(
    manager: EntityManager,
    groups: { text: string; rows: CsvRow[] },
    ratings: { text: string; rows: CsvRow[] },
    note: string,
  ): Promise<{ referenceVersion: number; created: boolean }> {
    // the hash of the content as stored (not of the file's bytes): an exported and re-imported
    // table, or one with other quoting or dots in its codes, is the same version
    const canonical = JSON.stringify({
      groups: groups.rows
        .map((row) => [
          row.indication_group,
          row.indicated_exam_needs_iodinated_contrast === 'true',
          row.description ?? '',
        ])
        .sort(),
      ratings: ratings.rows
        .map((row) => [
          row.indication_group,
          row.icd10_prefixes.split(';').map(normaliseIcd10Prefix).join(';'),
          row.population,
          row.modality,
          Number(row.rating),
          row.basis ?? '',
        ])
        .sort(),
    });
    const contentHash = createHash('sha256').update(canonical).digest('hex');
    const existing = await this.repository.versionByContentHash(manager, contentHash);
    if (existing !== null) return { referenceVersion: existing, created: false };

    const version = await this.repository.insertVersion(
      manager,
      contentHash,
      note,
      groups.rows,
      ratings.rows.map((row) => ({
        ...row,
        icd10_prefixes: row.icd10_prefixes.split(';').map(normaliseIcd10Prefix).join(';'),
      })),
    );
    return { referenceVersion: version, created: true };
  }

  /**
   * The current reference version's appropriateness table and indication groups in the
   * shipped CSV columns (for `reference export`).
   */
  async currentVersionTables(): Promise<{
    referenceVersion: number | null;
    groups: Record<string, string>[];
    ratings: Record<string, string>[];
  }> {
    const version = await this.repository.latestVersion();
    return { referenceVersion: version, ...(await this.repository.exportVersion(version)) };
  }
}
