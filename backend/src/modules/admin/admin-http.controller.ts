import { mkdirSync } from 'node:fs';
import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { toHttpException } from '../../common/error-mapping.js';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { ReferenceAdminService, type RejectionRow } from './reference-admin.service.js';
import {
  ImportUploadService,
  UPLOAD_SPOOL_DIR,
  type UploadStarted,
} from './import-upload.service.js';

/** Largest upload accepted (compressed): bigger loads go through the command line. */
export const MAX_UPLOAD_BYTES = 512 * 1024 ** 2;

const REJECTION_COLUMNS = [
  'run_id',
  'source',
  'entity',
  'file',
  'line',
  'field',
  'severity',
  'reason',
  'raw',
] as const;

mkdirSync(UPLOAD_SPOOL_DIR, { recursive: true });

/** The Data page's HTTP routes: the rejections as CSV, and imports from an uploaded file. */
@Controller()
export class AdminHttpController {
  constructor(
    private readonly admin: ReferenceAdminService,
    private readonly uploads: ImportUploadService,
  ) {}

  @Roles('ADMIN', 'AUDITOR')
  @Get('exports/rejections.csv')
  async rejectionsCsv(
    @Query('runId') runIdText: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const runId = runIdText === undefined || runIdText === '' ? null : Number(runIdText);
    if (runId !== null && (!Number.isInteger(runId) || runId < 1)) {
      throw new BadRequestException(`runId must be an import run number, not "${runIdText}".`);
    }
    const pages = this.admin.rejections(runId);
    // the first page is read before any byte is sent, so an unknown run is a clean 404
    let first: IteratorResult<RejectionRow[]>;
    try {
      first = await pages.next();
    } catch (error) {
      throw toHttpException(error);
    }
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="rejections-${runId === null ? 'all' : `run-${runId}`}.csv"`,
    );
    response.write(stringify([[...REJECTION_COLUMNS]]));
    let page = first;
    while (!page.done) {
      response.write(
        stringify(
          page.value.map((row) => [
            row.runId,
            row.source,
            row.entity,
            row.file,
            row.line,
            row.field ?? '',
            row.severity,
            row.reason,
            row.raw ?? '',
          ]),
        ),
      );
      page = await pages.next();
    }
    response.end();
  }

  @Roles('ADMIN')
  @Post('imports')
  @HttpCode(202)
  @UseInterceptors(
    FileInterceptor('file', {
      dest: UPLOAD_SPOOL_DIR,
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 },
    }),
  )
  async importUpload(
    @UploadedFile() file: { path: string; originalname: string; size: number } | undefined,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<UploadStarted> {
    if (!file) {
      throw new BadRequestException(
        'Send the file as multipart form data in the field "file" (a .zip of CSV files, FHIR .json or .ndjson, or .dcm).',
      );
    }
    try {
      return await this.uploads.startUpload(
        { path: file.path, originalName: file.originalname },
        principal?.email ?? 'dashboard',
      );
    } catch (error) {
      throw toHttpException(error);
    }
  }
}
