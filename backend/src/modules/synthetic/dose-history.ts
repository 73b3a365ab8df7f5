/** The dose-history band at order time (DESIGN.md section 2), from exams already estimated. */
import type { DoseBand, Modality } from '../vocabulary/vocabulary.js';
import { subtractCalendarMonths } from './calendar.js';

export type { DoseBand } from '../vocabulary/vocabulary.js';

export interface DoseHistoryExam {
  readonly performedAtMs: number;
  readonly modality: Modality;
  /** null when the dose is unknown: counted as nothing. */
  readonly effectiveDoseMsv: number | null;
}

export interface DoseHistory {
  readonly ced12mMsv: number;
  readonly ced5yMsv: number;
  readonly cedAllTimeMsv: number;
  readonly ctCount12m: number;
  readonly band: DoseBand;
}

export const HIGH_BAND_CED_5Y_MSV = 50;
export const HIGH_BAND_CT_COUNT_12M = 3;
export const MODERATE_BAND_CED_5Y_MSV = 10;

export const classifyDoseBand = (ced5yMsv: number, ctCount12m: number): DoseBand => {
  if (ced5yMsv >= HIGH_BAND_CED_5Y_MSV || ctCount12m >= HIGH_BAND_CT_COUNT_12M) return 'HIGH';
  if (ced5yMsv >= MODERATE_BAND_CED_5Y_MSV) return 'MODERATE';
  return 'LOW';
};

/** Exams performed in [orderedAt - interval, orderedAt): an exam exactly at orderedAt is not counted. */
export const summariseDoseHistory = (
  exams: readonly DoseHistoryExam[],
  orderedAtMs: number,
): DoseHistory => {
  const start12mMs = subtractCalendarMonths(orderedAtMs, 12);
  const start5yMs = subtractCalendarMonths(orderedAtMs, 60);
  let ced12mMsv = 0;
  let ced5yMsv = 0;
  let cedAllTimeMsv = 0;
  let ctCount12m = 0;
  for (const exam of exams) {
    if (exam.performedAtMs >= orderedAtMs) continue;
    const doseMsv = exam.effectiveDoseMsv ?? 0;
    cedAllTimeMsv += doseMsv;
    if (exam.performedAtMs >= start5yMs) ced5yMsv += doseMsv;
    if (exam.performedAtMs >= start12mMs) {
      ced12mMsv += doseMsv;
      if (exam.modality === 'CT') ctCount12m += 1;
    }
  }
  return {
    ced12mMsv,
    ced5yMsv,
    cedAllTimeMsv,
    ctCount12m,
    band: classifyDoseBand(ced5yMsv, ctCount12m),
  };
};
