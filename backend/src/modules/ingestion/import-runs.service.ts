import { Injectable } from '@nestjs/common';
import {
  ImportRunsRepository,
  type DoseReportRemark,
  type RunRejection,
} from './import-runs.repository.js';

/** An import run's rejections and warnings, read back after the run (the command line's report). */
@Injectable()
export class ImportRunsService {
  constructor(private readonly repository: ImportRunsRepository) {}

  /** The first `limit` rejections and warnings of the run, by file and line. */
  firstRejections(runId: number, limit: number): Promise<RunRejection[]> {
    return this.repository.rejections(runId, limit);
  }

  /** The first `limit` rejected dose-report files and warnings of an RDSR run. */
  firstDoseReportRemarks(runId: number, limit: number): Promise<DoseReportRemark[]> {
    return this.repository.doseReportRemarks(runId, limit);
  }
}
