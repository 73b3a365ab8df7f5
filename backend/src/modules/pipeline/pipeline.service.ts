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
    // an order the load moved to another department changed its assessment (which keeps the
    // department), so the assessment's months and changes hold it
    await runAfterAnalysis(manager, this.afterAnalysis, {
      settings: load.settings,
      scope: 'touched',
      months: assessment.months,
      everything: false,
      changesRecorded: assessment.changesRecorded,
    });
  }
}
