import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { ImportError } from '../../import.exception.js';
import type { DoseReport } from './dose-report.types.js';
import { parseDoseReport } from './parse-dose-report.js';

export const RDSR_SOURCE = 'rdsr';
const LANDING_BATCH_FILES = 100;

/** Every regular file under `target` (a file or a folder, recursively), sorted by path. */
export async function listDoseReportFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => null);
  if (info === null) throw new ImportError(`${target} does not exist.`);
  if (info.isFile()) return [target];
  if (!info.isDirectory()) throw new ImportError(`${target} is neither a file nor a folder.`);
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
}

/** Remarks the importer adds to the parser's: totals the report does not carry are unknown. */
export const describeUnknownTotals = (report: DoseReport): string[] => {
  const remarks: string[] = [];
  const allNull = (pick: (event: DoseReport['events'][number]) => number | null): boolean =>
    report.events.every((event) => pick(event) === null);
  if (report.template === 'CT' && report.totals.dlpTotalMgyCm === null) {
    remarks.push(
      allNull((event) => event.dlpMgyCm)
        ? 'DLP unknown: the report carries no DLP value (empty or missing measured value); stored as unknown, not zero'
        : 'DLP total missing: the study total is taken from the events',
    );
  }
  if (report.template === 'PROJECTION' && report.totals.dapTotalGyCm2 === null) {
    remarks.push(
      allNull((event) => event.dapGyCm2)
        ? 'DAP unknown: the report carries no DAP value (empty or missing measured value); stored as unknown, not zero'
        : 'DAP total missing: the study total is taken from the events',
    );
  }
  return remarks;
};

interface LandingRow {
  readonly file: string;
  readonly content_sha256: string;
  readonly bytes: number;
  readonly status: 'parsed' | 'rejected';
  readonly error_code: string | null;
  readonly error_reason: string | null;
  readonly sop_instance_uid: string | null;
  readonly study_instance_uid: string | null;
  readonly report: DoseReport | null;
  readonly warnings: readonly string[];
}

const INSERT_LANDING = `
  INSERT INTO landing_dose_reports (run_id, source, file, content_sha256, bytes, status,
    error_code, error_reason, sop_instance_uid, study_instance_uid, report, warnings)
  SELECT $1, $2, x.file, x.content_sha256, x.bytes, x.status, x.error_code, x.error_reason,
    x.sop_instance_uid, x.study_instance_uid, x.report, x.warnings
  FROM jsonb_to_recordset($3::jsonb) AS x(file text, content_sha256 text, bytes integer,
    status text, error_code text, error_reason text, sop_instance_uid text,
    study_instance_uid text, report jsonb, warnings text[])`;

/** Reads and parses one file into its landing row. */
export async function readDoseReportFile(
  file: string,
  qaPatterns: readonly string[],
): Promise<LandingRow> {
  const bytes = await readFile(file);
  const base = {
    file,
    content_sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  };
  const parsed = parseDoseReport(bytes, { qaPatterns });
  if (!parsed.ok) {
    return {
      ...base,
      status: 'rejected',
      error_code: parsed.code,
      error_reason: parsed.reason,
      sop_instance_uid: null,
      study_instance_uid: null,
      report: null,
      warnings: [],
    };
  }
  const report = parsed.report;
  return {
    ...base,
    status: 'parsed',
    error_code: null,
    error_reason: null,
    sop_instance_uid: report.sopInstanceUid,
    study_instance_uid: report.studyInstanceUid,
    report,
    warnings: [...report.warnings, ...describeUnknownTotals(report)],
  };
}

/**
 * Lands every file of the run, one row per file (parsed or rejected), in batches; `onFile`
 * reports progress. A file that cannot be read at all (permissions) lands as a rejection too.
 */
export async function landDoseReports(
  dataSource: DataSource,
  runId: number,
  files: readonly string[],
  qaPatterns: readonly string[],
  onFile?: (done: number, total: number) => void,
): Promise<void> {
  let batch: LandingRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await dataSource.query(INSERT_LANDING, [runId, RDSR_SOURCE, JSON.stringify(batch)]);
    batch = [];
  };
  for (const [index, file] of files.entries()) {
    const row = await readDoseReportFile(file, qaPatterns).catch((error: unknown): LandingRow => ({
      file,
      content_sha256: createHash('sha256').update(`unreadable:${file}`).digest('hex'),
      bytes: 0,
      status: 'rejected',
      error_code: 'unreadable',
      error_reason: `the file could not be read (${(error as Error).message})`,
      sop_instance_uid: null,
      study_instance_uid: null,
      report: null,
      warnings: [],
    }));
    batch.push(row);
    if (batch.length >= LANDING_BATCH_FILES) await flush();
    onFile?.(index + 1, files.length);
  }
  await flush();
}
