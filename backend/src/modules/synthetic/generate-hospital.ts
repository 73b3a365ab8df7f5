/**
 * The synthetic demo hospital (DESIGN.md sections 2, 3 and 5): writes patients.csv, orders.csv,
 * order_changes.csv and exams.csv in the CSV import format, and truth.csv with what each order
 * really was. Patients are generated and streamed one at a time, so memory does not grow with the
 * number of patients; the same options give byte-identical files.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IMPORT_COLUMNS, fileNameOf } from '../ingestion/import-format.js';
import type { ImportEntity } from '../ingestion/import-format.js';
import { MS_PER_DAY, parseIsoDateMs, subtractCalendarMonths } from './calendar.js';
import { openCsvFileWriter } from './csv-file-writer.js';
import type { CsvFileWriter } from './csv-file-writer.js';
import { generatePatient } from './generate-patient.js';
import type { GenerationContext } from './generate-patient.js';
import { createHospitalStaff, MINIMUM_CLINICIANS_OPTION } from './hospital-staff.js';
import {
  TRUTH_COLUMNS,
  toExamRow,
  toOrderChangeRow,
  toOrderRow,
  toPatientRow,
  toTruthRow,
} from './hospital-records.js';
import type { SteeringStyle } from './order-scenario.js';
import { createRandom } from './random.js';
import { loadReferenceTables } from './reference-tables.js';
import type { ReferenceTables } from './reference-tables.js';

export interface GenerateHospitalOptions {
  readonly patients: number;
  readonly months: number;
  readonly seed: number;
  readonly outDir: string;
  /** ISO date on which the window ends (included); default 2026-10-31, so output never depends on today. */
  readonly endDate?: string;
  readonly onProgress?: (done: number, total: number) => void;
  /** 'silent': steering clinicians never write a reason; 'none': nobody steers. Default 'mixed'. */
  readonly steeringStyle?: SteeringStyle;
  /** Share of HIGH-band opportunities a steering clinician steers; default 0.4. */
  readonly steerRate?: number;
  /** Silent switches with no dose motive, per opportunity of any clinician; default 0.04. */
  readonly silentSwitchRate?: number;
  /** Number of ordering clinicians; default one per 250 patients, at least 20. */
  readonly clinicians?: number;
  /** Reference CSV folder; default found beside the reference module. */
  readonly referenceDataDir?: string;
}

export type GeneratedFile = ImportEntity | 'truth';

export interface CedShareSummary {
  readonly patientsAtOrAbove100Msv: number;
  readonly patients: number;
  /** Percent of all generated patients with all-time CED >= 100 mSv. */
  readonly sharePercent: number;
  /** Percent among patients with at least one CT (the Rehani denominator). */
  readonly shareOfCtPatientsPercent: number;
  readonly publishedSharePercent: number;
  readonly publishedSource: string;
  /** Print-ready comparison line. */
  readonly line: string;
}

export interface GenerateSummary {
  readonly outDir: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly rowCounts: Readonly<Record<GeneratedFile, number>>;
  readonly fileBytes: Readonly<Record<GeneratedFile, number>>;
  readonly clinicians: number;
  readonly steeringClinicians: number;
  readonly steeredOrders: number;
  readonly ced: CedShareSummary;
}

export const DEFAULT_END_DATE = '2026-10-31';
export const HISTORY_YEARS = 5;
export const CED_THRESHOLD_MSV = 100;
/** The base rates of order-scenario (other than silent switches) leave this much room. */
export const MAX_SILENT_SWITCH_RATE = 0.5;

const FILES: readonly GeneratedFile[] = ['patients', 'orders', 'order_changes', 'exams', 'truth'];

const columnsOf = (file: GeneratedFile): readonly string[] =>
  file === 'truth' ? TRUTH_COLUMNS : IMPORT_COLUMNS[file].map((column) => column.name);

const fileNameOfGenerated = (file: GeneratedFile): string =>
  file === 'truth' ? 'truth.csv' : fileNameOf(file);

const validateOptions = (options: GenerateHospitalOptions): void => {
  if (!Number.isInteger(options.patients) || options.patients < 1) {
    throw new Error(`--patients must be a whole number of at least 1, got ${options.patients}.`);
  }
  if (!Number.isInteger(options.months) || options.months < 1 || options.months > 120) {
    throw new Error(`--months must be a whole number from 1 to 120, got ${options.months}.`);
  }
  if (!Number.isFinite(options.seed))
    throw new Error(`--seed must be a number, got ${options.seed}.`);
  for (const [name, value] of [
    ['--steer-rate', options.steerRate],
    ['--silent-switch-rate', options.silentSwitchRate],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 1)) {
      throw new Error(`${name} must be a number from 0 to 1, got ${value}.`);
    }
  }
  if (options.silentSwitchRate !== undefined && options.silentSwitchRate > MAX_SILENT_SWITCH_RATE) {
    throw new Error(
      `--silent-switch-rate must be at most ${MAX_SILENT_SWITCH_RATE} (the other base rates share each opportunity), got ${options.silentSwitchRate}.`,
    );
  }
  if (
    options.clinicians !== undefined &&
    !(Number.isInteger(options.clinicians) && options.clinicians >= MINIMUM_CLINICIANS_OPTION)
  ) {
    throw new Error(
      `--clinicians must be a whole number of at least ${MINIMUM_CLINICIANS_OPTION} (one per department), got ${options.clinicians}.`,
    );
  }
};

