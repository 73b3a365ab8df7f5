import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdminError, AdminErrorCode, adminInputError } from './domain/admin-error.js';
import { ReferenceDataError, ReferenceSeedService } from '../reference/reference-seed.service.js';
import { ReassessmentService } from './reassessment.service.js';
import {
  APPROPRIATENESS_OF_VERSION,
  CURRENT_REFERENCE_VERSION,
  INDICATION_GROUPS_OF_VERSION,
  REFERENCE_VERSIONS,
  REJECTIONS_PAGE,
  RUN_EXISTS,
  SITE_TIME_ZONE,
} from './admin.sql.js';

export interface AppropriatenessRow {
  readonly indicationGroup: string;
  readonly icd10Prefixes: string[];
  readonly population: string;
  readonly modality: string;
  readonly rating: number;
  readonly basis: string;
}

export interface IndicationGroupRow {
  readonly indicationGroup: string;
  readonly needsIodinatedContrast: boolean;
  readonly description: string;
}

export interface ReferenceVersionRow {
  readonly version: number;
  readonly createdAt: string;
  readonly note: string | null;
  readonly current: boolean;
}

export interface RejectionRow {
  readonly id: string;
  readonly runId: number;
  readonly source: string;
  readonly entity: string;
  readonly file: string;
  readonly line: number;
  readonly field: string | null;
  readonly severity: string;
  readonly reason: string;
  readonly raw: string | null;
}

const REJECTIONS_PAGE_SIZE = 5000;

/** The Settings and Data pages' own use cases: the appropriateness table, a new reference version, the rejections CSV. */
@Injectable()
export class ReferenceAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reassessment: ReassessmentService,
  ) {}

  async siteTimeZone(): Promise<string> {
    const [{ zone }] = await this.dataSource.query(SITE_TIME_ZONE);
    return zone as string;
  }

  async appropriatenessTable(): Promise<{
    referenceVersion: number;
    groups: IndicationGroupRow[];
    rows: AppropriatenessRow[];
  }> {
    const version = await this.currentReferenceVersion();
    const groups: {
      indication_group: string;
      needs_iodinated_contrast: boolean;
      description: string;
    }[] = await this.dataSource.query(INDICATION_GROUPS_OF_VERSION, [version]);
    const rows: {
      indication_group: string;
      icd10_prefixes: string[];
      population: string;
      modality: string;
      rating: number;
      basis: string;
    }[] = await this.dataSource.query(APPROPRIATENESS_OF_VERSION, [version]);
    return {
      referenceVersion: version,
      groups: groups.map((group) => ({
        indicationGroup: group.indication_group,
        needsIodinatedContrast: group.needs_iodinated_contrast,
        description: group.description,
      })),
      rows: rows.map((row) => ({
        indicationGroup: row.indication_group,
        icd10Prefixes: row.icd10_prefixes,
        population: row.population,
        modality: row.modality,
        rating: row.rating,
        basis: row.basis,
      })),
    };
  }

  async referenceVersions(): Promise<ReferenceVersionRow[]> {
    const rows: { version: number; created_at: Date; note: string | null; current: boolean }[] =
      await this.dataSource.query(REFERENCE_VERSIONS);
    return rows.map((row) => ({
      version: row.version,
      createdAt: row.created_at.toISOString(),
      note: row.note,
      current: row.current,
    }));
  }

  /**
   * The edited appropriateness table as a new reference version, as `grounds reference import`
   * stores one (same checks; the indication groups are the current version's), then the
   * orders are reassessed under it, as `grounds analyse` does, in the background: the
   * reassessment's run id is returned (null when the table was already that version).
   */
  async createReferenceVersion(
    note: string,
    rows: readonly AppropriatenessRow[],
    startedBy: string,
  ): Promise<{
    version: ReferenceVersionRow;
    created: boolean;
    reassessmentRunId: number | null;
  }> {
    const trimmedNote = note.trim();
    if (trimmedNote.length === 0) {
      throw adminInputError('Say in the note what changed and why.');
    }
    if (rows.length === 0) {
      throw adminInputError('The appropriateness table cannot be empty.');
    }
    const current = await this.appropriatenessTable();
    const groups = current.groups.map((group) => ({
      indication_group: group.indicationGroup,
      indicated_exam_needs_iodinated_contrast: String(group.needsIodinatedContrast),
      description: group.description,
    }));
    const ratings = rows.map((row) => ({
      indication_group: row.indicationGroup.trim(),
      icd10_prefixes: row.icd10Prefixes
        .map((prefix) => prefix.trim())
        .filter(Boolean)
        .join(';'),
      population: row.population.trim().toUpperCase(),
      modality: row.modality.trim().toUpperCase(),
      rating: String(row.rating),
      basis: row.basis ?? '',
    }));
    let stored: { referenceVersion: number; created: boolean };
    try {
      stored = await new ReferenceSeedService(this.dataSource).importRows(
        groups,
        ratings,
        trimmedNote,
      );
    } catch (error) {
      if (error instanceof ReferenceDataError) {
        // "appropriateness.csv: line 5: rating: …" names the table's row 4 (line 1 is the header)
        throw adminInputError(
          error.message.replace(
            /^appropriateness\.csv: line (\d+):/,
            (_match, line: string) => `Row ${Number(line) - 1}:`,
          ),
        );
      }
      throw error;
    }
    const reassessmentRunId = stored.created
      ? await this.reassessment.start({
          source: 'reference',
          target: `reference version ${stored.referenceVersion}: ${trimmedNote}`,
          startedBy,
        })
      : null;
    const versions = await this.referenceVersions();
    const version = versions.find((row) => row.version === stored.referenceVersion);
    if (!version) throw new Error(`Reference version ${stored.referenceVersion} vanished.`);
    return { version, created: stored.created, reassessmentRunId };
  }

  /** Rejections of one run (or of every run), page by page in id order, for the CSV download. */
  async *rejections(runId: number | null): AsyncGenerator<RejectionRow[]> {
    if (runId !== null) {
      const [{ exists }] = await this.dataSource.query(RUN_EXISTS, [runId]);
      if (!exists)
        throw new AdminError(AdminErrorCode.NOT_FOUND, `There is no import run ${runId}.`);
    }
    let after = '0';
    for (;;) {
      const page: {
        id: string;
        run_id: number;
        source: string;
        entity: string;
        file: string;
        line: number;
        field: string | null;
        severity: string;
        reason: string;
        raw: string | null;
      }[] = await this.dataSource.query(REJECTIONS_PAGE, [runId, after, REJECTIONS_PAGE_SIZE]);
      if (page.length === 0) return;
      yield page.map((row) => ({
        id: row.id,
        runId: row.run_id,
        source: row.source,
        entity: row.entity,
        file: row.file,
        line: row.line,
        field: row.field,
        severity: row.severity,
        reason: row.reason,
        raw: row.raw,
      }));
      after = page[page.length - 1].id;
    }
  }

  private async currentReferenceVersion(): Promise<number> {
    const [{ version }] = await this.dataSource.query(CURRENT_REFERENCE_VERSION);
    if (version === null) {
      throw adminInputError('No reference data is loaded yet: run `npm run grounds -- migrate`.');
    }
    return version as number;
  }
}
