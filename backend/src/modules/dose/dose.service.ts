import type { EntityManager } from 'typeorm';
import type { VersionedSettings } from '../settings/settings.service.js';
import {
  analyseGrown,
  emptyForFirstLoad,
  insertInParallel,
  rowsWritten,
  withoutForeignKeys,
  withoutConstraints,
} from '../ingestion/bulk-load.js';
import { timeStep } from '../ingestion/step-timing.js';
import { ESTIMATE_EVENT_DOSES, ESTIMATE_STUDY_DOSES } from './dose-report-estimate.sql.js';
import {
  LINKED_DOSE_REPORTS,
  ORDER_DOSE_COLUMNS,
  TOUCHED_SCOPE,
  cumulativeDoseSql,
  effectiveDoseSql,
  firstLoadCumulativeDoseSql,
  firstLoadEffectiveDoseSql,
} from './dose.sql.js';

export interface DoseRecomputation {
  readonly examsUpdated: number;
  readonly ordersUpdated: number;
}

/**
 * Recomputes effective doses and cumulative dose at order time. Incremental by default: only
 * the patients in touched_patients (filled by the normaliser in the same transaction).
 */
export class DoseService {
  async recompute(
    manager: EntityManager,
    settings: VersionedSettings,
    scope: 'touched' | 'all' = 'touched',
  ): Promise<DoseRecomputation> {
    // a first load (no dose computed yet): a plain insert, no pre-filter nor ON CONFLICT, and
    // the primary key built once after it (803,054 exams: the insert's CPU time 2.1 s with the
    // key maintained row by row, 1.2 s without it and with the key built after)
    const examsEmpty = await emptyForFirstLoad(manager, 'exam_doses');
    const ordersEmpty = await emptyForFirstLoad(manager, 'order_dose');
    // with no dose computed at all, every patient's doses are computed, touched or not (in a
    // first load every patient is touched): the statements then name no temporary table, which
    // parallel workers cannot read (over touched_patients the first load's cumulative dose was
    // planned serial, whatever insertInParallel offered)
    const everyone = scope === 'all' || (examsEmpty && ordersEmpty);
    const where = everyone ? 'IS NOT NULL' : TOUCHED_SCOPE;
    // temporary tables are never analysed automatically: without statistics the planner takes
    // touched_patients for a tiny table and picks nested loops that do not scale
    if (!everyone) await manager.query('ANALYZE touched_patients');
    // the dose-report lookup only when some exam has a linked study (a CSV hospital has none)
    const [{ linked }] = await manager.query(LINKED_DOSE_REPORTS);
    const reports = linked ? 'linked' : 'none';
    const method = [settings.values['dose.method']];
    const exams = await timeStep('dose.effective_dose', () =>
      examsEmpty
        ? withoutConstraints(manager, 'exam_doses', 'p', () =>
            rowsWritten(manager, firstLoadEffectiveDoseSql(where, reports), method),
          )
        : rowsWritten(manager, effectiveDoseSql(where, reports), method),
    );
    // a new table on a first load: the cumulative dose below joins it to every exam
    await analyseGrown(manager, ['exam_doses'], exams);
    const bands = [
      settings.values['band.high_ced_5y_msv'],
      settings.values['band.high_ct_12m'],
      settings.values['band.moderate_ced_5y_msv'],
      settings.version,
    ];
    // into an empty order_dose (a first load): computed by parallel workers, a plain insert,
    // and its foreign key checked once, not per row
    const orders = await timeStep('dose.cumulative_dose', async () =>
      ordersEmpty
        ? withoutForeignKeys(manager, 'order_dose', () =>
            insertInParallel(
              manager,
              'order_dose',
              ORDER_DOSE_COLUMNS,
              firstLoadCumulativeDoseSql(where),
              bands,
            ),
          )
        : rowsWritten(manager, cumulativeDoseSql(where), bands),
    );
    return { examsUpdated: exams, ordersUpdated: orders };
  }

  /**
   * The rdsr_estimate of the dose-report studies in rdsr_run_studies under the coefficient
   * method `doseMethod` (settings key dose.method): per event, then per study; studies whose
   * estimate changed go to rdsr_changed_studies. Called by the dose-report normaliser, between
   * linking the studies to their exams and touching the patients whose dose history changed.
   */
  async estimateDoseReports(
    manager: EntityManager,
    runId: number | null,
    doseMethod: string,
  ): Promise<void> {
    await manager.query(ESTIMATE_EVENT_DOSES, [runId, doseMethod]);
    await manager.query(ESTIMATE_STUDY_DOSES, [runId, doseMethod]);
  }
}
