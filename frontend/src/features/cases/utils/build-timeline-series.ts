/**
 * The patient's imaging timeline as the case page draws it: one point per exam (coloured by
 * modality) placed on the running CED line, the order and the change as vertical marks, and the
 * dose-history bands (CED over 5 years) behind them. Pure: the chart only receives its output.
 */

export interface TimelineExamInput {
  readonly accession: string;
  readonly performedAt: string;
  readonly modality: string;
  readonly bodyRegion: string | null;
  readonly effectiveDoseMsv: number | null;
  readonly doseSource: string;
  readonly isCaseOrder: boolean;
}

export interface TimelineInput {
  readonly orderedAt: string;
  readonly changedAt: string | null;
  readonly exams: readonly TimelineExamInput[];
  readonly highThresholdMsv: number;
  readonly moderateThresholdMsv: number;
}

export interface TimelinePoint {
  readonly accession: string;
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly performedAt: string;
  readonly modality: string;
  readonly bodyRegion: string | null;
  readonly effectiveDoseMsv: number | null;
  readonly doseSource: string;
  /** CED over the 5 years up to and including this exam (unknown doses count as nothing). */
  readonly ced5yMsv: number;
  /** Sum of every earlier exam's dose and this one's. */
  readonly cumulativeMsv: number;
  readonly isCaseOrder: boolean;
  readonly colour: string;
}

export interface CedLinePoint {
  readonly time: number;
  readonly ced5yMsv: number;
}

export interface TimelineBand {
  readonly band: 'MODERATE' | 'HIGH';
  readonly fromMsv: number;
  readonly toMsv: number;
}

export interface TimelineModality {
  readonly modality: string;
  readonly colour: string;
  readonly exams: number;
}

export interface TimelineSeries {
  readonly points: readonly TimelinePoint[];
  /** Step line (value holds until the next point): after each exam and when one leaves the window. */
  readonly cedLine: readonly CedLinePoint[];
  readonly orderTime: number;
  readonly changeTime: number | null;
  /** CED over the 5 years before the order (an exam exactly at the order time not counted). */
  readonly cedAtOrderMsv: number;
  readonly bands: readonly TimelineBand[];
  readonly timeMin: number;
  readonly timeMax: number;
  readonly doseMaxMsv: number;
  readonly modalities: readonly TimelineModality[];
  readonly unknownDoseExams: number;
}

/** Okabe–Ito colours (safe for the common colour-vision deficiencies), one per modality family. */
export const MODALITY_COLOURS: Readonly<Record<string, string>> = {
  CT: '#D55E00',
  MR: '#0072B2',
  US: '#009E73',
  CR: '#E69F00',
  DX: '#E69F00',
  XA: '#CC79A7',
  RF: '#CC79A7',
  NM: '#56B4E9',
  PT: '#56B4E9',
  MG: '#8C6D00',
};
const OTHER_MODALITY_COLOUR = '#000000';

export const modalityColour = (modality: string): string =>
  MODALITY_COLOURS[modality] ?? OTHER_MODALITY_COLOUR;

/** The instant `years` calendar years before `time` (29 Feb goes to 28 Feb, as PostgreSQL does). */
export const subtractYears = (time: number, years: number): number => {
  const date = new Date(time);
  const month = date.getUTCMonth();
  date.setUTCFullYear(date.getUTCFullYear() - years);
  if (date.getUTCMonth() !== month) date.setUTCDate(0);
  return date.getTime();
};

const addYears = (time: number, years: number): number => {
  const date = new Date(time);
  const month = date.getUTCMonth();
  date.setUTCFullYear(date.getUTCFullYear() + years);
  if (date.getUTCMonth() !== month) date.setUTCDate(0);
  return date.getTime();
};

const WINDOW_YEARS = 5;

const parseInstant = (iso: string, what: string): number => {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new Error(`The timeline's ${what} "${iso}" is not a date.`);
  return time;
};

/** A round upper bound for a mSv axis: the first of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at or above the value. */
export const roundUpDose = (value: number): number => {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * power >= value - 1e-9) return step * power;
  }
  return 10 * power;
};

