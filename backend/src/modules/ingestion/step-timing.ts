import { AsyncLocalStorage } from 'node:async_hooks';

/** How long one step of a load or an analysis took (no identifiers: a step name and counts). */
export interface StepTiming {
  readonly step: string;
  readonly ms: number;
  /** The process's resident set when the step ended, and its high-water mark so far (MB). */
  readonly rssMb: number;
  readonly peakRssMb: number;
}

export type StepListener = (timing: StepTiming) => void;

interface StepRecorder {
  readonly steps: StepTiming[];
  readonly listener?: StepListener;
}

const MB = 1024 * 1024;

const current = new AsyncLocalStorage<StepRecorder>();

/**
 * Runs `work` recording every `timeStep` inside it (however deep the call), and returns what
 * it returned with the steps in the order they finished. Nested recorders each see their own.
 */
export async function recordSteps<T>(
  work: () => Promise<T>,
  listener?: StepListener,
): Promise<{ result: T; steps: StepTiming[] }> {
  const recorder: StepRecorder = { steps: [], listener };
  const result = await current.run(recorder, work);
  return { result, steps: recorder.steps };
}

/** Times one named step of the pipeline when a recorder is active; otherwise just runs it. */
export async function timeStep<T>(step: string, work: () => Promise<T>): Promise<T> {
  const recorder = current.getStore();
  if (!recorder) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    const timing = {
      step,
      ms: Math.round(performance.now() - started),
      rssMb: Math.round(process.memoryUsage.rss() / MB),
      // maxRSS is in kB
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    recorder.steps.push(timing);
    recorder.listener?.(timing);
  }
}