const formatPercent = (value: number): string => value.toFixed(2);

export const describeCedShare = (
  atOrAbove: number,
  patients: number,
  ctPatients: number,
  tables: ReferenceTables,
): CedShareSummary => {
  const sharePercent = patients > 0 ? (100 * atOrAbove) / patients : 0;
  const shareOfCtPatientsPercent = ctPatients > 0 ? (100 * atOrAbove) / ctPatients : 0;
  const published = tables.publishedCedShare;
  const publishedSource = `${published.study}, ${published.identifier}`;
  return {
    patientsAtOrAbove100Msv: atOrAbove,
    patients,
    sharePercent,
    shareOfCtPatientsPercent,
    publishedSharePercent: published.percent,
    publishedSource,
    line:
      `CED >= ${CED_THRESHOLD_MSV} mSv (all time, estimated from generated exams): ` +
      `${formatPercent(sharePercent)} % of patients (${atOrAbove} of ${patients}; ` +
      `${formatPercent(shareOfCtPatientsPercent)} % of the ${ctPatients} with a CT); ` +
      `published: ${formatPercent(published.percent)} % (${publishedSource}).`,
  };
};

export const generateHospital = async (
  options: GenerateHospitalOptions,
): Promise<GenerateSummary> => {
  validateOptions(options);
  const tables = loadReferenceTables(options.referenceDataDir);
  const windowEndMs = parseIsoDateMs(options.endDate ?? DEFAULT_END_DATE) + MS_PER_DAY;
  const windowStartMs = subtractCalendarMonths(windowEndMs, options.months);
  const historyStartMs = subtractCalendarMonths(windowStartMs, HISTORY_YEARS * 12);
  const random = createRandom(options.seed);
  const staff = createHospitalStaff(options.patients, random, {
    clinicians: options.clinicians,
    steering: options.steeringStyle !== 'none',
  });
  const context: GenerationContext = {
    random,
    tables,
    staff,
    historyStartMs,
    windowStartMs,
    windowEndMs,
    steeringStyle: options.steeringStyle ?? 'mixed',
    steerRate: options.steerRate,
    silentSwitchRate: options.silentSwitchRate,
    orderSequence: 1,
  };

  await mkdir(options.outDir, { recursive: true });
  const writers = Object.fromEntries(
    FILES.map((file) => [
      file,
      openCsvFileWriter(join(options.outDir, fileNameOfGenerated(file)), columnsOf(file)),
    ]),
  ) as Record<GeneratedFile, CsvFileWriter>;

  let accessionSequence = 1;
  let atOrAbove = 0;
  let ctPatients = 0;
  let steeredOrders = 0;
  const progressStep = Math.max(1, Math.floor(options.patients / 100));
  try {
    for (let number = 1; number <= options.patients; number += 1) {
      const generated = generatePatient(context, number);
      await writers.patients.write(toPatientRow(generated.patient));
      for (const order of generated.orders) await writers.orders.write(toOrderRow(order));
      for (const change of generated.changes)
        await writers.order_changes.write(toOrderChangeRow(change));
      for (const exam of generated.exams) {
        const accession = `ACC${String(accessionSequence).padStart(9, '0')}`;
        accessionSequence += 1;
        await writers.exams.write(toExamRow(exam, accession));
      }
      for (const truth of generated.truth) {
        if (truth.steered) steeredOrders += 1;
        await writers.truth.write(toTruthRow(truth));
      }
      if (generated.cedAllTimeMsv >= CED_THRESHOLD_MSV) atOrAbove += 1;
      if (generated.ctExamCount > 0) ctPatients += 1;
      if (options.onProgress && (number % progressStep === 0 || number === options.patients)) {
        options.onProgress(number, options.patients);
      }
    }
  } finally {
    await Promise.all(FILES.map((file) => writers[file].close()));
  }

  const rowCounts = Object.fromEntries(
    FILES.map((file) => [file, writers[file].rowCount()]),
  ) as Record<GeneratedFile, number>;
  const sizes = await Promise.all(FILES.map((file) => stat(writers[file].path)));
  const fileBytes = Object.fromEntries(
    FILES.map((file, index) => [file, sizes[index]?.size ?? 0]),
  ) as Record<GeneratedFile, number>;
  return {
    outDir: options.outDir,
    windowStart: new Date(windowStartMs).toISOString(),
    windowEnd: new Date(windowEndMs).toISOString(),
    rowCounts,
    fileBytes,
    clinicians: staff.clinicians.length,
    steeringClinicians: staff.clinicians.filter((clinician) => clinician.steers).length,
    steeredOrders,
    ced: describeCedShare(atOrAbove, options.patients, ctPatients, tables),
  };
};
