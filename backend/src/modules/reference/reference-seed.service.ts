import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DataSource, EntityManager } from 'typeorm';
import { MODALITIES, normaliseIcd10 } from '../vocabulary/vocabulary.js';
import { REFERENCE_DATA_DIR } from '../../config/paths.js';

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

export class ReferenceDataError extends Error {}

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
export class ReferenceSeedService {
  constructor(private readonly dataSource: DataSource) {}

  async seed(): Promise<{ referenceVersion: number; created: boolean }> {
    const coefficients = await readCsv('dlp-to-effective-dose.csv');
    const typical = await readCsv('typical-effective-dose.csv');
    const groups = await readCsv('indication-groups.csv');
    const ratings = await readCsv('appropriateness.csv');

    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO dlp_coefficients (method, body_region, age_years, k_msv_per_mgycm, source)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::numeric[], $5::text[])
         ON CONFLICT (method, body_region, age_years) DO UPDATE
           SET k_msv_per_mgycm = EXCLUDED.k_msv_per_mgycm, source = EXCLUDED.source
           WHERE (dlp_coefficients.k_msv_per_mgycm, dlp_coefficients.source)
                 IS DISTINCT FROM (EXCLUDED.k_msv_per_mgycm, EXCLUDED.source)`,
        [
          coefficients.rows.map((row) => row.method),
          coefficients.rows.map((row) => row.body_region),
          coefficients.rows.map((row) => Number(row.age_years)),
          coefficients.rows.map((row) => row.k_msv_per_mgycm),
          coefficients.rows.map((row) => row.source),
        ],
      );
      await manager.query(
        `INSERT INTO typical_doses (modality, body_region, typical_msv, exam, source)
         SELECT * FROM unnest($1::text[], $2::text[], $3::numeric[], $4::text[], $5::text[])
         ON CONFLICT (modality, body_region) DO UPDATE
           SET typical_msv = EXCLUDED.typical_msv, exam = EXCLUDED.exam, source = EXCLUDED.source
           WHERE (typical_doses.typical_msv, typical_doses.exam, typical_doses.source)
                 IS DISTINCT FROM (EXCLUDED.typical_msv, EXCLUDED.exam, EXCLUDED.source)`,
        [
          typical.rows.map((row) => row.modality),
          typical.rows.map((row) => row.body_region),
          typical.rows.map((row) => row.typical_msv),
          typical.rows.map((row) => row.exam),
          typical.rows.map((row) => row.source),
        ],
      );

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
    const existing: { version: number }[] = await manager.query(
      'SELECT version FROM reference_versions WHERE content_hash = $1',
      [contentHash],
    );
    if (existing.length > 0) return { referenceVersion: existing[0].version, created: false };

    const [{ version }]: { version: number }[] = await manager.query(
      `INSERT INTO reference_versions (content_hash, note) VALUES ($1, $2) RETURNING version`,
      [contentHash, note],
    );
    await manager.query(
      `INSERT INTO indication_groups
         (reference_version, indication_group, needs_iodinated_contrast, description)
       SELECT $1, * FROM unnest($2::text[], $3::boolean[], $4::text[])`,
      [
        version,
        groups.rows.map((row) => row.indication_group),
        groups.rows.map((row) => row.indicated_exam_needs_iodinated_contrast === 'true'),
        groups.rows.map((row) => row.description),
      ],
    );
    await manager.query(
      `INSERT INTO appropriateness
         (reference_version, indication_group, icd10_prefixes, population, modality, rating, basis)
       SELECT $1, g, string_to_array(p, ';'), pop, m, r, b
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
         AS t(g, p, pop, m, r, b)`,
      [
        version,
        ratings.rows.map((row) => row.indication_group),
        ratings.rows.map((row) =>
          row.icd10_prefixes.split(';').map(normaliseIcd10Prefix).join(';'),
        ),
        ratings.rows.map((row) => row.population),
        ratings.rows.map((row) => row.modality),
        ratings.rows.map((row) => Number(row.rating)),
        ratings.rows.map((row) => row.basis),
      ],
    );
    return { referenceVersion: version, created: true };
  }
}
