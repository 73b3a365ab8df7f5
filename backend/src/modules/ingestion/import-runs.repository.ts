import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RUN_DOSE_REPORT_REMARKS, RUN_REJECTIONS } from './import-runs.sql.js';

export interface RunRejection {
  readonly file: string;
  readonly line: number;
  readonly field: string | null;
  readonly reason: string;
  readonly severity: string;
}

export interface DoseReportRemark {
  readonly file: string;
  readonly severity: string;
  readonly reason: string;
}

/** Reads what an import run rejected or warned about (import-runs.sql.ts). */
@Injectable()
export class ImportRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  rejections(runId: number, limit: number): Promise<RunRejection[]> {
    return this.dataSource.query(RUN_REJECTIONS, [runId, limit]);
  }

  doseReportRemarks(runId: number, limit: number): Promise<DoseReportRemark[]> {
    return this.dataSource.query(RUN_DOSE_REPORT_REMARKS, [runId, limit]);
  }
}
