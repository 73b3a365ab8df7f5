import {
  FIXTURE_CODES,
  buildCtDoseReport,
  buildNonDoseStructuredReport,
  buildProjectionDoseReport,
  truncateBuffer,
} from './write-dose-report.js';
import type { DoseReport, DoseReportParseResult } from './dose-report.types.js';
import { parseDoseReport } from './parse-dose-report.js';

const STUDY_UID = '1.2.826.0.1.3680043.10.1387.100';

const expectReport = (result: DoseReportParseResult): DoseReport => {
  if (!result.ok) throw new Error(`expected a report, got ${result.code}: ${result.reason}`);
  return result.report;
};

const ctTwoEvents = () =>
  buildCtDoseReport({
    studyInstanceUid: STUDY_UID,
    accessionNumber: 'ACC-1',
    patientId: 'P-0001',
    patientBirthDate: '19800620',
    patientSex: 'F',
    studyDate: '20240115',
    studyTime: '093000',
    studyDescription: 'CT chest abdomen',
    events: [
      {
        irradiationEventUid: `${STUDY_UID}.3.1`,
        acquisitionProtocol: 'Topogram',
        acquisitionType: FIXTURE_CODES.constantAngle,
        targetRegion: FIXTURE_CODES.chest,
        meanCtdiVolMgy: 0.15,
        dlpMgyCm: 7.46,
      },
      {
        irradiationEventUid: `${STUDY_UID}.3.2`,
        acquisitionProtocol: 'Abdomen',
        targetRegion: FIXTURE_CODES.abdomen,
        meanCtdiVolMgy: 8.13,
        dlpMgyCm: 69.81,
        phantomType: FIXTURE_CODES.headPhantom,
      },
    ],
  });

