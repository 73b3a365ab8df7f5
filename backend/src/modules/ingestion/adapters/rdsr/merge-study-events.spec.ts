import {
  buildCtDoseReport,
  buildProjectionDoseReport,
  type FixtureCtEvent,
} from './write-dose-report.js';
import type { DoseReport } from './dose-report.types.js';
import { mergeStudyReports } from './merge-study-events.js';
import { parseDoseReport } from './parse-dose-report.js';

const STUDY = '1.2.826.0.1.3680043.10.1387.200';
const event = (index: number, dlpMgyCm: number | null, meanCtdiVolMgy = 5): FixtureCtEvent => ({
  irradiationEventUid: `${STUDY}.3.${index}`,
  dlpMgyCm,
  meanCtdiVolMgy,
});

const parse = (buffer: ArrayBuffer): DoseReport => {
  const result = parseDoseReport(buffer);
  if (!result.ok) throw new Error(result.reason);
  return result.report;
};

// A long CT exam: the first report has events 1 and 2 (DLP 100 + 250 = 350 mGy·cm).
const firstReport = parse(
  buildCtDoseReport({
    studyInstanceUid: STUDY,
    accessionNumber: 'ACC-9',
    patientId: 'P-9',
    events: [event(1, 100, 4), event(2, 250, 11.5)],
  }),
);
// The scanner continues the exam in a second report with only event 3 (DLP 40, its own total 40).
const continuedReport = parse(
  buildCtDoseReport({ studyInstanceUid: STUDY, patientId: 'P-9', events: [event(3, 40, 3)] }),
);
// Or resends the first report grown by event 3: total 390.
const growingResend = parse(
  buildCtDoseReport({
    studyInstanceUid: STUDY,
    accessionNumber: 'ACC-9',
    patientId: 'P-9',
    events: [event(1, 100, 4), event(2, 250, 11.5), event(3, 40, 3)],
  }),
);

