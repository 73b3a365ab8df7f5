import type { BodyRegion, Modality } from '../../import-format.js';
import type { QaMatch } from './detect-qa-study.js';
import type { CodedConcept, EncodedMeasurement } from './sr-content.js';

/** CT Radiation Dose (TID 10011) or Projection X-Ray Radiation Dose (TID 10001). */
export type DoseReportTemplate = 'CT' | 'PROJECTION';

/**
 * One irradiation event. Every dose value is converted to the unit in its name; null means the
 * report did not carry it (missing item or empty MeasuredValueSequence): unknown, never zero.
 */
export interface DoseEvent {
  readonly template: DoseReportTemplate;
  /** Irradiation Event UID (113769); null when the device left it out. */
  readonly irradiationEventUid: string | null;
  /** CT Acquisition Type (113820) for CT, Irradiation Event Type (113721) for projection. */
  readonly eventType: CodedConcept | null;
  readonly acquisitionProtocol: string | null;
  readonly targetRegion: CodedConcept | null;
  /** The target region mapped to the import format's body regions, or null. */
  readonly bodyRegion: BodyRegion | null;
  /** DateTime Started (111526) as ISO 8601 UTC, projection events only. */
  readonly startedAt: string | null;
  // CT (TID 10013)
  readonly meanCtdiVolMgy: number | null;
  readonly dlpMgyCm: number | null;
  /** CTDIw Phantom Type (113835): the dosimetry phantom of the CTDI, not a QA marker. */
  readonly phantomType: CodedConcept | null;
  /** Effective Dose (113839) the device recorded for the event. */
  readonly effectiveDoseMsv: number | null;
  // projection (TID 10003)
  readonly acquisitionPlane: CodedConcept | null;
  readonly dapGyCm2: number | null;
  readonly doseRpMgy: number | null;
  /** Irradiation Duration (113742): the event's fluoroscopy or acquisition time. */
  readonly irradiationDurationS: number | null;
  readonly averageGlandularDoseMgy: number | null;
  /** An Irradiation Event Type of Fluoroscopy. */
  readonly isFluoroscopy: boolean;
}

/**
 * The report's own accumulated values (TID 10012 for CT, TID 10002 for projection, summed over
 * acquisition planes for a biplane system). Null when the report does not carry them.
 */
export interface DoseReportTotals {
  /** Total Number of Irradiation Events (113812) as declared by a CT report. */
  readonly declaredEventCount: number | null;
  readonly dlpTotalMgyCm: number | null;
  readonly dapTotalGyCm2: number | null;
  readonly doseRpTotalMgy: number | null;
  readonly fluoroDapTotalGyCm2: number | null;
  readonly fluoroDoseRpTotalMgy: number | null;
  readonly fluoroTimeTotalS: number | null;
  readonly acquisitionDapTotalGyCm2: number | null;
  readonly acquisitionDoseRpTotalMgy: number | null;
  readonly acquisitionTimeTotalS: number | null;
}

/** The accumulated totals as the file encodes them (first plane), for audit and conformance. */
export interface EncodedTotals {
  readonly dlpTotal: EncodedMeasurement | null;
  readonly dapTotal: EncodedMeasurement | null;
  readonly doseRpTotal: EncodedMeasurement | null;
}

export interface DoseReport {
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly accessionNumber: string | null;
  readonly patientId: string | null;
  /** ISO date (YYYY-MM-DD). */
  readonly patientBirthDate: string | null;
  readonly patientSex: 'F' | 'M' | 'O' | null;
  /** Patient's Age as encoded ("060Y"). */
  readonly patientAge: string | null;
  /** Age at the study in years: from Patient's Age, else birth date and study date. */
  readonly patientAgeYears: number | null;
  /** ISO date (YYYY-MM-DD) of the study. */
  readonly studyDate: string | null;
  /**
   * Study date and time as ISO 8601 UTC. DICOM dates carry no zone: the file's Timezone Offset
   * From UTC is applied when present, otherwise the local time is taken as UTC (see
   * `performedAtLocal` to reinterpret it in the site's zone).
   */
  readonly performedAt: string | null;
  /** Study date and time as encoded, without a zone (YYYY-MM-DDTHH:MM:SS.sss). */
  readonly performedAtLocal: string | null;
  readonly studyDescription: string | null;
  readonly manufacturer: string | null;
  readonly manufacturerModelName: string | null;
  readonly template: DoseReportTemplate;
  readonly modality: Extract<Modality, 'CT' | 'DX' | 'RF' | 'XA' | 'MG'>;
  readonly isQa: boolean;
  /** Why the study is QA (the field and pattern that matched), or null. */
  readonly qaMatch: QaMatch | null;
  readonly totals: DoseReportTotals;
  readonly encodedTotals: EncodedTotals;
  /**
   * An effective dose the report carries, in mSv: CT Effective Dose Total (113814), else the sum
   * of the events' Effective Dose (113839) when any event carries one; null otherwise.
   */
  readonly recordedEffectiveDoseMsv: number | null;
  readonly events: readonly DoseEvent[];
  /** Things the importer should log with the file: unknown units, events without a UID, ... */
  readonly warnings: readonly string[];
}

export type DoseReportRejection =
  | 'empty_file'
  | 'not_dicom'
  | 'truncated'
  | 'not_dose_report'
  | 'unsupported_template'
  | 'missing_study_instance_uid'
  | 'missing_sop_instance_uid'
  | 'no_content'
  | 'unreadable';

export type DoseReportParseResult =
  | { readonly ok: true; readonly report: DoseReport }
  | { readonly ok: false; readonly code: DoseReportRejection; readonly reason: string };

export interface ParseDoseReportOptions {
  /** Whole-word QA patterns over PatientID and StudyDescription; default QA, phantom, physics. */
  readonly qaPatterns?: readonly string[];
}