describe('parseDoseReport: CT', () => {
  const report = expectReport(parseDoseReport(ctTwoEvents()));

  it('reads the study and patient from the header', () => {
    expect(report.studyInstanceUid).toBe(STUDY_UID);
    expect(report.accessionNumber).toBe('ACC-1');
    expect(report.patientId).toBe('P-0001');
    expect(report.patientBirthDate).toBe('1980-06-20');
    expect(report.patientSex).toBe('F');
    expect(report.studyDate).toBe('2024-01-15');
    // No Timezone Offset From UTC in the file: local time is taken as UTC.
    expect(report.performedAt).toBe('2024-01-15T09:30:00.000Z');
    expect(report.performedAtLocal).toBe('2024-01-15T09:30:00.000');
    // Born 1980-06-20, studied 2024-01-15: 43, not 44 (birthday not yet reached).
    expect(report.patientAgeYears).toBe(43);
  });

  it('classifies a CT report', () => {
    expect(report.template).toBe('CT');
    expect(report.modality).toBe('CT');
    expect(report.isQa).toBe(false);
  });

  it('reads each event with its region, doses and phantom', () => {
    expect(report.events).toHaveLength(2);
    const [topogram, abdomen] = report.events;
    expect(topogram).toMatchObject({
      irradiationEventUid: `${STUDY_UID}.3.1`,
      acquisitionProtocol: 'Topogram',
      bodyRegion: 'CHEST',
      meanCtdiVolMgy: 0.15,
      dlpMgyCm: 7.46,
    });
    expect(topogram?.eventType?.codeValue).toBe('113805');
    expect(topogram?.phantomType?.codeValue).toBe('113691');
    expect(abdomen).toMatchObject({ bodyRegion: 'ABDOMEN', meanCtdiVolMgy: 8.13, dlpMgyCm: 69.81 });
    expect(abdomen?.phantomType?.codeMeaning).toBe('IEC Head Dosimetry Phantom');
  });

  it('reads the accumulated DLP and declared event count', () => {
    expect(report.totals.dlpTotalMgyCm).toBeCloseTo(77.27, 10);
    expect(report.totals.declaredEventCount).toBe(2);
    expect(report.encodedTotals.dlpTotal?.unit).toBe('mGy.cm');
    expect(report.recordedEffectiveDoseMsv).toBeNull();
    expect(report.warnings).toEqual([]);
  });

  it('converts DLP encoded in Gy.cm and CTDIvol in Gy', () => {
    const converted = expectReport(
      parseDoseReport(
        buildCtDoseReport({
          studyInstanceUid: STUDY_UID,
          units: { dlp: 'Gy.cm', ctdiVol: 'Gy' },
          events: [{ meanCtdiVolMgy: 12.5, dlpMgyCm: 450 }],
        }),
      ),
    );
    expect(converted.encodedTotals.dlpTotal).toEqual({ value: 0.45, unit: 'Gy.cm' });
    expect(converted.events[0]?.meanCtdiVolMgy).toBeCloseTo(12.5, 10);
    expect(converted.totals.dlpTotalMgyCm).toBeCloseTo(450, 10);
  });

  it('takes a recorded effective dose from CT Effective Dose Total', () => {
    const withDose = expectReport(
      parseDoseReport(
        buildCtDoseReport({
          studyInstanceUid: STUDY_UID,
          effectiveDoseTotalMsv: 7.2,
          events: [{ dlpMgyCm: 400, effectiveDoseMsv: 5.6 }],
        }),
      ),
    );
    expect(withDose.recordedEffectiveDoseMsv).toBe(7.2);
    expect(withDose.events[0]?.effectiveDoseMsv).toBe(5.6);
  });

  it('sums events when only they carry an effective dose', () => {
    const eventsOnly = expectReport(
      parseDoseReport(
        buildCtDoseReport({
          studyInstanceUid: STUDY_UID,
          events: [
            { dlpMgyCm: 100, effectiveDoseMsv: 1.4 },
            { dlpMgyCm: 200, effectiveDoseMsv: 2.8 },
            { dlpMgyCm: 5 },
          ],
        }),
      ),
    );
    expect(eventsOnly.recordedEffectiveDoseMsv).toBeCloseTo(4.2, 10);
  });

  it('gives null (unknown) for an event whose DLP measured value is empty', () => {
    const empty = expectReport(
      parseDoseReport(
        buildCtDoseReport({
          studyInstanceUid: STUDY_UID,
          dlpTotalMgyCm: null,
          events: [{ meanCtdiVolMgy: null, dlpMgyCm: null }],
        }),
      ),
    );
    expect(empty.events[0]?.dlpMgyCm).toBeNull();
    expect(empty.events[0]?.meanCtdiVolMgy).toBeNull();
    expect(empty.totals.dlpTotalMgyCm).toBeNull();
  });

  it('applies the Timezone Offset From UTC when the file has one', () => {
    const offset = expectReport(
      parseDoseReport(
        buildCtDoseReport({
          studyInstanceUid: STUDY_UID,
          studyDate: '20240115',
          studyTime: '003000',
          timezoneOffsetFromUtc: '+0100',
          events: [{ dlpMgyCm: 1 }],
        }),
      ),
    );
    expect(offset.performedAt).toBe('2024-01-14T23:30:00.000Z');
    expect(offset.performedAtLocal).toBe('2024-01-15T00:30:00.000');
  });

  it('warns and gives null for a unit it does not know', () => {
    const bytes = new Uint8Array(
      buildCtDoseReport({
        studyInstanceUid: STUDY_UID,
        events: [{ irradiationEventUid: '1.2.3.4', dlpMgyCm: 100 }],
      }),
    );
    // Rewrite the unit "mGy.cm" as "xGy.cm" in place (same length): an unknown prefix.
    const text = Buffer.from(bytes).toString('latin1').replaceAll('mGy.cm', 'xGy.cm');
    const relabelled = expectReport(parseDoseReport(Buffer.from(text, 'latin1')));
    expect(relabelled.events[0]?.dlpMgyCm).toBeNull();
    expect(relabelled.totals.dlpTotalMgyCm).toBeNull();
    expect(relabelled.warnings).toEqual([
      'CT event 1.2.3.4 DLP: unknown unit "xGy.cm", value 100 ignored',
      'DLP total: unknown unit "xGy.cm", value 100 ignored',
    ]);
  });
});

