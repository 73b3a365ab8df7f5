import type { Role } from '../auth/principal.js';
import {
  CASE_CSV_ASSESSMENT_COLUMNS,
  CASE_CSV_COLUMNS,
  type CaseCsvColumn,
} from '../vocabulary/case-csv-columns.js';
import {
  CaseLevel,
  Disposition,
  DoseBand,
  ExclusionCode,
  ReviewStatus,
  SignalCode,
} from '../vocabulary/graphql-enums.js';
import type { CaseDetailRow, CaseRecord, CaseRow } from './cases.repository.js';
import { encodeCaseId } from './domain/case-id.js';
import { summariseSignal } from './domain/summarise-signal.js';
import type {
  CaseDetailObject,
  CaseSummaryObject,
  ClinicianPatternObject,
  ClinicianRefObject,
} from './dto/case.object.js';

/**
 * Who is looking, as the mappers need it. The field-level allow-list per role lives in this
 * file and nowhere else: every GraphQL object and CSV row of a case is built here field by
 * field from the database rows, so a column added to a query later reaches no client until a
 * line here names it.
 */
export interface CaseViewer {
  readonly role: Role;
  readonly email: string;
  /** Department names the viewer may see; null: site-wide. */
  readonly scope: readonly string[] | null;
  /**
   * COMMITTEE: no patient, no birth date, no accession, no order id, no free text (order
   * texts, change reasons, review notes, explanations that quote them), dates to the month,
   * no reviewer or assignee email, clinicians as pseudonyms.
   */
  readonly deidentified: boolean;
  /** The clinician as this viewer may see them (a pseudonym for COMMITTEE, unless allowed). */
  clinician(providerId: string, name: string | null): ClinicianRefObject;
}

const EXCLUSION_CODES = Object.values(ExclusionCode);
const isSignalCode = (code: string): code is SignalCode =>
  (Object.values(SignalCode) as string[]).includes(code);

export function mapCaseSummary(row: CaseRow, viewer: CaseViewer): CaseSummaryObject {
  const hide = viewer.deidentified;
  return {
    id: encodeCaseId(row.order_pk),
    orderId: hide ? null : row.order_id,
    orderedAt: hide ? row.ordered_month_start : row.ordered_at,
    month: row.month,
    department: row.department,
    clinician:
      row.provider_id === null ? null : viewer.clinician(row.provider_id, row.provider_name),
    indicationGroup: row.indication_group,
    setting: row.setting,
    population: row.population,
    requestedModality: row.requested_modality,
    outcomeModality: row.outcome_modality,
    outcome: row.outcome,
    level: row.level as CaseLevel,
    score: row.score ?? 0,
    band: row.band as DoseBand,
    ced5yMsv: row.ced_5y_msv,
    signals: row.signals.filter(isSignalCode),
    exclusion: row.exclusion as ExclusionCode | null,
    reviewStatus: row.review_status as ReviewStatus,
    latestDisposition: row.latest_disposition as Disposition | null,
    assignee: hide ? null : row.assignee,
  };
}

export function mapCaseDetail(record: CaseRecord, viewer: CaseViewer): CaseDetailObject {
  const { row } = record;
  const hide = viewer.deidentified;
  const summary = mapCaseSummary(row, viewer);
  return {
    summary,
    indicationCode: hide ? null : row.indication_code,
    indicationText: hide ? null : row.indication_text,
    comment: hide ? null : row.comment,
    doseAlertShown: row.dose_alert_shown,
    ced12mMsv: row.ced_12m_msv,
    cedAllMsv: row.ced_all_msv,
    priorCts12m: row.prior_ct_12m,
    signals: record.signals
      .filter((signal) => isSignalCode(signal.code))
      .map((signal) => ({
        code: signal.code as SignalCode,
        summary: summariseSignal(signal, {
          orderedAt: row.ordered_at,
          requestedModality: row.requested_modality,
          outcomeModality: row.outcome_modality,
          outcomeAt: row.outcome_at,
        }),
        explanation: hide ? null : signal.explanation,
      })),
    exclusionsConsidered: EXCLUSION_CODES.map((code) => ({
      code,
      applied: row.exclusion === code,
      detail: hide ? null : describeExclusionCheck(code, row),
    })),
    clinicianPattern: mapClinicianPattern(record, summary),
    changes: record.changes.map((change) => ({
      changedAt: hide ? change.changed_month_start : change.changed_at,
      action: change.action,
      newModality: change.new_modality,
      reason: hide ? null : change.reason,
    })),
    patient: hide
      ? null
      : {
          patientId: row.patient_id,
          birthDate: row.birth_date,
          sex: row.sex,
          ageAtOrder: row.age_at_order,
        },
    timeline: hide
      ? null
      : {
          orderedAt: row.ordered_at,
          changedAt: row.changed_at,
          exams: record.timeline.map((exam) => ({
            accession: exam.accession,
            performedAt: exam.performed_at,
            modality: exam.modality,
            bodyRegion: exam.body_region,
            effectiveDoseMsv: exam.effective_dose_msv,
            doseSource: exam.dose_source,
            cumulativeMsv: exam.cumulative_msv,
            ced5yMsv: exam.ced_5y_msv,
            isCaseOrder: exam.is_case_order,
          })),
          highThresholdMsv: row.high_threshold_msv ?? 50,
          moderateThresholdMsv: row.moderate_threshold_msv ?? 10,
          ced5yAtOrderMsv: record.atOrder.ced_5y_msv,
          cumulativeAtOrderMsv: record.atOrder.cumulative_msv,
        },
    reviews: record.reviews.map((review) => ({
      id: review.id,
      disposition: review.disposition as Disposition,
      note: hide ? null : review.note,
      reviewer: hide ? null : review.reviewer,
      reviewedAt: hide ? review.reviewed_month_start : review.reviewed_at,
    })),
    versions: {
      settingsVersion: row.settings_version,
      referenceVersion: row.reference_version,
      lexiconVersion: row.lexicon_version,
    },
  };
}

