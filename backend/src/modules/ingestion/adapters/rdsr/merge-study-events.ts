import type { QaMatch } from './detect-qa-study.js';
import type { DoseEvent, DoseReport, DoseReportTemplate } from './dose-report.types.js';

/**
 * Where a study total came from:
 * - `covering_report`: the accumulated total of the latest report that contains every distinct
 *   event of the study (a single report, or the last of a growing resend): the device's own
 *   figure, as OpenREM shows it;
 * - `events`: no single report covers the study (continued reports), so the sum of the distinct
 *   events' values, which was at least every report's own total;
 * - `largest_report_total`: no single report covers the study and one report's accumulated
 *   total exceeds the sum of the distinct events (events that carry no value);
 * - `none`: no report and no event carries the value: unknown, never zero.
 */
export type TotalSource = 'covering_report' | 'events' | 'largest_report_total' | 'none';

export interface StudyTotal {
  readonly value: number | null;
  readonly source: TotalSource;
}

/** One study (Study Instance UID) with the union of its events over every report received. */
export interface DoseStudy {
  readonly studyInstanceUid: string;
  /** Every report merged, distinct, in the order received. */
  readonly sopInstanceUids: readonly string[];
  // Descriptive fields: the latest report that carries a value wins.
  readonly accessionNumber: string | null;
  readonly patientId: string | null;
  readonly patientBirthDate: string | null;
  readonly patientSex: DoseReport['patientSex'];
  readonly patientAgeYears: number | null;
  readonly studyDate: string | null;
  readonly performedAt: string | null;
  readonly performedAtLocal: string | null;
  readonly studyDescription: string | null;
  readonly manufacturer: string | null;
  readonly manufacturerModelName: string | null;
  readonly templates: readonly DoseReportTemplate[];
  /** CT when any report is CT, else the first of RF, XA, MG, DX that a report has. */
  readonly modality: DoseReport['modality'];
  /** QA when any report of the study matched a QA pattern. */
  readonly isQa: boolean;
  readonly qaMatch: QaMatch | null;
  /** Distinct events by Irradiation Event UID, in order of first appearance. */
  readonly events: readonly DoseEvent[];
  readonly eventCount: number;
  readonly ctdiVolMaxMgy: number | null;
  readonly dlpTotalMgyCm: StudyTotal;
  readonly dapTotalGyCm2: StudyTotal;
  readonly doseRpTotalMgy: StudyTotal;
  readonly fluoroTimeTotalS: StudyTotal;
  readonly recordedEffectiveDoseMsv: StudyTotal;
  readonly warnings: readonly string[];
}

const MODALITY_PRECEDENCE: ReadonlyArray<DoseReport['modality']> = ['CT', 'RF', 'XA', 'MG', 'DX'];
const SUSPICIOUS_DIFFERENCE = 0.05;

/**
 * An event's identity: its Irradiation Event UID. An event without one can only be recognised
 * within the same report (SOP Instance UID and position), so a resend of a report whose device
 * leaves out event UIDs cannot be told apart from new events: the parser warns about it.
 */
const eventKeyOf = (report: DoseReport, event: DoseEvent, index: number): string =>
  event.irradiationEventUid ?? `${report.sopInstanceUid}#${index}`;

/** A later event with the same UID updates the fields it carries; earlier values stay otherwise. */
const updateEvent = (earlier: DoseEvent, later: DoseEvent): DoseEvent => {
  const merged: Record<string, unknown> = { ...earlier };
  for (const [field, value] of Object.entries(later)) {
    if (value !== null) merged[field] = value;
  }
  return merged as unknown as DoseEvent;
};

const sumKnown = (values: ReadonlyArray<number | null>): number | null => {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((total, value) => total + value, 0);
};

const maxKnown = (values: ReadonlyArray<number | null>): number | null => {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : Math.max(...known);
};

interface ReportWithKeys {
  readonly report: DoseReport;
  readonly eventKeys: ReadonlySet<string>;
}

/**
 * A study total, never double-counted:
 * 1. the latest report that covers every distinct event and carries the total gives it;
 * 2. otherwise the larger of the sum over distinct events and the largest single report total
 *    (a continued report's total covers at least its own events, so neither can exceed the
 *    study's true total by counting an event twice).
 */
const combineTotal = (
  reports: readonly ReportWithKeys[],
  events: ReadonlyMap<string, DoseEvent>,
  reportTotal: (report: DoseReport) => number | null,
  eventValue: (event: DoseEvent) => number | null,
  label: string,
  warnings: string[],
): StudyTotal => {
  const eventValues = [...events.values()].map(eventValue);
  const eventSum = sumKnown(eventValues);
  const covering = [...reports]
    .reverse()
    .find(
      ({ report, eventKeys }) =>
        reportTotal(report) !== null && [...events.keys()].every((key) => eventKeys.has(key)),
    );
  if (covering) {
    const value = reportTotal(covering.report) as number;
    const allEventsKnown = eventValues.length > 0 && eventValues.every((known) => known !== null);
    if (
      allEventsKnown &&
      eventSum !== null &&
      Math.abs(eventSum - value) > SUSPICIOUS_DIFFERENCE * Math.max(Math.abs(value), 1e-12)
    ) {
      warnings.push(
        `${label}: report ${covering.report.sopInstanceUid} gives ${value} but its events sum to ${eventSum}; the report total is kept`,
      );
    }
    return { value, source: 'covering_report' };
  }
  const largestReportTotal = maxKnown(reports.map(({ report }) => reportTotal(report)));
  if (eventSum === null && largestReportTotal === null) return { value: null, source: 'none' };
  if (largestReportTotal !== null && (eventSum === null || largestReportTotal > eventSum)) {
    return { value: largestReportTotal, source: 'largest_report_total' };
  }
  return { value: eventSum, source: 'events' };
};