describe('parseDoseReport: projection X-ray', () => {
  const fluoroscopy = () =>
    buildProjectionDoseReport({
      studyInstanceUid: `${STUDY_UID}.7`,
      accessionNumber: 'ACC-RF',
      patientId: 'P-0002',
      patientAge: '006M',
      units: { dap: 'dGy.cm2', doseRp: 'Gy' },
      events: [
        {
          eventType: 'FLUOROSCOPY',
          dateTimeStarted: '20240115093512',
          acquisitionProtocol: 'Ba Swallow',
          dapGyCm2: 1.5,
          doseRpMgy: 2.5,
          irradiationDurationS: 40,
          targetRegion: FIXTURE_CODES.chest,
        },
        { eventType: 'STATIONARY', dapGyCm2: 0.25, doseRpMgy: 0.5, irradiationDurationS: 0.2 },
      ],
    });

  it('reads fluoroscopy as RF with DAP converted from dGy.cm2 and dose at RP from Gy', () => {
    const report = expectReport(parseDoseReport(fluoroscopy()));
    expect(report.template).toBe('PROJECTION');
    expect(report.modality).toBe('RF');
    // 1.5 + 0.25 Gy·cm² = 17.5 dGy.cm2 as encoded.
    expect(report.encodedTotals.dapTotal).toEqual({ value: 17.5, unit: 'dGy.cm2' });
    expect(report.totals.dapTotalGyCm2).toBeCloseTo(1.75, 10);
    // 2.5 + 0.5 mGy = 0.003 Gy as encoded.
    expect(report.encodedTotals.doseRpTotal).toEqual({ value: 0.003, unit: 'Gy' });
    expect(report.totals.doseRpTotalMgy).toBeCloseTo(3, 10);
    expect(report.totals.fluoroTimeTotalS).toBe(40);
    expect(report.patientAgeYears).toBeCloseTo(0.5, 10);
    const [fluoro, stationary] = report.events;
    expect(fluoro).toMatchObject({
      isFluoroscopy: true,
      acquisitionProtocol: 'Ba Swallow',
      irradiationDurationS: 40,
      startedAt: '2024-01-15T09:35:12.000Z',
      bodyRegion: 'CHEST',
    });
    expect(fluoro?.dapGyCm2).toBeCloseTo(1.5, 10);
    expect(fluoro?.doseRpMgy).toBeCloseTo(2.5, 10);
    expect(stationary?.isFluoroscopy).toBe(false);
  });

  it('is DX when there is neither a fluoroscopy event nor fluoro time', () => {
    const report = expectReport(
      parseDoseReport(
        buildProjectionDoseReport({
          studyInstanceUid: `${STUDY_UID}.8`,
          events: [{ eventType: 'STATIONARY', dapGyCm2: 0.107 }],
        }),
      ),
    );
    expect(report.modality).toBe('DX');
    expect(report.encodedTotals.dapTotal).toEqual({ value: 0.0000107, unit: 'Gy.m2' });
    expect(report.totals.dapTotalGyCm2).toBeCloseTo(0.107, 12);
    expect(report.totals.fluoroTimeTotalS).toBeNull();
  });

  it('is MG for mammography', () => {
    const report = expectReport(
      parseDoseReport(
        buildProjectionDoseReport({
          studyInstanceUid: `${STUDY_UID}.9`,
          procedure: 'MAMMOGRAPHY',
          events: [{ eventType: 'STATIONARY', averageGlandularDoseMgy: 1.3 }],
        }),
      ),
    );
    expect(report.modality).toBe('MG');
    expect(report.events[0]?.averageGlandularDoseMgy).toBe(1.3);
  });

  it('gives a DAP that is unknown, not zero, when its measured value sequence is empty', () => {
    const report = expectReport(
      parseDoseReport(
        buildProjectionDoseReport({
          studyInstanceUid: `${STUDY_UID}.10`,
          dapTotalGyCm2: null,
          doseRpTotalMgy: null,
          events: [{ eventType: 'STATIONARY', dapGyCm2: null, doseRpMgy: null }],
        }),
      ),
    );
    expect(report.events[0]?.dapGyCm2).toBeNull();
    expect(report.events[0]?.doseRpMgy).toBeNull();
    expect(report.totals.dapTotalGyCm2).toBeNull();
    expect(report.totals.doseRpTotalMgy).toBeNull();
    expect(report.encodedTotals.dapTotal).toBeNull();
  });
});

