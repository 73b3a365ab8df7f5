import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AUDIT_EVENTS_PAGE,
  INGEST_RUNS_PAGE,
  REFERENCE_VERSIONS,
  REJECTIONS_COUNT,
  REJECTIONS_LIST_PAGE,
  SETTINGS_VERSIONS,
} from './admin.sql.js';
import { adminInputError } from './domain/admin-error.js';
import {
  SETTINGS_SCHEMA,
  changesAssessments,
  isSettingKey,
  type SettingKey,
} from '../settings/domain/settings-schema.js';
import { SettingsService } from '../settings/settings.service.js';
import { ReassessmentService } from './reassessment.service.js';

export const MAX_PAGE_SIZE = 500;

/** Settings that change what is shown, not what is assessed: no re-analysis after them. */

export interface Page<T> {
  readonly nodes: T[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface IngestRunRow {
  readonly id: number;
  readonly source: string;
  readonly kind: string;
  readonly status: string;
  readonly target: string | null;
  readonly files: string[];
  readonly started_by: string;
  readonly message: string | null;
  readonly started_at: Date;
  readonly finished_at: Date | null;
  readonly rows_read: number;
  readonly rows_loaded: number;
  readonly rows_rejected: number;
  readonly rows_warned: number;
}

export interface RejectionRow {
  readonly id: string;
  readonly run_id: number;
  readonly file: string;
  readonly line: number | null;
  readonly field: string | null;
  readonly reason: string;
  readonly raw: string | null;
}

export interface AuditEventRow {
  readonly id: string;
  readonly occurred_at: Date;
  readonly actor: string;
  readonly action: string;
  readonly object_type: string | null;
  readonly object_id: string | null;
  readonly details: Record<string, unknown> | null;
}

export interface SettingValue {
  readonly key: string;
  readonly value: string;
  readonly meaning: string;
  readonly version: number;
}

export interface SettingsVersionSummary {
  readonly version: number;
  readonly createdAt: Date;
  readonly createdBy: string | null;
  readonly changes: string[];
}

export interface ReferenceVersionRow {
  readonly version: number;
  readonly created_at: Date;
  readonly note: string | null;
  readonly current: boolean;
}

/** Cursors are opaque: base64url of the row's key. */
export function encodeCursor(id: string | number): string {
  return Buffer.from(`k:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | null {
  if (cursor === null || cursor === undefined) return null;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^k:(\d{1,18})$/.exec(decoded);
  if (!match) throw adminInputError(`"${cursor}" is not a cursor this list gave out.`);
  return match[1];
}

export function pageSize(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw adminInputError(`first must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return size;
}

export function formatSettingValue(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/**
 * What administrators and auditors read about the data and its configuration: ingest runs,
 * rejections (keyset-paginated on their primary keys, no OFFSET), settings and their history,
 * reference versions; and the one setting change an administrator makes here.
 */
@Injectable()
export class AdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reassessment: ReassessmentService,
  ) {}

  /** Newest first, keyset on id; only runs of one kind (csv, analyse, …) when asked. */
  async ingestRuns(
    first?: number | null,
    after?: string | null,
    kind?: string | null,
  ): Promise<Page<IngestRunRow>> {
    const size = pageSize(first, 50);
    const before = decodeCursor(after);
    const rows: IngestRunRow[] = await this.dataSource.query(INGEST_RUNS_PAGE, [
      before,
      size + 1,
      kind ?? null,
    ]);
    return pageOf(rows, size, (row) => row.id);
  }

  /** In the order they were found (id), one run or all; keyset on id. */
  async rejections(
    runId?: string | null,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<RejectionRow> & { totalCount: number }> {
    const size = pageSize(first, 100);
    const from = decodeCursor(after);
    if (runId !== null && runId !== undefined && !/^\d{1,9}$/.test(runId)) {
      throw adminInputError(`"${runId}" is not an ingest run id.`);
    }
    const run = runId ?? null;
    const [rows, [{ total }]]: [RejectionRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(REJECTIONS_LIST_PAGE, [run, from, size + 1]),
      this.dataSource.query(REJECTIONS_COUNT, [run]),
    ]);
    return { ...pageOf(rows, size, (row) => row.id), totalCount: total };
  }

  /** Newest first, keyset on (occurred_at, id) through the audit_events_occurred index. */
  async auditEvents(first?: number | null, after?: string | null): Promise<Page<AuditEventRow>> {
    const size = pageSize(first, 100);
    const before = decodeCursor(after);
    const rows: AuditEventRow[] = await this.dataSource.query(AUDIT_EVENTS_PAGE, [
      before,
      size + 1,
    ]);
    return pageOf(rows, size, (row) => row.id);
  }

  async settings(): Promise<SettingValue[]> {
    const current = await new SettingsService(this.dataSource).current();
    return Object.entries(SETTINGS_SCHEMA).map(([key, spec]) => ({
      key,
      value: formatSettingValue(current.values[key as SettingKey]),
      meaning: spec.description,
      version: current.version,
    }));
  }

  /** Every settings version, newest first, with what it changed against the one before. */
  async settingsHistory(): Promise<SettingsVersionSummary[]> {
    await new SettingsService(this.dataSource).current();
    const rows: {
      version: number;
      values: Record<string, unknown>;
      created_by: string | null;
      note: string | null;
      created_at: Date;
    }[] = await this.dataSource.query(SETTINGS_VERSIONS);
    const summaries = rows.map((row, index) => {
      const previous = index > 0 ? rows[index - 1].values : null;
      const keys = [
        ...new Set([...Object.keys(previous ?? {}), ...Object.keys(row.values)]),
      ].sort();
      const changes =
        previous === null
          ? [row.note ?? 'first version']
          : keys
              .filter((key) => JSON.stringify(previous[key]) !== JSON.stringify(row.values[key]))
              .map(
                (key) =>
                  `${key}: ${previous[key] === undefined ? '(default)' : formatSettingValue(previous[key])} → ${row.values[key] === undefined ? '(default)' : formatSettingValue(row.values[key])}`,
              );
      return {
        version: row.version,
        createdAt: row.created_at,
        createdBy: row.created_by,
        changes,
      };
    });
    return summaries.reverse();
  }

  async referenceVersions(): Promise<ReferenceVersionRow[]> {
    return this.dataSource.query(REFERENCE_VERSIONS);
  }

  /**
   * A new settings version with one value changed (as `grounds settings set`), then the
   * analysis brought up to it (as `grounds analyse`) unless the setting only changes display:
   * queued as a reassessment run that follows in the background (its id is returned).
   */
  async updateSetting(
    key: string,
    value: string,
    changedBy: string,
  ): Promise<{ setting: SettingValue; before: string | null; reassessmentRunId: number | null }> {
    if (!isSettingKey(key)) {
      throw adminInputError(
        `Unknown setting "${key}". Known settings: ${Object.keys(SETTINGS_SCHEMA).join(', ')}.`,
      );
    }
    const settings = new SettingsService(this.dataSource);
    const before = formatSettingValue((await settings.current()).values[key]);
    let created;
    try {
      created = await settings.set(key, value, changedBy);
    } catch (error) {
      throw adminInputError((error as Error).message);
    }
    const after = formatSettingValue(created.values[key]);
    const reassessmentRunId = changesAssessments(key)
      ? await this.reassessment.start({
          source: 'settings',
          target: `settings version ${created.version}: ${key} ${before} → ${after}`,
          startedBy: changedBy,
        })
      : null;
    return {
      setting: {
        key,
        value: formatSettingValue(created.values[key]),
        meaning: SETTINGS_SCHEMA[key].description,
        version: created.version,
      },
      before,
      reassessmentRunId,
    };
  }
}

function pageOf<T>(rows: T[], size: number, keyOf: (row: T) => string | number): Page<T> {
  const nodes = rows.slice(0, size);
  return {
    nodes,
    hasNextPage: rows.length > size,
    endCursor: nodes.length > 0 ? encodeCursor(keyOf(nodes[nodes.length - 1])) : null,
  };
}
