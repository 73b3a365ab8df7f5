import {
  BODY_REGIONS,
  CHANGE_ACTIONS,
  IMPORT_COLUMNS,
  MODALITIES,
  PREGNANCY_STATUSES,
  SETTINGS,
  SEXES,
  type ImportEntity,
} from '../../import-format.js';

/**
 * The strict field checks of the CSV fast path, as data: each import column's kind. The SQL
 * checks (copy-csv.ts, strictCheck) and their JavaScript twin here (strictValue) are both
 * derived from it, and both accept exactly the values the JavaScript validator would keep as
 * they are (a conservative subset: anything else goes to the validator itself).
 */
export type Kind = 'text' | 'identifier' | 'date' | 'timestamp' | 'number' | 'boolean' | string[];

export const KINDS: Readonly<Record<ImportEntity, Readonly<Record<string, Kind>>>> = {
  patients: { patient_id: 'identifier', birth_date: 'date', sex: [...SEXES] },
  orders: {
    order_id: 'identifier',
    patient_id: 'identifier',
    ordered_at: 'timestamp',
    provider_id: 'identifier',
    setting: [...SETTINGS],
    requested_modality: [...MODALITIES],
    pregnancy_status: [...PREGNANCY_STATUSES],
    contrast_allergy: 'boolean',
    egfr: 'number',
    dose_alert_shown: 'boolean',
  },
  order_changes: {
    order_id: 'identifier',
    changed_at: 'timestamp',
    action: [...CHANGE_ACTIONS],
    new_modality: [...MODALITIES],
  },
  exams: {
    accession: 'identifier',
    patient_id: 'identifier',
    order_id: 'identifier',
    performed_at: 'timestamp',
    modality: [...MODALITIES],
    body_region: [...BODY_REGIONS],
    ctdivol_mgy: 'number',
    dlp_mgycm: 'number',
    effective_dose_msv: 'number',
  },
};

/**
 * The patterns of the checks, read alike by both engines (no flag, no class shorthand). No
 * bounded repetition over a wide class: PostgreSQL's regex engine expands it into states and
 * matching slows by an order of magnitude; lengths are checked apart.
 */
export const IDENTIFIER = '^[!-~]([ !-~]*[!-~])?$';
export const DATE = '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';
export const TIME =
  'T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])?$';
export const NUMBER = '^[0-9]+(\\.[0-9]+)?$';

const IDENTIFIER_RE = new RegExp(IDENTIFIER);
const DATE_RE = new RegExp(`${DATE}$`);
const TIMESTAMP_RE = new RegExp(`${DATE}${TIME}`);
const NUMBER_RE = new RegExp(NUMBER);
const PRINTABLE_RE = /[!-~]/;

/** Day 29 to 31 exists in that month of that year (the text already matched DATE). */
const calendarDay = (v: string): boolean => {
  const day = Number(v.slice(8, 10));
  if (day <= 28) return true;
  const month = Number(v.slice(5, 7));
  if (month !== 2) return day <= ([4, 6, 9, 11].includes(month) ? 30 : 31);
  const year = Number(v.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (leap ? 29 : 28);
};

/**
 * The JavaScript twin of strictCheck: true when the non-empty text `v` passes the SQL check of
 * its kind. `v` holds the field's bytes one character each (latin1): every pattern accepts
 * printable ASCII only, where a byte is a character, and no byte of a multi-byte UTF-8
 * character is printable ASCII, so the answer is the one SQL gives for the decoded text.
 */
export const strictValue = (kind: Kind, v: string): boolean => {
  if (Array.isArray(kind)) return kind.includes(v);
  switch (kind) {
    case 'identifier':
      return v.length <= 200 && IDENTIFIER_RE.test(v);
    case 'date':
      return DATE_RE.test(v) && calendarDay(v);
    case 'timestamp':
      return TIMESTAMP_RE.test(v) && calendarDay(v);
    case 'number':
      return v.length <= 300 && NUMBER_RE.test(v);
    case 'boolean':
      return v === 'true' || v === 'false';
    default:
      return PRINTABLE_RE.test(v);
  }
};

/** One header field's check: its position in the line and what its value must pass. */
interface FieldRule {
  readonly index: number;
  readonly kind: Kind;
  readonly required: boolean;
}

/**
 * Checks a file's records (their fields as latin1 strings, `''` for an empty field) as the
 * fast path's SQL does (strictChecks): true exactly when the record would land as it is. A
 * column the header lacks is NULL in SQL and passes; a required one is in the header (the
 * folder plan refuses a file without it).
 */
export class StrictRecordCheck {
  private readonly rules: FieldRule[];
  private readonly action: number;
  private readonly newModality: number;

  constructor(
    entity: ImportEntity,
    readonly header: readonly string[],
  ) {
    const kinds = KINDS[entity];
    this.rules = IMPORT_COLUMNS[entity]
      .map((column) => ({
        index: header.indexOf(column.name),
        kind: kinds[column.name] ?? 'text',
        required: column.required,
      }))
      .filter((rule) => rule.index >= 0);
    this.action = entity === 'order_changes' ? header.indexOf('action') : -1;
    this.newModality = entity === 'order_changes' ? header.indexOf('new_modality') : -1;
  }

  passes(fields: readonly string[]): boolean {
    if (fields.length !== this.header.length) return false;
    for (const rule of this.rules) {
      const v = fields[rule.index];
      if (v === '') {
        if (rule.required) return false;
      } else if (!strictValue(rule.kind, v)) {
        return false;
      }
    }
    // a modality change names its new modality
    if (this.action >= 0 && fields[this.action] === 'MODALITY_CHANGE') {
      return this.newModality >= 0 && fields[this.newModality] !== '';
    }
    return true;
  }
}
