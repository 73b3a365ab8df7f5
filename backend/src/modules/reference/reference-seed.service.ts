import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { REFERENCE_DATA_DIR } from '../../config/paths.js';

type CsvRow = Record<string, string>;

const readCsv = async (name: string): Promise<{ text: string; rows: CsvRow[] }> => {
  const text = await readFile(path.join(REFERENCE_DATA_DIR, name), 'utf8');
  return { text, rows: parse(text, { columns: true, skip_empty_lines: true, trim: true }) };
};

export const normaliseIcd10Prefix = (code: string): string =>
  code.replace(/[.\s]/g, '').toUpperCase();

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

      const contentHash = createHash('sha256')
        .update(groups.text)
        .update(ratings.text)
        .digest('hex');
      const existing: { version: number }[] = await manager.query(
        'SELECT version FROM reference_versions WHERE content_hash = $1',
        [contentHash],
      );
      if (existing.length > 0) return { referenceVersion: existing[0].version, created: false };

      const [{ version }]: { version: number }[] = await manager.query(
        `INSERT INTO reference_versions (content_hash, note) VALUES ($1, $2) RETURNING version`,
        [contentHash, 'seeded from the shipped reference data'],
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
    });
  }
}
