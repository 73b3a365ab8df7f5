import {
  BODY_REGIONS,
  CHANGE_ACTIONS,
  IMPORT_COLUMNS,
  MODALITIES,
  PREGNANCY_STATUSES,
  SETTINGS,
  SEXES,
  type ImportEntity,
  type ImportRecord,
} from './import-format.js';

/**
 * Field-level validation shared by every adapter: one record in the import format in, the
 * cleaned values (enums upper case, booleans true/false, timestamps checked for a real calendar
 * date) or the first failing field with a one-line reason out. Checks that need the database
 * (unknown patient, unknown order, duplicates) belong to the normaliser.
 */
export type RecordValidation =
  | { readonly ok: true; readonly values: ImportRecord }
  | { readonly ok: false; readonly field: string; readonly reason: string };

type FieldCheck = (value: string) => { value: string } | { reason: string };

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isCalendarDate = (year: number, month: number, day: number): boolean => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
};

export const checkTimestamp: FieldCheck = (value) => {
  const match = TIMESTAMP.exec(value);
  if (!match) return { reason: `"${value}" is not an ISO 8601 timestamp` };
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction, offset] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) {
    return { reason: `"${value}" is not a calendar date` };
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    return { reason: `"${value}" is not a valid time of day` };
  }
  if (offset && offset.toUpperCase() !== 'Z') {
    const [offsetHours, offsetMinutes = '00'] = offset.slice(1).split(/:?(?=\d{2}$)/);
    if (Number(offsetHours) > 14 || Number(offsetMinutes) > 59) {
      return { reason: `"${value}" has an invalid UTC offset` };
    }
  }
  const clock = `${hour}:${minute}:${second}${fraction ? `.${fraction}` : ''}`;
  const zone = offset ? (offset.toUpperCase() === 'Z' ? 'Z' : offset) : '';
  return { value: `${year}-${month}-${day}T${clock}${zone}` };
};

const checkDate: FieldCheck = (value) => {
  const match = DATE.exec(value);
  if (!match) return { reason: `"${value}" is not an ISO 8601 date (YYYY-MM-DD)` };
  if (!isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    return { reason: `"${value}" is not a calendar date` };
  }
  return { value };
};

const checkEnum =
  (allowed: readonly string[], what: string): FieldCheck =>
  (value) => {
    const upper = value.trim().toUpperCase();
    return allowed.includes(upper)
      ? { value: upper }
      : { reason: `unknown ${what} "${value}" (expected ${allowed.join(', ')})` };
  };

const TRUE_WORDS = ['true', 't', 'yes', 'y', '1'];
const FALSE_WORDS = ['false', 'f', 'no', 'n', '0'];
const checkBoolean: FieldCheck = (value) => {
  const lower = value.trim().toLowerCase();
  if (TRUE_WORDS.includes(lower)) return { value: 'true' };
  if (FALSE_WORDS.includes(lower)) return { value: 'false' };
  return { reason: `"${value}" is not true or false` };
};

const checkNonNegativeNumber: FieldCheck = (value) => {
  const trimmed = value.trim();
  const number = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(number)) return { reason: `"${value}" is not a number` };
  if (number < 0) return { reason: `${value} is negative` };
  return { value: trimmed };
};

const checkIdentifier: FieldCheck = (value) => {
  const trimmed = value.trim();
  if (/[\r\n]/.test(trimmed)) return { reason: 'an identifier cannot span lines' };
  if (trimmed.length > 200) return { reason: 'an identifier is at most 200 characters' };
  return { value: trimmed };
};

const checkModality = checkEnum(MODALITIES, 'modality');

const FIELD_CHECKS: Readonly<Record<ImportEntity, Readonly<Record<string, FieldCheck>>>> = {
  patients: {
    patient_id: checkIdentifier,
    birth_date: checkDate,
    sex: checkEnum(SEXES, 'sex'),
  },
  orders: {
    order_id: checkIdentifier,
    patient_id: checkIdentifier,
    ordered_at: checkTimestamp,
    provider_id: checkIdentifier,
    setting: checkEnum(SETTINGS, 'setting'),
    requested_modality: checkModality,
    pregnancy_status: checkEnum(PREGNANCY_STATUSES, 'pregnancy status'),
    contrast_allergy: checkBoolean,
    egfr: checkNonNegativeNumber,
    dose_alert_shown: checkBoolean,
  },
  order_changes: {
    order_id: checkIdentifier,
    changed_at: checkTimestamp,
    action: checkEnum(CHANGE_ACTIONS, 'action'),
    new_modality: checkModality,
  },
  exams: {
    accession: checkIdentifier,
    patient_id: checkIdentifier,
    order_id: checkIdentifier,
    performed_at: checkTimestamp,
    modality: checkModality,
    body_region: checkEnum(BODY_REGIONS, 'body region'),
    ctdivol_mgy: checkNonNegativeNumber,
    dlp_mgycm: checkNonNegativeNumber,
    effective_dose_msv: checkNonNegativeNumber,
  },
};

/** An empty (or all-blank) field is null, as the import format says. */
const emptyToNull = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value;

export function validateRecord(entity: ImportEntity, record: ImportRecord): RecordValidation {
  const values: ImportRecord = {};
  const checks = FIELD_CHECKS[entity];
  for (const column of IMPORT_COLUMNS[entity]) {
    const value = emptyToNull(record[column.name]);
    if (value === null) {
      if (column.required)
        return { ok: false, field: column.name, reason: 'required field is empty' };
      values[column.name] = null;
      continue;
    }
    const check = checks[column.name];
    if (!check) {
      values[column.name] = value;
      continue;
    }
    const result = check(value);
    if ('reason' in result) return { ok: false, field: column.name, reason: result.reason };
    values[column.name] = result.value;
  }
  if (entity === 'order_changes' && values.action === 'MODALITY_CHANGE' && !values.new_modality) {
    return { ok: false, field: 'new_modality', reason: 'required for MODALITY_CHANGE' };
  }
  return { ok: true, values };
}