describe('parseDoseReport: QA studies', () => {
  const withStudy = (patientId: string, studyDescription: string, qaPatterns?: string[]) =>
    expectReport(
      parseDoseReport(
        buildCtDoseReport({
          studyInstanceUid: STUDY_UID,
          patientId,
          studyDescription,
          events: [{ dlpMgyCm: 10 }],
        }),
        qaPatterns === undefined ? {} : { qaPatterns },
      ),
    );

  it('marks a study whose description names a phantom', () => {
    const report = withStudy('P-1', 'Daily Phantom check');
    expect(report.isQa).toBe(true);
    expect(report.qaMatch).toEqual({ field: 'studyDescription', pattern: 'phantom' });
  });

  it('does not mark a patient study although every CT event carries a CTDIw phantom type', () => {
    const report = withStudy('AQUA-7', 'CT head');
    expect(report.events[0]?.phantomType?.codeMeaning).toBe('IEC Body Dosimetry Phantom');
    expect(report.isQa).toBe(false);
  });

  it('uses configured patterns instead of the defaults', () => {
    expect(withStudy('TEST01', 'CT head', ['test']).isQa).toBe(true);
    expect(withStudy('QA01', 'CT head', ['test']).isQa).toBe(false);
  });
});

describe('parseDoseReport: rejections', () => {
  it('rejects an SR that is not a dose report', () => {
    const result = parseDoseReport(buildNonDoseStructuredReport({ studyInstanceUid: STUDY_UID }));
    expect(result).toEqual({
      ok: false,
      code: 'not_dose_report',
      reason:
        'not a radiation dose report: its root concept is 18748-4 (Diagnostic Imaging Report), not 113701 (X-Ray Radiation Dose Report)',
    });
  });

  it('rejects a truncated file', () => {
    const result = parseDoseReport(truncateBuffer(ctTwoEvents()));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.code).toBe('truncated');
    expect(!result.ok && result.reason).toMatch(/^the DICOM file is truncated or corrupt/);
  });

  it('rejects every cut of a file without throwing', () => {
    const whole = ctTwoEvents();
    for (let length = 0; length < whole.byteLength; length += 37) {
      const result = parseDoseReport(whole.slice(0, length));
      expect(result.ok).toBe(false);
    }
  });

  it('rejects a file that is not DICOM', () => {
    const result = parseDoseReport(Buffer.from('accession,patient_id\nA1,P1\n'.repeat(10)));
    expect(result).toMatchObject({ ok: false, code: 'not_dicom' });
  });

  it('rejects an empty file', () => {
    expect(parseDoseReport(new Uint8Array(0))).toMatchObject({ ok: false, code: 'empty_file' });
  });

  it('rejects a dose report without a Study Instance UID', () => {
    const result = parseDoseReport(
      buildCtDoseReport({
        studyInstanceUid: '',
        sopInstanceUid: '1.2.3',
        events: [{ dlpMgyCm: 1 }],
      }),
    );
    expect(result).toEqual({
      ok: false,
      code: 'missing_study_instance_uid',
      reason: 'the dose report has no Study Instance UID',
    });
  });

  it('accepts a Node Buffer that views part of a larger allocation', () => {
    const file = new Uint8Array(ctTwoEvents());
    const pool = new Uint8Array(file.length + 64);
    pool.set(file, 32);
    const result = parseDoseReport(pool.subarray(32, 32 + file.length));
    expect(expectReport(result).events).toHaveLength(2);
  });
});
