/**
 * The CSV import format of DESIGN.md section 5: the one record shape every adapter (CSV,
 * PostgreSQL source, FHIR) produces before landing. Column names here are a public interface:
 * users' extracts and scripts depend on them, so never rename one.
 */

// The vocabulary lives in modules/vocabulary; re-exported here because the import format
// (and code written against it) names these values.
export {
  BODY_REGIONS,
  CHANGE_ACTIONS,
  IONIZING_MODALITIES,
  MODALITIES,
  NON_IONIZING_MODALITIES,
  PREGNANCY_STATUSES,
  SETTINGS,
  SEXES,
  type BodyRegion,
  type Modality,
} from '../../vocabulary/vocabulary.js';

export type ImportEntity = 'patients' | 'orders' | 'order_changes' | 'exams';

/** Processing order: a file may only refer to entities loaded before it. */
export const IMPORT_ENTITIES: readonly ImportEntity[] = [
  'patients',
  'orders',
  'order_changes',
  'exams',
];

export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
}

const column = (name: string, required = false): ColumnSpec => ({ name, required });

export const IMPORT_COLUMNS: Readonly<Record<ImportEntity, readonly ColumnSpec[]>> = {
  patients: [column('patient_id', true), column('birth_date', true), column('sex')],
  orders: [
    column('order_id', true),
    column('patient_id', true),
    column('ordered_at', true),
    column('provider_id'),
    column('provider_name'),
    column('department'),
    column('setting'),
    column('indication_code'),
    column('indication_text'),
    column('requested_modality', true),
    column('requested_procedure'),
    column('pregnancy_status'),
    column('contrast_allergy'),
    column('egfr'),
    column('dose_alert_shown'),
    column('comment'),
  ],
  order_changes: [
    column('order_id', true),
    column('changed_at', true),
    column('action', true),
    column('new_modality'),
    column('new_procedure'),
    column('reason'),
    column('changed_by'),
  ],
  exams: [
    column('accession', true),
    column('patient_id', true),
    column('order_id'),
    column('performed_at', true),
    column('modality', true),
    column('procedure'),
    column('body_region'),
    column('ctdivol_mgy'),
    column('dlp_mgycm'),
    column('effective_dose_msv'),
  ],
};

/** Only orders.csv is required in an import folder. */
export const REQUIRED_ENTITIES: readonly ImportEntity[] = ['orders'];

export const fileNameOf = (entity: ImportEntity): string => `${entity}.csv`;

/** One record in the import format: column name to raw text (null for an empty field). */
export type ImportRecord = Record<string, string | null>;
