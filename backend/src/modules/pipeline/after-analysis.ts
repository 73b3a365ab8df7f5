import type { EntityManager } from 'typeorm';
import { RollupService } from '../analytics/rollup.service.js';
import { timeStep } from '../ingestion/step-timing.js';
import type { VersionedSettings } from '../settings/settings.service.js';
import type { AssessmentScope } from '../steering/assessment.service.js';

/** What the steps after the assessment are told, in the transaction that assessed. */
export interface AnalysedScope {
  readonly settings: VersionedSettings;
  /** touched: after a load (its touched_patients); stale or all: `grounds analyse`. */
  readonly scope: AssessmentScope;
  /**
   * The months (YYYY-MM of ordered_at) whose assessments the analysis changed (score aside),
   * and after a load those of the orders it wrote (their department may have changed alone).
   */
  readonly months: readonly string[];
  /** Every assessment was rescored (analyse --all, or new doses): every month changed. */
  readonly everything: boolean;
  /**
   * The assessment recorded each change in the temporary table assessment_changes
   * (AssessmentSummary.changesRecorded): a step can move its sums by those rows alone.
   */
  readonly changesRecorded: boolean;
}

/**
 * A step the pipeline runs after every assessment, in the same transaction (e.g. rollup
 * tables that summarise the assessments): a failure rolls the load or analysis back.
 */
export interface AfterAnalysisStep {
  /** Its step-timing name (LOG_LEVEL=debug), e.g. `rollups`. */
  readonly name: string;
  run(manager: EntityManager, analysed: AnalysedScope): Promise<void>;
}

/** Nest token of the after-analysis steps (see PipelineModule). */
export const AFTER_ANALYSIS_STEPS = Symbol('AFTER_ANALYSIS_STEPS');

/**
 * The dashboards' monthly rollups (analytics): moved by the recorded changes, else the months
 * the assessment touched, or all.
 */
export const ROLLUPS_STEP: AfterAnalysisStep = {
  name: 'rollups',
  run: async (manager, analysed) => {
    const rollups = new RollupService(manager);
    if (analysed.everything) await rollups.refreshAll();
    else if (analysed.changesRecorded) await rollups.applyChanges();
    else await rollups.refreshMonths(analysed.months);
  },
};

/**
 * The after-analysis steps of every pipeline built without its own list (the command line, the
 * HTTP upload, the admin pages): a module that keeps something derived from the assessments
 * up to date registers its step here.
 */
export const DEFAULT_AFTER_ANALYSIS_STEPS: readonly AfterAnalysisStep[] = [ROLLUPS_STEP];

/** Runs the after-analysis steps in order, each timed under its name. */
export async function runAfterAnalysis(
  manager: EntityManager,
  steps: readonly AfterAnalysisStep[],
  analysed: AnalysedScope,
): Promise<void> {
  for (const step of steps) await timeStep(step.name, () => step.run(manager, analysed));
}
