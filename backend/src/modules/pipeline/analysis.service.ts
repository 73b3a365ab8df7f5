import type { DataSource, EntityManager } from 'typeorm';
import { DoseService } from '../dose/dose.service.js';
import { reestimateAllDoseReports } from '../ingestion/dose-report-normaliser.js';
import { lockModelWrites } from '../ingestion/model-write-lock.js';
import { SettingsService, type VersionedSettings } from '../settings/settings.service.js';
import {
  recordSteps,
  timeStep,
  type StepListener,
  type StepTiming,
} from '../ingestion/step-timing.js';
import { AssessmentService, type AssessmentScope } from '../steering/assessment.service.js';
import {
  DEFAULT_AFTER_ANALYSIS_STEPS,
  runAfterAnalysis,
  type AfterAnalysisStep,
} from './after-analysis.js';

export interface AnalysisSummary {
  readonly settingsVersion: number;
  readonly ordersInScope: number;
  readonly ordersRedosed: number;
  readonly providersRescored: number;
  readonly durationMs: number;
  /** How long each step took, in the order they finished. */
  readonly steps?: readonly StepTiming[];
}

/** The settings doses and CED bands depend on: only a change of one of them re-doses. */
export const DOSE_SETTINGS = [
  'dose.method',
  'band.high_ced_5y_msv',
  'band.high_ct_12m',
  'band.moderate_ced_5y_msv',
] as const;

/**
 * `grounds analyse`: brings every assessment up to the current settings, reference data and
 * lexicon. Incremental: only orders whose assessment is missing, stale or pending (or all, on
 * request); doses are recomputed for everyone only when a dose-related setting changed; the
 * after-analysis steps follow in the same transaction. Called through PipelineService.analyse.
 */
export class AnalysisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly afterAnalysis: readonly AfterAnalysisStep[] = DEFAULT_AFTER_ANALYSIS_STEPS,
  ) {}

  /**
   * Waits for the model write lock first (an import or another reassessment may hold it), then
   * calls `onStarted` and reassesses under the settings current at that moment.
   */
  async analyse(
    scope: Exclude<AssessmentScope, 'touched'> = 'stale',
    onStep?: StepListener,
    onStarted?: () => Promise<void>,
  ): Promise<AnalysisSummary> {
    const { result, steps } = await recordSteps(() => this.run(scope, onStarted), onStep);
    return { ...result, steps };
  }

  /**
   * True when some order's dose was computed under settings whose dose-related values (the
   * coefficient method and the band thresholds) differ from the current ones; a change of any
   * other setting (windows, thresholds of the case rules, p-chart) leaves doses as they are.
   */
  private async dosesStale(manager: EntityManager, settings: VersionedSettings): Promise<boolean> {
    const versions: { version: number }[] = await manager.query(
      'SELECT DISTINCT settings_version AS version FROM order_dose WHERE settings_version <> $1',
      [settings.version],
    );
    const service = new SettingsService(this.dataSource);
    for (const { version } of versions) {
      const earlier = await service.byVersion(version);
      const differs = DOSE_SETTINGS.some(
        (key) =>
          JSON.stringify(earlier?.values[key] ?? null) !== JSON.stringify(settings.values[key]),
      );
      if (differs) return true;
    }
    return false;
  }

  private async run(
    scope: Exclude<AssessmentScope, 'touched'>,
    onStarted?: () => Promise<void>,
  ): Promise<AnalysisSummary> {
    return this.dataSource.transaction(async (manager) => {
      // no JIT for these statements (see ImportService: their cost estimates make it compile
      // and optimise hundreds of functions each time, for seconds of work)
      await manager.query('SET LOCAL jit = off');
      await lockModelWrites(manager);
      await onStarted?.();
      const started = performance.now();
      // read after the lock: a change saved while this waited is assessed now
      const settings = await new SettingsService(this.dataSource).current();
      const stale = await timeStep('dose.stale', () => this.dosesStale(manager, settings));
      let ordersRedosed = 0;
      const dose = new DoseService();
      if (stale || scope === 'all') {
        await timeStep('dose.reports', () =>
          reestimateAllDoseReports(manager, (estimating, runId) =>
            dose.estimateDoseReports(estimating, runId, settings.values['dose.method']),
          ),
        );
        ordersRedosed = (await timeStep('dose', () => dose.recompute(manager, settings, 'all')))
          .ordersUpdated;
      }
      const assessment = await timeStep('analyse', () =>
        new AssessmentService().assess(manager, settings, scope),
      );
      // the dashboards' monthly rollups (an after-analysis step): every month after a rescoring
      // of everything (all, or new doses), else the months the assessment touched
      await runAfterAnalysis(manager, this.afterAnalysis, {
        settings,
        scope,
        months: assessment.months,
        everything: stale || scope === 'all',
        changesRecorded: assessment.changesRecorded,
      });
      return {
        settingsVersion: settings.version,
        ordersInScope: assessment.ordersInScope,
        ordersRedosed,
        providersRescored: assessment.providersRescored,
        durationMs: performance.now() - started,
      };
    });
  }
}
