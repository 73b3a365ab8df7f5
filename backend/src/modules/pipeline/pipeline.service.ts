import type { DataSource, EntityManager } from 'typeorm';
import { DoseService } from '../dose/dose.service.js';
import { analyseModel } from '../ingestion/bulk-load.js';
import {
  ImportService,
  type ImportOptions,
  type ImportSummary,
  type NormalisedLoad,
  type PostgresImportOptions,
  type PostgresImportSummary,
  type RdsrImportOptions,
  type RdsrImportSummary,
} from '../ingestion/import.service.js';
import { timeStep, type StepListener } from '../ingestion/step-timing.js';
import { AssessmentService, type AssessmentScope } from '../steering/assessment.service.js';
import {
  DEFAULT_AFTER_ANALYSIS_STEPS,
  runAfterAnalysis,
  type AfterAnalysisStep,
} from './after-analysis.js';
import { AnalysisService, type AnalysisSummary } from './analysis.service.js';

export interface PipelineOptions {
  /** Assess the touched patients after each load (default true); false: up to the dose. */
  readonly analyse?: boolean;
  /** Steps after each assessment (default: DEFAULT_AFTER_ANALYSIS_STEPS). */
  readonly afterAnalysis?: readonly AfterAnalysisStep[];
}

/**
 * The months of the orders a load inserted or changed (the normaliser sets their last_run_id;
 * every one belongs to a touched patient): read through the touched patients' orders (LATERAL …
 * OFFSET 0, by the patient index), since the statistics know no row of the new run and the
 * planner would otherwise filter every order by last_run_id.
 */
export const WRITTEN_ORDER_MONTHS = `
  SELECT DISTINCT a.month
  FROM touched_patients t
  CROSS JOIN LATERAL (
    SELECT o.id FROM orders o WHERE o.patient_id = t.patient_id AND o.last_run_id = $1 OFFSET 0
  ) o
  JOIN order_assessments a ON a.order_pk = o.id`;

/**
 * The one-way data path, the only place that knows its order (DESIGN.md section 1):
 *
 *   land → normalise → relink dose reports → dose → assess → after-analysis steps (rollups)
 *
 * Ingestion lands an adapter's records and normalises them into the model, relinking dose
 * reports (ImportService); then, in the same transaction, the dose step recomputes effective
 * dose and CED for the touched patients (DoseService), the steering step assesses their orders
 * (AssessmentService) and the after-analysis steps run. `analyse` is the same path from the
 * assessment on, for settings, reference or lexicon changes (AnalysisService). The modules
 * never import this one: the command line, the HTTP upload and the admin pages call it.
 */
export class PipelineService {
  private readonly dose = new DoseService();
  private readonly assessment = new AssessmentService();
  private readonly afterAnalysis: readonly AfterAnalysisStep[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: PipelineOptions = {},
  ) {
    this.afterAnalysis = options.afterAnalysis ?? DEFAULT_AFTER_ANALYSIS_STEPS;
  }

  /** `grounds import csv`: a folder in the CSV import format. */
  importCsvFolder(folder: string, options: ImportOptions = {}): Promise<ImportSummary> {
    return this.ingestion().importCsvFolder(folder, options);
  }

  /** `grounds import fhir`: FHIR R4 Bundles, resources and NDJSON. */
  importFhir(inputPath: string, options: ImportOptions = {}): Promise<ImportSummary> {
    return this.ingestion().importFhir(inputPath, options);
  }

  /** `grounds import rdsr`: DICOM Radiation Dose SRs. */
  importRdsr(target: string, options: RdsrImportOptions = {}): Promise<RdsrImportSummary> {
    return this.ingestion().importRdsr(target, options);
  }

  /** `grounds import postgres`: the source's new and changed rows, past its watermarks. */
  importPostgres(options: PostgresImportOptions): Promise<PostgresImportSummary> {
    return this.ingestion().importPostgres(options);
  }

  /** `grounds analyse`: brings every assessment up to the current settings and reference data. */
  analyse(
    scope: Exclude<AssessmentScope, 'touched'> = 'stale',
    onStep?: StepListener,
    onStarted?: () => Promise<void>,
  ): Promise<AnalysisSummary> {
    return new AnalysisService(this.dataSource, this.afterAnalysis).analyse(
      scope,
      onStep,
      onStarted,
    );
  }

  /** Ingestion, followed by this pipeline's steps in the load's transaction. */
  private ingestion(): ImportService {
    return new ImportService(this.dataSource, {
      estimateDoseReports: (manager, runId, settings) =>
        this.dose.estimateDoseReports(manager, runId, settings.values['dose.method']),
      afterLoad: (manager, load) => this.afterLoad(manager, load),
    });
  }

  /** dose → assess → after-analysis steps, in the load's transaction. */
  private async afterLoad(manager: EntityManager, load: NormalisedLoad): Promise<void> {
    load.onProgress?.({ phase: 'dose' });
    await timeStep('dose', () => this.dose.recompute(manager, load.settings));
    if (load.bulk) await analyseModel(manager, ['order_dose']);
    if (this.options.analyse === false) return;
    load.onProgress?.({ phase: 'analysing' });
    const assessment = await timeStep('analyse', () =>
      this.assessment.assess(manager, load.settings, 'touched'),
    );
    // an order the load rewrote may have moved department with its assessment unchanged: its
    // month changed for the rollups all the same (a move of month changes the assessment)
    const written: { month: string }[] = await manager.query(WRITTEN_ORDER_MONTHS, [load.runId]);
    await runAfterAnalysis(manager, this.afterAnalysis, {
      settings: load.settings,
      scope: 'touched',
      months: [...new Set([...assessment.months, ...written.map((row) => row.month)])].sort(),
      everything: false,
    });
  }
}