/** CED over the window ending at `time`: exams at or after `time − 5 y` and up to `time`. */
const cedAt = (
  exams: readonly { time: number; doseMsv: number }[],
  time: number,
  includeEnd: boolean,
): number => {
  const start = subtractYears(time, WINDOW_YEARS);
  return exams.reduce(
    (sum, exam) =>
      exam.time >= start && (includeEnd ? exam.time <= time : exam.time < time)
        ? sum + exam.doseMsv
        : sum,
    0,
  );
};

const roundMsv = (value: number): number => Math.round(value * 1e6) / 1e6;

export const buildTimelineSeries = (timeline: TimelineInput): TimelineSeries => {
  const orderTime = parseInstant(timeline.orderedAt, 'order time');
  const changeTime =
    timeline.changedAt === null ? null : parseInstant(timeline.changedAt, 'change time');
  const exams = timeline.exams
    .map((exam) => ({ ...exam, time: parseInstant(exam.performedAt, 'exam time') }))
    .sort((left, right) => left.time - right.time || left.accession.localeCompare(right.accession));
  const doses = exams.map((exam) => ({ time: exam.time, doseMsv: exam.effectiveDoseMsv ?? 0 }));

  let cumulative = 0;
  const points: TimelinePoint[] = exams.map((exam) => {
    cumulative += exam.effectiveDoseMsv ?? 0;
    return {
      accession: exam.accession,
      time: exam.time,
      performedAt: exam.performedAt,
      modality: exam.modality,
      bodyRegion: exam.bodyRegion,
      effectiveDoseMsv: exam.effectiveDoseMsv,
      doseSource: exam.doseSource,
      ced5yMsv: roundMsv(cedAt(doses, exam.time, true)),
      cumulativeMsv: roundMsv(cumulative),
      isCaseOrder: exam.isCaseOrder,
      colour: modalityColour(exam.modality),
    };
  });

  const markTimes = [orderTime, ...(changeTime === null ? [] : [changeTime])];
  const timeMin = Math.min(...markTimes, ...exams.map((exam) => exam.time));
  const timeMax = Math.max(...markTimes, ...exams.map((exam) => exam.time));

  // the line changes when an exam is performed and just after an exam leaves the 5-year window
  const expiries = exams
    .filter((exam) => (exam.effectiveDoseMsv ?? 0) > 0)
    .map((exam) => addYears(exam.time, WINDOW_YEARS) + 1)
    .filter((time) => time <= timeMax);
  const changeTimes = [...new Set([timeMin, ...exams.map((exam) => exam.time), ...expiries])].sort(
    (left, right) => left - right,
  );
  const cedLine: CedLinePoint[] = changeTimes.map((time) => ({
    time,
    ced5yMsv: roundMsv(cedAt(doses, time, true)),
  }));
  const last = cedLine[cedLine.length - 1];
  if (last && last.time < timeMax) {
    cedLine.push({ time: timeMax, ced5yMsv: roundMsv(cedAt(doses, timeMax, true)) });
  }

  const highestCed = Math.max(0, ...cedLine.map((point) => point.ced5yMsv));
  const doseMaxMsv = roundUpDose(Math.max(highestCed * 1.1, timeline.highThresholdMsv * 1.25));

  const counts = new Map<string, number>();
  for (const exam of exams) counts.set(exam.modality, (counts.get(exam.modality) ?? 0) + 1);
  const modalities = [...counts.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([modality, count]) => ({ modality, colour: modalityColour(modality), exams: count }));

  return {
    points,
    cedLine,
    orderTime,
    changeTime,
    cedAtOrderMsv: roundMsv(cedAt(doses, orderTime, false)),
    bands: [
      {
        band: 'MODERATE',
        fromMsv: timeline.moderateThresholdMsv,
        toMsv: timeline.highThresholdMsv,
      },
      { band: 'HIGH', fromMsv: timeline.highThresholdMsv, toMsv: doseMaxMsv },
    ],
    timeMin,
    timeMax,
    doseMaxMsv,
    modalities,
    unknownDoseExams: exams.filter(
      (exam) => exam.effectiveDoseMsv === null && exam.doseSource !== 'non_ionizing',
    ).length,
  };
};