const latestKnown = <T>(
  reports: readonly DoseReport[],
  pick: (report: DoseReport) => T | null,
): T | null => {
  for (let index = reports.length - 1; index >= 0; index -= 1) {
    const value = pick(reports[index] as DoseReport);
    if (value !== null) return value;
  }
  return null;
};

const mergeOneStudy = (studyInstanceUid: string, reports: readonly DoseReport[]): DoseStudy => {
  const warnings: string[] = [];
  const events = new Map<string, DoseEvent>();
  const withKeys: ReportWithKeys[] = reports.map((report) => {
    const eventKeys = new Set<string>();
    report.events.forEach((event, index) => {
      const key = eventKeyOf(report, event, index);
      eventKeys.add(key);
      const earlier = events.get(key);
      events.set(key, earlier ? updateEvent(earlier, event) : event);
    });
    return { report, eventKeys };
  });

  const patientIds = new Set(reports.map((report) => report.patientId).filter((id) => id !== null));
  if (patientIds.size > 1) {
    warnings.push(`reports of this study name different patients: ${[...patientIds].join(', ')}`);
  }

  const ofTemplate = (template: DoseReportTemplate) => ({
    reports: withKeys.filter(({ report }) => report.template === template),
    events: new Map([...events].filter(([, event]) => event.template === template)),
  });
  const ct = ofTemplate('CT');
  const projection = ofTemplate('PROJECTION');
  const distinctEvents = [...events.values()];
  const qaReport = [...reports].reverse().find((report) => report.isQa);

  return {
    studyInstanceUid,
    sopInstanceUids: [...new Set(reports.map((report) => report.sopInstanceUid))],
    accessionNumber: latestKnown(reports, (report) => report.accessionNumber),
    patientId: latestKnown(reports, (report) => report.patientId),
    patientBirthDate: latestKnown(reports, (report) => report.patientBirthDate),
    patientSex: latestKnown(reports, (report) => report.patientSex),
    patientAgeYears: latestKnown(reports, (report) => report.patientAgeYears),
    studyDate: latestKnown(reports, (report) => report.studyDate),
    performedAt: latestKnown(reports, (report) => report.performedAt),
    performedAtLocal: latestKnown(reports, (report) => report.performedAtLocal),
    studyDescription: latestKnown(reports, (report) => report.studyDescription),
    manufacturer: latestKnown(reports, (report) => report.manufacturer),
    manufacturerModelName: latestKnown(reports, (report) => report.manufacturerModelName),
    templates: [...new Set(reports.map((report) => report.template))],
    modality:
      MODALITY_PRECEDENCE.find((modality) =>
        reports.some((report) => report.modality === modality),
      ) ?? 'DX',
    isQa: qaReport !== undefined,
    qaMatch: qaReport?.qaMatch ?? null,
    events: distinctEvents,
    eventCount: distinctEvents.length,
    ctdiVolMaxMgy: maxKnown(distinctEvents.map((event) => event.meanCtdiVolMgy)),
    dlpTotalMgyCm: combineTotal(
      ct.reports,
      ct.events,
      (report) => report.totals.dlpTotalMgyCm,
      (event) => event.dlpMgyCm,
      'DLP total',
      warnings,
    ),
    dapTotalGyCm2: combineTotal(
      projection.reports,
      projection.events,
      (report) => report.totals.dapTotalGyCm2,
      (event) => event.dapGyCm2,
      'DAP total',
      warnings,
    ),
    doseRpTotalMgy: combineTotal(
      projection.reports,
      projection.events,
      (report) => report.totals.doseRpTotalMgy,
      (event) => event.doseRpMgy,
      'dose (RP) total',
      warnings,
    ),
    fluoroTimeTotalS: combineTotal(
      projection.reports,
      projection.events,
      (report) => report.totals.fluoroTimeTotalS,
      (event) => (event.isFluoroscopy ? event.irradiationDurationS : null),
      'fluoro time total',
      [],
    ),
    recordedEffectiveDoseMsv: combineTotal(
      withKeys,
      events,
      (report) => report.recordedEffectiveDoseMsv,
      (event) => event.effectiveDoseMsv,
      'recorded effective dose',
      warnings,
    ),
    warnings,
  };
};

/**
 * Merges dose reports into studies. A study is its Study Instance UID; its events are the union
 * of distinct events (by Irradiation Event UID) over every report received for it, whatever the
 * order and however often a report is re-sent, so a growing resend or a study split across
 * continued reports never counts an event twice. Reports are taken in the order given (the
 * order received): where two carry different values, the later one wins. Studies come out in
 * order of first appearance.
 */
export const mergeStudyReports = (reports: readonly DoseReport[]): DoseStudy[] => {
  const byStudy = new Map<string, DoseReport[]>();
  for (const report of reports) {
    const group = byStudy.get(report.studyInstanceUid);
    if (group) group.push(report);
    else byStudy.set(report.studyInstanceUid, [report]);
  }
  return [...byStudy].map(([studyInstanceUid, group]) => mergeOneStudy(studyInstanceUid, group));
};
