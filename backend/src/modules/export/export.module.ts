import { Module } from '@nestjs/common';
import { ExportService } from './export.service.js';

/** The CSV exports of cases and exams. */
@Module({ providers: [ExportService], exports: [ExportService] })
export class ExportModule {}
