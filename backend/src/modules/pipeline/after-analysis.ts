import type { EntityManager } from 'typeorm';
import { timeStep } from '../ingestion/step-timing.js';
import type { VersionedSettings } from '../settings/settings.service.js';
import type { AssessmentScope } from '../steering/assessment.service.js';

/** What the steps after the assessment are told, in the transaction that assessed. */
export interface AnalysedScope {
  readonly settings: VersionedSettings;
  /** touched: after a load (its touched_patients); stale or all: `grounds analyse`. */
  readonly scope: AssessmentScope;
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
 * The after-analysis steps of every pipeline built without its own list (the command line, the
 * HTTP upload, the admin pages): a module that keeps something derived from the assessments
 * up to date registers its step here. Empty: the assessment is the last step today.
 */
export const DEFAULT_AFTER_ANALYSIS_STEPS: readonly AfterAnalysisStep[] = [];

/** Runs the after-analysis steps in order, each timed under its name. */
export async function runAfterAnalysis(
  manager: EntityManager,
  steps: readonly AfterAnalysisStep[],
  analysed: AnalysedScope,
): Promise<void> {
  for (const step of steps) await timeStep(step.name, () => step.run(manager, analysed));
}
