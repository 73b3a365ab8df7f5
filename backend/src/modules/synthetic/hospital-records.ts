/**
 * The records one generated patient produces, and their rows in the CSV import format: columns in
 * IMPORT_COLUMNS order, timestamps ISO 8601 with `Z`, booleans true/false, empty for null.
 */
import { IMPORT_COLUMNS } from '../ingestion/import-format.js';
import type { ColumnSpec } from '../ingestion/import-format.js';
import type { BodyRegion, Modality } from '../vocabulary/vocabulary.js';
import { formatDate, formatTimestamp } from './calendar.js';
import type { TruthCategory } from './order-scenario.js';

export interface PatientRecord {
  readonly patientId: string;
  readonly birthDateMs: number;
  readonly sex: 'F' | 'M' | 'O' | 'U';
}

export interface OrderRecord {
  readonly orderId: string;
  readonly patientId: string;
  readonly orderedAtMs: number;
  readonly providerId: string;
  readonly providerName: string;
  readonly department: string;
  readonly setting: string;
  readonly indicationCode: string;
  readonly indicationText: string;
  readonly requestedModality: Modality;
  readonly requestedProcedure: string;
  readonly pregnancyStatus: 'PREGNANT' | 'NOT_PREGNANT' | 'UNKNOWN' | null;
  readonly contrastAllergy: boolean | null;
  readonly egfr: number | null;
  readonly doseAlertShown: boolean;
  readonly comment: string | null;
}

export interface OrderChangeRecord {
  readonly orderId: string;
  readonly changedAtMs: number;
  readonly action: 'MODALITY_CHANGE' | 'CANCEL';
  readonly newModality: Modality | null;
  readonly newProcedure: string | null;
  readonly reason: string | null;
  readonly changedBy: string | null;
}

export interface ExamRecord {
  readonly patientId: string;
  readonly orderId: string | null;
  readonly performedAtMs: number;
  readonly modality: Modality;
  readonly procedure: string;
  readonly bodyRegion: BodyRegion;
  readonly ctdivolMgy: number | null;
  readonly dlpMgyCm: number | null;
  readonly effectiveDoseMsv: number | null;
  /** The generator's own estimate (null when unknown); not written. */
  readonly estimatedDoseMsv: number | null;
}

export interface TruthRecord {
  readonly orderId: string;
  readonly steered: boolean;
  readonly category: TruthCategory;
  readonly providerId: string;
  readonly providerSteers: boolean;
}

export const TRUTH_COLUMNS: readonly string[] = [
  'order_id',
  'steered',
  'category',
  'provider_id',
  'provider_steers',
];

type Row = readonly string[];

const text = (value: string | null | undefined): string => value ?? '';
const flag = (value: boolean | null): string => (value === null ? '' : String(value));
const decimal = (value: number | null, digits: number): string =>
  value === null ? '' : value.toFixed(digits);

const inColumnOrder = (columns: readonly ColumnSpec[], values: Record<string, string>): Row =>
  columns.map((column) => {
    const value = values[column.name];
    if (value === undefined) throw new Error(`No value for column ${column.name}.`);
    return value;
  });

export const toPatientRow = (patient: PatientRecord): Row =>
  inColumnOrder(IMPORT_COLUMNS.patients, {
    patient_id: patient.patientId,
    birth_date: formatDate(patient.birthDateMs),
    sex: patient.sex,
  });

export const toOrderRow = (order: OrderRecord): Row =>
  inColumnOrder(IMPORT_COLUMNS.orders, {
    order_id: order.orderId,
    patient_id: order.patientId,
    ordered_at: formatTimestamp(order.orderedAtMs),
    provider_id: order.providerId,
    provider_name: order.providerName,
    department: order.department,
    setting: order.setting,
    indication_code: order.indicationCode,
    indication_text: order.indicationText,
    requested_modality: order.requestedModality,
    requested_procedure: order.requestedProcedure,
    pregnancy_status: text(order.pregnancyStatus),
    contrast_allergy: flag(order.contrastAllergy),
    egfr: order.egfr === null ? '' : String(order.egfr),
    dose_alert_shown: flag(order.doseAlertShown),
    comment: text(order.comment),
  });

export const toOrderChangeRow = (change: OrderChangeRecord): Row =>
  inColumnOrder(IMPORT_COLUMNS.order_changes, {
    order_id: change.orderId,
    changed_at: formatTimestamp(change.changedAtMs),
    action: change.action,
    new_modality: text(change.newModality),
    new_procedure: text(change.newProcedure),
    reason: text(change.reason),
    changed_by: text(change.changedBy),
  });

export const toExamRow = (exam: ExamRecord, accession: string): Row =>
  inColumnOrder(IMPORT_COLUMNS.exams, {
    accession,
    patient_id: exam.patientId,
    order_id: text(exam.orderId),
    performed_at: formatTimestamp(exam.performedAtMs),
    modality: exam.modality,
    procedure: exam.procedure,
    body_region: exam.bodyRegion,
    ctdivol_mgy: decimal(exam.ctdivolMgy, 2),
    dlp_mgycm: decimal(exam.dlpMgyCm, 1),
    effective_dose_msv: decimal(exam.effectiveDoseMsv, 2),
  });

export const toTruthRow = (truth: TruthRecord): Row => [
  truth.orderId,
  truth.steered ? '1' : '0',
  truth.category,
  truth.providerId,
  truth.providerSteers ? '1' : '0',
];