describe('mergeStudyReports', () => {
  it('keeps one report as it is, total from the report', () => {
    const [study] = mergeStudyReports([firstReport]);
    expect(study?.eventCount).toBe(2);
    expect(study?.dlpTotalMgyCm).toEqual({ value: 350, source: 'covering_report' });
    expect(study?.ctdiVolMaxMgy).toBe(11.5);
    expect(study?.accessionNumber).toBe('ACC-9');
    expect(study?.modality).toBe('CT');
  });

  it('joins a study split across continued reports: 3 events, 390 mGy·cm', () => {
    const studies = mergeStudyReports([firstReport, continuedReport]);
    expect(studies).toHaveLength(1);
    expect(studies[0]?.eventCount).toBe(3);
    // No report covers all three events: the sum of distinct events (100 + 250 + 40).
    expect(studies[0]?.dlpTotalMgyCm).toEqual({ value: 390, source: 'events' });
    expect(studies[0]?.sopInstanceUids).toEqual([
      firstReport.sopInstanceUid,
      continuedReport.sopInstanceUid,
    ]);
    // The continued report has no accession number; the first report's stays.
    expect(studies[0]?.accessionNumber).toBe('ACC-9');
  });

  it('counts a growing resend once: 3 events and 390, not 350 + 390', () => {
    const [study] = mergeStudyReports([firstReport, growingResend]);
    expect(study?.eventCount).toBe(3);
    expect(study?.dlpTotalMgyCm).toEqual({ value: 390, source: 'covering_report' });
  });

  it('changes nothing when every report is imported again, in any order', () => {
    const [study] = mergeStudyReports([
      growingResend,
      firstReport,
      continuedReport,
      firstReport,
      growingResend,
    ]);
    expect(study?.eventCount).toBe(3);
    expect(study?.events.map((merged) => merged.irradiationEventUid)).toEqual([
      `${STUDY}.3.1`,
      `${STUDY}.3.2`,
      `${STUDY}.3.3`,
    ]);
    expect(study?.dlpTotalMgyCm.value).toBe(390);
  });

  it('keeps a report total larger than its events when no report covers the study', () => {
    // Event 1 carries no DLP, but its report's accumulated total (480) includes it.
    const withoutDlp = parse(
      buildCtDoseReport({
        studyInstanceUid: STUDY,
        dlpTotalMgyCm: 480,
        events: [event(1, null), event(2, 250)],
      }),
    );
    const [study] = mergeStudyReports([withoutDlp, continuedReport]);
    // Events sum to 250 + 40 = 290 < 480: the largest report total is the better lower bound.
    expect(study?.dlpTotalMgyCm).toEqual({ value: 480, source: 'largest_report_total' });
  });

  it('lets a later report update the values an event carries', () => {
    const corrected = parse(
      buildCtDoseReport({
        studyInstanceUid: STUDY,
        events: [{ irradiationEventUid: `${STUDY}.3.2`, dlpMgyCm: 260, meanCtdiVolMgy: null }],
      }),
    );
    const [study] = mergeStudyReports([firstReport, corrected]);
    const updated = study?.events.find((merged) => merged.irradiationEventUid === `${STUDY}.3.2`);
    expect(updated?.dlpMgyCm).toBe(260);
    // The correction carries no CTDIvol: the earlier value stays rather than becoming unknown.
    expect(updated?.meanCtdiVolMgy).toBe(11.5);
  });

  it('keeps studies with the same accession number but other Study Instance UIDs apart', () => {
    const other = parse(
      buildCtDoseReport({
        studyInstanceUid: `${STUDY}.1`,
        accessionNumber: 'ACC-9',
        patientId: 'P-9',
        events: [{ irradiationEventUid: `${STUDY}.1.3.1`, dlpMgyCm: 70 }],
      }),
    );
    const studies = mergeStudyReports([firstReport, other]);
    expect(studies.map((study) => [study.studyInstanceUid, study.dlpTotalMgyCm.value])).toEqual([
      [STUDY, 350],
      [`${STUDY}.1`, 70],
    ]);
  });

  it('gives unknown (null, source none) for a projection study without any DAP', () => {
    const noDap = parse(
      buildProjectionDoseReport({
        studyInstanceUid: `${STUDY}.2`,
        dapTotalGyCm2: null,
        events: [
          { irradiationEventUid: `${STUDY}.2.3.1`, eventType: 'STATIONARY', dapGyCm2: null },
        ],
      }),
    );
    const [study] = mergeStudyReports([noDap]);
    expect(study?.dapTotalGyCm2).toEqual({ value: null, source: 'none' });
    expect(study?.dlpTotalMgyCm).toEqual({ value: null, source: 'none' });
    expect(study?.modality).toBe('DX');
  });

  it('sums DAP and fluoro time over continued fluoroscopy reports', () => {
    const part = (index: number, dapGyCm2: number, irradiationDurationS: number) =>
      parse(
        buildProjectionDoseReport({
          studyInstanceUid: `${STUDY}.4`,
          events: [
            {
              irradiationEventUid: `${STUDY}.4.3.${index}`,
              eventType: 'FLUOROSCOPY',
              dapGyCm2,
              doseRpMgy: 10 * dapGyCm2,
              irradiationDurationS,
            },
          ],
        }),
      );
    const [study] = mergeStudyReports([part(1, 2.5, 60), part(2, 1.25, 30), part(1, 2.5, 60)]);
    expect(study?.modality).toBe('RF');
    expect(study?.eventCount).toBe(2);
    expect(study?.dapTotalGyCm2.value).toBeCloseTo(3.75, 10);
    expect(study?.doseRpTotalMgy.value).toBeCloseTo(37.5, 10);
    expect(study?.fluoroTimeTotalS).toEqual({ value: 90, source: 'events' });
  });

  it('marks the study QA when any of its reports is QA', () => {
    const qa = parse(
      buildCtDoseReport({
        studyInstanceUid: STUDY,
        studyDescription: 'QA monthly',
        events: [event(4, 10)],
      }),
    );
    const [study] = mergeStudyReports([firstReport, qa]);
    expect(study?.isQa).toBe(true);
    expect(study?.qaMatch).toEqual({ field: 'studyDescription', pattern: 'QA' });
  });
});
