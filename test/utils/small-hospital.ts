import type {
  ImportEntity,
  ImportRecord,
} from '../../backend/src/modules/ingestion/import-format.js';
import { IMPORT_COLUMNS } from '../../backend/src/modules/ingestion/import-format.js';
import type { CsvFolderContent } from '../factories/csv-folder.js';
import { makeExam, makeOrder, makePatient } from '../factories/csv-folder.js';

type Row = Record<string, string | number | boolean | null | undefined>;

const SETTINGS = ['ED', 'IP', 'OP'] as const;
const DEPARTMENTS: Record<string, string> = {
  ED: 'Emergency',
  IP: 'Internal Medicine',
  OP: 'Outpatient Imaging',
};
const MODALITIES = ['CT', 'MR', 'US', 'CR', 'NM'] as const;
const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * A small hospital with every kind of content the FHIR form carries: 20 patients, two orders
 * each (in time order), MODALITY_CHANGEs, CANCELs (one after a change), pregnancy, eGFR and
 * contrast-allergy facts that appear and disappear, multi-code indications, comments and
 * exams with and without an order. Deterministic.
 */
export function buildSmallHospital(): CsvFolderContent {
  const patients: Row[] = [];
  const orders: Row[] = [];
  const changes: Row[] = [];
  const exams: Row[] = [];
  for (let number = 1; number <= 20; number += 1) {
    const patientId = `P${pad(number)}`;
    const female = number % 2 === 1;
    patients.push(
      makePatient({
        patient_id: patientId,
        birth_date: `${1940 + number}-0${(number % 9) + 1}-15`,
        sex: female ? 'F' : 'M',
      }),
    );
    for (const [index, suffix] of (['a', 'b'] as const).entries()) {
      const orderId = `O${pad(number)}${suffix}`;
      const setting = SETTINGS[(number + index) % 3];
      const modality = MODALITIES[(number + index) % MODALITIES.length];
      const orderedAt =
        index === 0 ? `2024-01-${pad(number)}T08:00:00Z` : `2024-03-${pad(number)}T09:30:00Z`;
      orders.push(
        makeOrder({
          order_id: orderId,
          patient_id: patientId,
          ordered_at: orderedAt,
          provider_id: `DR${number % 4}`,
          provider_name: `Dr ${['Zero', 'One', 'Two', 'Three'][number % 4]}`,
          department: DEPARTMENTS[setting],
          setting,
          indication_code: number % 3 === 0 ? 'R07.9;I10' : 'I26.99',
          indication_text: number % 4 === 0 ? '' : `indication ${orderId}`,
          requested_modality: modality,
          requested_procedure: `${modality} procedure ${suffix}`,
          pregnancy_status: female
            ? number === 3 && index === 1
              ? 'PREGNANT'
              : 'NOT_PREGNANT'
            : '',
          contrast_allergy: number % 6 === 0 ? 'true' : number % 6 === 1 ? 'false' : '',
          // A value on the first order only for some patients: it must be absent on the second.
          egfr:
            number % 3 === 0 ? (index === 0 ? `${40 + number}.5` : '') : `${60 + number + index}`,
          dose_alert_shown: number % 5 === 0 ? 'true' : number % 5 === 1 ? 'false' : '',
          comment: number % 7 === 0 ? `comment on ${orderId}` : '',
        }),
      );
      const changedTo = number % 5 === 0 && index === 0 ? 'MR' : null;
      if (changedTo !== null) {
        changes.push({
          order_id: orderId,
          changed_at: `2024-01-${pad(number)}T09:00:00Z`,
          action: 'MODALITY_CHANGE',
          new_modality: changedTo,
          new_procedure: 'MR instead',
          reason: 'no radiation for this indication',
          changed_by: 'Dr Radiologist',
        });
      }
      const cancelled = (number % 7 === 0 && index === 1) || number === 10;
      if (cancelled) {
        changes.push({
          order_id: orderId,
          changed_at:
            index === 0 ? `2024-01-${pad(number)}T11:00:00Z` : `2024-03-${pad(number)}T12:00:00Z`,
          action: 'CANCEL',
          new_modality: '',
          new_procedure: '',
          reason: 'not indicated',
          changed_by: 'Dr Radiologist',
        });
        continue;
      }
      const examModality = changedTo ?? modality;
      exams.push(
        makeExam({
          accession: `A${pad(number)}${suffix}`,
          patient_id: patientId,
          order_id: orderId,
          performed_at: orderedAt.replace(/T\d\d/, 'T14'),
          modality: examModality,
          procedure: `${examModality} exam`,
          body_region: ['CHEST', 'ABDOMEN', 'HEAD'][number % 3],
          ctdivol_mgy: examModality === 'CT' ? `${8 + number}.25` : '',
          dlp_mgycm: examModality === 'CT' ? `${300 + number * 10}` : '',
          effective_dose_msv: '',
        }),
      );
    }
    if (number % 4 === 0) {
      exams.push(
        makeExam({
          accession: `H${pad(number)}`,
          patient_id: patientId,
          performed_at: '2023-06-01T10:00:00Z',
          modality: 'CT',
          procedure: 'CT abdomen (outside order)',
          body_region: 'ABDOMEN',
          ctdivol_mgy: '12.5',
          dlp_mgycm: '600',
          effective_dose_msv: '9.1',
        }),
      );
    }
  }
  return { patients, orders, order_changes: changes, exams };
}

/** The same rows as import records with every column (an empty field is null). */
export function toImportRecords(entity: ImportEntity, rows: readonly Row[]): ImportRecord[] {
  return rows.map((row) =>
    Object.fromEntries(
      IMPORT_COLUMNS[entity].map((column) => {
        const value = row[column.name];
        return [
          column.name,
          value === undefined || value === null || value === '' ? null : String(value),
        ];
      }),
    ),
  );
}
