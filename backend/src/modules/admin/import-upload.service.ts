import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import AdmZip from 'adm-zip';
import { DataSource } from 'typeorm';
import { PipelineService } from '../pipeline/pipeline.service.js';
import { NAME_UPLOAD_REJECTIONS, NAME_UPLOAD_RUN } from './admin.sql.js';
import { BackgroundJobs } from './background-jobs.js';
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

/** What `POST /imports` answers once the upload's run is open: the import goes on. */
export interface UploadStarted {
  readonly runId: number;
  readonly kind: UploadKind;
  /** Always `running`: follow the run in `ingestRuns` until it has succeeded or failed. */
  readonly status: 'running';
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
 * The answer comes as soon as the run is open; the import goes on in the background (the
 * run's status and counts say how it ends), then the temporary folder is removed. What is
 * refused before the run opens (not a zip, nothing to import) is refused to the request.
 */
@Injectable()
export class ImportUploadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: BackgroundJobs,
    private readonly pipeline: PipelineService,
  ) {}

  async startUpload(
    upload: ReceivedUpload,
    startedBy: string,
    limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
  ): Promise<UploadStarted> {
    const fileName = safeFileName(upload.originalName);
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'cg-upload-'));
    const cleanUp = async (): Promise<void> => {
      await rm(workDir, { recursive: true, force: true });
      await rm(upload.path, { force: true });
    };
    let planned: { plan: UploadPlan; target: string };
    try {
      const stored = path.join(workDir, fileName);
      await rename(upload.path, stored);
      planned = /\.zip$/i.test(fileName)
        ? await this.unzip(stored, fileName, workDir, limits)
        : { plan: planFileUpload(fileName), target: stored };
    } catch (error) {
      await cleanUp();
      throw error;
    }
    const { plan, target } = planned;
    // files are named as inside the upload (export/orders.csv), not by the temporary folder
    const nameRun = async (runId: number): Promise<void> => {
      for (const folder of [unzippedPrefix(workDir), workDir]) {
        await this.dataSource.query(NAME_UPLOAD_RUN, [
          runId,
          `upload: ${upload.originalName}`,
          folder,
        ]);
        await this.dataSource.query(NAME_UPLOAD_REJECTIONS, [runId, folder]);
      }
    };
    return new Promise<UploadStarted>((resolve, reject) => {
      let opened: number | null = null;
      const options = {
        startedBy,
        onRunOpened: async (runId: number) => {
          opened = runId;
          try {
            await nameRun(runId);
          } finally {
            resolve({ runId, kind: plan.kind, status: 'running' });
          }
        },
      };
      this.jobs.start(`import of upload ${fileName}`, async () => {
        const importer = this.pipeline;
        try {
          const summary =
            plan.kind === 'csv'
              ? await importer.importCsvFolder(target, { ...options, source: 'csv' })
              : plan.kind === 'fhir'
                ? await importer.importFhir(target, options)
                : await importer.importRdsr(target, options);
          await nameRun(summary.runId);
        } catch (error) {
          if (opened === null) {
            reject(error); // refused before a run opened: the request says why
            return;
          }
          // the run was marked failed with the reason; its paths lose the temporary folder
          await nameRun(opened).catch(() => undefined);
          throw error;
        } finally {
          await cleanUp();
        }
      });
    });
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
