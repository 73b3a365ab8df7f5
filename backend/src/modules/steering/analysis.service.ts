import type { DataSource } from 'typeorm';
import { DoseService } from '../dose/dose.service.js';
import { reestimateAllDoseReports } from '../ingestion/adapters/rdsr/import-rdsr.js';
import { SettingsService } from '../settings/settings.service.js';
import { AssessmentService, type AssessmentScope } from './assessment.service.js';

export interface AnalysisSummary {
  readonly settingsVersion: number;
  readonly ordersInScope: number;
  readonly ordersRedosed: number;
  readonly providersRescored: number;
  readonly durationMs: number;
}

/**
 * `grounds analyse`: brings every assessment up to the current settings, reference data and
 * lexicon. Incremental: only orders whose assessment is missing, stale or pending (or all, on
 * request); doses are recomputed for everyone only when the settings version changed.
 */
export class AnalysisService {
  constructor(private readonly dataSource: DataSource) {}

  async analyse(scope: Exclude<AssessmentScope, 'touched'> = 'stale'): Promise<AnalysisSummary> {
    const started = performance.now();
    const settings = await new SettingsService(this.dataSource).current();
    return this.dataSource.transaction(async (manager) => {
      const [{ stale }] = await manager.query(
        'SELECT count(*)::int AS stale FROM order_dose WHERE settings_version <> $1',
        [settings.version],
      );
      let ordersRedosed = 0;
      if (stale > 0 || scope === 'all') {
        await reestimateAllDoseReports(manager, settings.values['dose.method']);
        ordersRedosed = (await new DoseService().recompute(manager, settings, 'all')).ordersUpdated;
      }
      const assessment = await new AssessmentService().assess(manager, settings, scope);
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