const ratio = (value: number | null): string =>
  value === null ? 'not estimable' : value.toFixed(2);

/** The clinician's pattern as one sentence naming the clinician as the viewer may see them. */
function mapClinicianPattern(
  record: CaseRecord,
  summary: CaseSummaryObject,
): ClinicianPatternObject | null {
  const pattern = record.pattern;
  if (pattern === null) return null;
  const who = summary.clinician ? summary.clinician.label : 'No clinician on the order; the site';
  const interval =
    pattern.reference_lower_95 === null || pattern.reference_upper_95 === null
      ? ''
      : ` (95 % CI ${ratio(pattern.reference_lower_95)}–${ratio(pattern.reference_upper_95)})`;
  const sentence =
    `${who}: away-switches of HIGH-band patients against the site's LOW-band patients, ` +
    `OR ${ratio(pattern.reference_odds_ratio)}${interval}; own OR shrunk toward the site ` +
    `${ratio(pattern.shrunk_odds_ratio)}; ${pattern.compared} clinicians compared` +
    (pattern.q_value === null ? '.' : `, q ${pattern.q_value.toFixed(3)} after that comparison.`);
  return {
    sentence,
    oddsRatio: pattern.reference_odds_ratio,
    lower95: pattern.reference_lower_95,
    upper95: pattern.reference_upper_95,
    compared: pattern.compared,
    qValue: pattern.q_value,
  };
}

/** What each exclusion looked at, for roles that may read the order's facts. */
function describeExclusionCheck(code: ExclusionCode, row: CaseDetailRow): string {
  if (row.exclusion === code && row.exclusion_detail) return row.exclusion_detail;
  const inText = row.text_exclusions.includes(code);
  switch (code) {
    case ExclusionCode.PREGNANCY:
      return `population ${row.population}; pregnancy status ${row.pregnancy_status ?? 'not recorded'}`;
    case ExclusionCode.CONTRAST_ALLERGY:
      return `contrast allergy on the order: ${row.contrast_allergy === null ? 'not recorded' : row.contrast_allergy ? 'yes' : 'no'}${inText ? '; named in the texts' : ''}`;
    case ExclusionCode.RENAL_IMPAIRMENT:
      return `eGFR ${row.egfr === null ? 'not recorded' : row.egfr}${inText ? '; named in the texts' : ''}`;
    default:
      return inText ? 'found in the order texts' : 'not found in the order texts';
  }
}

/** The columns of GET /exports/cases.csv for a viewer (COMMITTEE: de-identified). */
export function caseExportColumns(viewer: CaseViewer): readonly string[] {
  return viewer.deidentified ? COMMITTEE_EXPORT_COLUMNS : FULL_EXPORT_COLUMNS;
}

const FULL_EXPORT_COLUMNS = ['case_id', ...CASE_CSV_COLUMNS] as const;

const COMMITTEE_EXPORT_COLUMNS = [
  'case_id',
  'month',
  'department',
  'clinician',
  'indication_group',
  ...CASE_CSV_ASSESSMENT_COLUMNS,
] as const;

export interface CaseExportRow extends Record<CaseCsvColumn, string | null> {
  readonly order_pk: string;
  readonly order_id: string;
  readonly patient_id: string;
  readonly ordered_at: string;
  readonly month: string;
  readonly department: string | null;
  readonly provider_id: string | null;
  readonly provider_name: string | null;
  readonly indication_code: string | null;
  readonly indication_group: string | null;
  readonly requested_modality: string;
  readonly outcome_modality: string;
  readonly level: string;
  readonly score: string | null;
  readonly ced_5y_msv: string | null;
  readonly signals: string;
  readonly exclusion: string | null;
  readonly review_status: string;
}

/** One CSV record, in the order of caseExportColumns(viewer). */
export function mapCaseExportRow(row: CaseExportRow, viewer: CaseViewer): (string | null)[] {
  const assessment = CASE_CSV_ASSESSMENT_COLUMNS.map((column) => row[column]);
  if (viewer.deidentified) {
    return [
      encodeCaseId(row.order_pk),
      row.month,
      row.department,
      row.provider_id === null ? null : viewer.clinician(row.provider_id, row.provider_name).key,
      row.indication_group,
      ...assessment,
    ];
  }
  return [encodeCaseId(row.order_pk), ...CASE_CSV_COLUMNS.map((column) => row[column])];
}
