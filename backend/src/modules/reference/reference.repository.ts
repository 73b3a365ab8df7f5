import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  EXPORT_APPROPRIATENESS,
  EXPORT_INDICATION_GROUPS,
  INSERT_APPROPRIATENESS,
  INSERT_INDICATION_GROUPS,
  INSERT_REFERENCE_VERSION,
  LATEST_REFERENCE_VERSION,
  UPSERT_DLP_COEFFICIENTS,
  UPSERT_TYPICAL_DOSES,
  VERSION_BY_CONTENT_HASH,
} from './reference.sql.js';

type CsvRow = Record<string, string>;

/**
 * The reference tables' SQL (reference.sql.ts) and nothing else. Writes take the caller's
 * transaction (`manager`); reads use the data source.
 */
@Injectable()
export class ReferenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertDoseCoefficients(manager: EntityManager, rows: CsvRow[]): Promise<void> {
    await manager.query(UPSERT_DLP_COEFFICIENTS, [
      rows.map((row) => row.method),
      rows.map((row) => row.body_region),
      rows.map((row) => Number(row.age_years)),
      rows.map((row) => row.k_msv_per_mgycm),
      rows.map((row) => row.source),
    ]);
  }

  async upsertTypicalDoses(manager: EntityManager, rows: CsvRow[]): Promise<void> {
    await manager.query(UPSERT_TYPICAL_DOSES, [
      rows.map((row) => row.modality),
      rows.map((row) => row.body_region),
      rows.map((row) => row.typical_msv),
      rows.map((row) => row.exam),
      rows.map((row) => row.source),
    ]);
  }

  async versionByContentHash(manager: EntityManager, contentHash: string): Promise<number | null> {
    const rows: { version: number }[] = await manager.query(VERSION_BY_CONTENT_HASH, [contentHash]);
    return rows.length > 0 ? rows[0].version : null;
  }

  /**
   * A new reference version with its groups and ratings (ratings' `icd10_prefixes` already
   * normalised and joined by ";").
   */
  async insertVersion(
    manager: EntityManager,
    contentHash: string,
    note: string,
    groups: CsvRow[],
    ratings: CsvRow[],
  ): Promise<number> {
    const [{ version }]: { version: number }[] = await manager.query(INSERT_REFERENCE_VERSION, [
      contentHash,
      note,
    ]);
    await manager.query(INSERT_INDICATION_GROUPS, [
      version,
      groups.map((row) => row.indication_group),
      groups.map((row) => row.indicated_exam_needs_iodinated_contrast === 'true'),
      groups.map((row) => row.description),
    ]);
    await manager.query(INSERT_APPROPRIATENESS, [
      version,
      ratings.map((row) => row.indication_group),
      ratings.map((row) => row.icd10_prefixes),
      ratings.map((row) => row.population),
      ratings.map((row) => row.modality),
      ratings.map((row) => Number(row.rating)),
      ratings.map((row) => row.basis),
    ]);
    return version;
  }

  /** The newest reference version, null on a database without reference data. */
  async latestVersion(): Promise<number | null> {
    const [{ version }]: { version: number | null }[] =
      await this.dataSource.query(LATEST_REFERENCE_VERSION);
    return version;
  }

  /** One version's groups and ratings in the columns of the shipped CSV files, all text. */
  async exportVersion(version: number | null): Promise<{ groups: CsvRow[]; ratings: CsvRow[] }> {
    const groups: CsvRow[] = await this.dataSource.query(EXPORT_INDICATION_GROUPS, [version]);
    const ratings: CsvRow[] = await this.dataSource.query(EXPORT_APPROPRIATENESS, [version]);
    return { groups, ratings };
  }
}
