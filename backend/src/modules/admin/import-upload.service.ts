import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import AdmZip from 'adm-zip';
import { DataSource } from 'typeorm';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { NAME_UPLOAD_REJECTIONS, NAME_UPLOAD_RUN } from './admin.sql.js';
import { adminInputError } from './domain/admin-error.js';
import {
  DEFAULT_UPLOAD_LIMITS,
  planFileUpload,
  planZipUpload,
  type UploadKind,
  type UploadLimits,
  type UploadPlan,
} from './domain/plan-upload.js';

/** A file the HTTP layer received and stored on disk. */
export interface ReceivedUpload {
  readonly path: string;
  readonly originalName: string;
}

export interface UploadImportResult {
  readonly runId: number;
  readonly kind: UploadKind;
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  readonly rowsWarned: number;
  readonly touchedPatients: number;
  readonly durationMs: number;
  readonly notes: readonly string[];
}

/** Where uploads wait on disk (the HTTP layer writes them here). */
export const UPLOAD_SPOOL_DIR = path.join(os.tmpdir(), 'clinical-grounds-uploads');

const unzippedPrefix = (workDir: string): string => path.join(workDir, 'unzipped');

/** A name safe to write in a folder: no path, no control or odd characters. */
export const safeFileName = (name: string): string => {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const cleaned = base.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return cleaned.length > 0 ? cleaned.slice(0, 200) : 'upload';
};

/**
 * An uploaded file imported through the same services as the command line: a zip is checked
 * (entries inside the folder, bounded count and unpacked size), its entries extracted to a
 * private folder, and the CSV folder, FHIR files or dose reports in it imported as one run.
 * The run then names the uploaded file, and the temporary folder is removed.
 */
@Injectable()
export class ImportUploadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pipeline: PipelineService,
  ) {}

  async importUpload(
    upload: ReceivedUpload,
    startedBy: string,
    limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
  ): Promise<UploadImportResult> {
    const fileName = safeFileName(upload.originalName);
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'cg-upload-'));
    try {
      const stored = path.join(workDir, fileName);
      await rename(upload.path, stored);
      const { plan, target } = /\.zip$/i.test(fileName)
        ? await this.unzip(stored, fileName, workDir, limits)
        : { plan: planFileUpload(fileName), target: stored };
      const importer = this.pipeline;
      const summary =
        plan.kind === 'csv'
          ? await importer.importCsvFolder(target, { source: 'csv', startedBy })
          : plan.kind === 'fhir'
            ? await importer.importFhir(target, { startedBy })
            : await importer.importRdsr(target, { startedBy });
      // files are named as inside the upload (export/orders.csv), not by the temporary folder
      const unzipped = unzippedPrefix(workDir);
      for (const folder of [unzipped, workDir]) {
        await this.dataSource.query(NAME_UPLOAD_RUN, [
          summary.runId,
          `upload: ${upload.originalName}`,
          folder,
        ]);
        await this.dataSource.query(NAME_UPLOAD_REJECTIONS, [summary.runId, folder]);
      }
      return {
        runId: summary.runId,
        kind: plan.kind,
        rowsRead: summary.rowsRead,
        rowsLoaded: summary.rowsLoaded,
        rowsRejected: summary.rowsRejected,
        rowsWarned: summary.rowsWarned,
        touchedPatients: summary.touchedPatients,
        durationMs: Math.round(summary.durationMs),
        notes: summary.notes.map((note) =>
          note
            .split(`${unzippedPrefix(workDir)}/`)
            .join('')
            .split(`${workDir}/`)
            .join(''),
        ),
      };
    } finally {
      await rm(workDir, { recursive: true, force: true });
      await rm(upload.path, { force: true });
    }
  }

  private async unzip(
    zipPath: string,
    fileName: string,
    workDir: string,
    limits: UploadLimits,
  ): Promise<{ plan: UploadPlan; target: string }> {
    let zip: AdmZip;
    try {
      zip = new AdmZip(zipPath);
    } catch {
      throw adminInputError(`${fileName}: not a readable zip file.`);
    }
    const entries = zip.getEntries();
    const plan = planZipUpload(
      fileName,
      entries.map((entry) => ({
        name: entry.entryName,
        isDirectory: entry.isDirectory,
        size: entry.header.size,
      })),
      limits,
    );
    const root = unzippedPrefix(workDir);
    const wanted = new Set(plan.extract);
    let written = 0;
    for (const entry of entries) {
      if (!wanted.has(entry.entryName)) continue;
      const data = entry.getData();
      written += data.length;
      // the declared sizes were checked; a zip that lies about them is stopped here
      if (data.length > entry.header.size || written > limits.maxUncompressedBytes) {
        throw adminInputError(
          `${fileName}: ${entry.entryName} unpacks larger than the zip declares; nothing was imported.`,
        );
      }
      const destination = path.join(
        root,
        plan.flatten ? path.basename(entry.entryName) : entry.entryName,
      );
      if (!destination.startsWith(`${root}${path.sep}`)) {
        throw adminInputError(
          `${fileName}: the entry "${entry.entryName}" points outside the zip's folder.`,
        );
      }
      await mkdir(path.dirname(destination), { recursive: true });
      await writeFile(destination, data);
    }
    return { plan, target: path.join(root, plan.target ?? '') };
  }
}
