import { data as dicomData } from 'dcmjs';
import {
  CT_PROCEDURE_CODES,
  CT_TEMPLATE_ID,
  DOSE_CONCEPTS as C,
  FLUOROSCOPY_EVENT_CODES,
  MAMMOGRAPHY_PROCEDURE_CODES,
  PROJECTION_PROCEDURE_CODES,
  PROJECTION_TEMPLATE_ID,
} from './dose-report-concepts.js';
import type {
  DoseEvent,
  DoseReport,
  DoseReportParseResult,
  DoseReportRejection,
  DoseReportTemplate,
  DoseReportTotals,
  ParseDoseReportOptions,
} from './dose-report.types.js';
import { DEFAULT_QA_PATTERNS, detectQaStudy } from './detect-qa-study.js';
import {
  combineDateAndTime,
  computeAgeYears,
  parseDicomAgeYears,
  parseDicomDate,
  parseDicomDateTime,
  parseDicomTime,
  parseUtcOffsetMinutes,
} from './dicom-date-time.js';
import { mapTargetRegion } from './map-target-region.js';
import {
  findChildren,
  findDescendants,
  findFirstDescendant,
  isConcept,
  readCodeValue,
  readConceptName,
  readDateTimeValue,
  readMeasurement,
  readString,
  readTextValue,
  readUidValue,
  toItems,
  type ConceptCode,
  type EncodedMeasurement,
  type SrItem,
} from './sr-content.js';
import {
  convertToGyCm2,
  convertToMgy,
  convertToMgyCm,
  convertToMsv,
  convertToSeconds,
} from './units.js';

const DICM_OFFSET = 128;
const DICM_MAGIC = 'DICM';

const reject = (code: DoseReportRejection, reason: string): DoseReportParseResult => ({
  ok: false,
  code,
  reason,
});

const toArrayBuffer = (buffer: ArrayBuffer | Uint8Array): ArrayBuffer =>
  buffer instanceof ArrayBuffer ? buffer : new Uint8Array(buffer).slice().buffer;

const hasDicmMarker = (bytes: Uint8Array): boolean =>
  bytes.length >= DICM_OFFSET + DICM_MAGIC.length &&
  String.fromCharCode(...bytes.subarray(DICM_OFFSET, DICM_OFFSET + DICM_MAGIC.length)) ===
    DICM_MAGIC;

type ReadDataset = { ok: true; dataset: SrItem } | { ok: false; result: DoseReportParseResult };

const readDataset = (buffer: ArrayBuffer | Uint8Array): ReadDataset => {
  const arrayBuffer = toArrayBuffer(buffer);
  const bytes = new Uint8Array(arrayBuffer);
  if (bytes.length === 0) return { ok: false, result: reject('empty_file', 'the file is empty') };
  if (!hasDicmMarker(bytes)) {
    return {
      ok: false,
      result: reject(
        'not_dicom',
        bytes.length < DICM_OFFSET + DICM_MAGIC.length
          ? `not a DICOM file: only ${bytes.length} bytes, too short for the DICOM preamble and "DICM" marker`
          : 'not a DICOM file: no "DICM" marker after the 128-byte preamble',
      ),
    };
  }
  try {
    const dicomDict = dicomData.DicomMessage.readFile(arrayBuffer);
    return { ok: true, dataset: dicomData.DicomMetaDictionary.naturalizeDataset(dicomDict.dict) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      result: reject('truncated', `the DICOM file is truncated or corrupt (${detail})`),
    };
  }
};

/** Converts a measurement, warning (and giving null) when its unit is not one we know. */
const convertMeasurement = (
  measurement: EncodedMeasurement | null,
  convert: (value: number, unit: string) => number | null,
  label: string,
  warnings: string[],
): number | null => {
  if (measurement === null) return null;
  const converted = convert(measurement.value, measurement.unit);
  if (converted === null) {
    warnings.push(
      `${label}: unknown unit "${measurement.unit}", value ${measurement.value} ignored`,
    );
  }
  return converted;
};

const measurementAt = (item: SrItem, concept: ConceptCode): EncodedMeasurement | null =>
  readMeasurement(findFirstDescendant(item, concept));

/** Sum of the known values; null when none is known (unknown is never zero). */
const sumKnown = (values: ReadonlyArray<number | null>): number | null => {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((total, value) => total + value, 0);
};

const detectTemplate = (root: SrItem): DoseReportTemplate | null => {
  const templateId = toItems(root.ContentTemplateSequence)
    .map((item) => readString(item.TemplateIdentifier))
    .find((id) => id !== null);
  if (templateId === CT_TEMPLATE_ID) return 'CT';
  if (templateId === PROJECTION_TEMPLATE_ID) return 'PROJECTION';
  const procedure = readCodeValue(findChildren(root, C.procedureReported)[0] ?? null);
  if (isConcept(procedure, ...CT_PROCEDURE_CODES)) return 'CT';
  if (isConcept(procedure, ...PROJECTION_PROCEDURE_CODES, ...MAMMOGRAPHY_PROCEDURE_CODES)) {
    return 'PROJECTION';
  }
  if (findDescendants(root, C.ctAcquisition, C.ctAccumulatedDoseData).length > 0) return 'CT';
  if (findDescendants(root, C.irradiationEventXRayData, C.accumulatedXRayDoseData).length > 0) {
    return 'PROJECTION';
  }
  return null;
};

const parseCtEvent = (container: SrItem, warnings: string[]): DoseEvent => {
  const targetRegion = readCodeValue(findFirstDescendant(container, C.targetRegion));
  const uid = readUidValue(findFirstDescendant(container, C.irradiationEventUid));
  const label = `CT event ${uid ?? '(no UID)'}`;
  return {
    template: 'CT',
    irradiationEventUid: uid,
    eventType: readCodeValue(findFirstDescendant(container, C.ctAcquisitionType)),
    acquisitionProtocol: readTextValue(findFirstDescendant(container, C.acquisitionProtocol)),
    targetRegion,
    bodyRegion: mapTargetRegion(targetRegion),
    startedAt: null,
    meanCtdiVolMgy: convertMeasurement(
      measurementAt(container, C.meanCtdiVol),
      convertToMgy,
      `${label} mean CTDIvol`,
      warnings,
    ),
    dlpMgyCm: convertMeasurement(
      measurementAt(container, C.dlp),
      convertToMgyCm,
      `${label} DLP`,
      warnings,
    ),
    phantomType: readCodeValue(findFirstDescendant(container, C.ctdiwPhantomType)),
    effectiveDoseMsv: convertMeasurement(
      measurementAt(container, C.effectiveDose),
      convertToMsv,
      `${label} effective dose`,
      warnings,
    ),
    acquisitionPlane: null,
    dapGyCm2: null,
    doseRpMgy: null,
    irradiationDurationS: null,
    averageGlandularDoseMgy: null,
    isFluoroscopy: false,
  };
};

const parseProjectionEvent = (
  container: SrItem,
  offsetMinutes: number | null,
  warnings: string[],
): DoseEvent => {
  const targetRegion = readCodeValue(findFirstDescendant(container, C.targetRegion));
  const eventType = readCodeValue(findFirstDescendant(container, C.irradiationEventType));
  const uid = readUidValue(findFirstDescendant(container, C.irradiationEventUid));
  const label = `projection event ${uid ?? '(no UID)'}`;
  return {
    template: 'PROJECTION',
    irradiationEventUid: uid,
    eventType,
    acquisitionProtocol: readTextValue(findFirstDescendant(container, C.acquisitionProtocol)),
    targetRegion,
    bodyRegion: mapTargetRegion(targetRegion),
    startedAt:
      parseDicomDateTime(
        readDateTimeValue(findFirstDescendant(container, C.dateTimeStarted)),
        offsetMinutes,
      )?.utc ?? null,
    meanCtdiVolMgy: null,
    dlpMgyCm: null,
    phantomType: null,
    effectiveDoseMsv: null,
    acquisitionPlane: readCodeValue(findFirstDescendant(container, C.acquisitionPlane)),
    dapGyCm2: convertMeasurement(
      measurementAt(container, C.doseAreaProduct),
      convertToGyCm2,
      `${label} DAP`,
      warnings,
    ),
    doseRpMgy: convertMeasurement(
      measurementAt(container, C.doseRp),
      convertToMgy,
      `${label} dose (RP)`,
      warnings,
    ),
    irradiationDurationS: convertMeasurement(
      measurementAt(container, C.irradiationDuration),
      convertToSeconds,
      `${label} irradiation duration`,
      warnings,
    ),
    averageGlandularDoseMgy: convertMeasurement(
      measurementAt(container, C.averageGlandularDose),
      convertToMgy,
      `${label} average glandular dose`,
      warnings,
    ),
    isFluoroscopy:
      isConcept(eventType, ...FLUOROSCOPY_EVENT_CODES) ||
      eventType?.codeMeaning?.toLowerCase() === 'fluoroscopy',
  };
};

const EMPTY_TOTALS: DoseReportTotals = {
  declaredEventCount: null,
  dlpTotalMgyCm: null,
  dapTotalGyCm2: null,
  doseRpTotalMgy: null,
  fluoroDapTotalGyCm2: null,
  fluoroDoseRpTotalMgy: null,
  fluoroTimeTotalS: null,
  acquisitionDapTotalGyCm2: null,
  acquisitionDoseRpTotalMgy: null,
  acquisitionTimeTotalS: null,
};

const parseCtTotals = (root: SrItem, warnings: string[]) => {
  const accumulated = findFirstDescendant(root, C.ctAccumulatedDoseData);
  if (accumulated === null) {
    return {
      totals: EMPTY_TOTALS,
      dlpTotal: null,
      effectiveDoseTotalMsv: null,
    };
  }
  const dlpTotal = measurementAt(accumulated, C.ctDoseLengthProductTotal);
  const eventCount = measurementAt(accumulated, C.totalNumberOfIrradiationEvents);
  return {
    totals: {
      ...EMPTY_TOTALS,
      declaredEventCount: eventCount === null ? null : Math.round(eventCount.value),
      dlpTotalMgyCm: convertMeasurement(dlpTotal, convertToMgyCm, 'DLP total', warnings),
    },
    dlpTotal,
    effectiveDoseTotalMsv: convertMeasurement(
      measurementAt(accumulated, C.ctEffectiveDoseTotal),
      convertToMsv,
      'CT effective dose total',
      warnings,
    ),
  };
};

/** Projection totals, summed over the accumulated containers (one per plane). */
const parseProjectionTotals = (root: SrItem, warnings: string[]) => {
  const planes = findDescendants(root, C.accumulatedXRayDoseData);
  const total = (
    concept: ConceptCode,
    convert: (value: number, unit: string) => number | null,
    label: string,
  ): number | null =>
    sumKnown(
      planes.map((plane) =>
        convertMeasurement(measurementAt(plane, concept), convert, label, warnings),
      ),
    );
  const [firstPlane] = planes;
  return {
    totals: {
      ...EMPTY_TOTALS,
      dapTotalGyCm2: total(C.doseAreaProductTotal, convertToGyCm2, 'DAP total'),
      doseRpTotalMgy: total(C.doseRpTotal, convertToMgy, 'dose (RP) total'),
      fluoroDapTotalGyCm2: total(C.fluoroDoseAreaProductTotal, convertToGyCm2, 'fluoro DAP total'),
      fluoroDoseRpTotalMgy: total(C.fluoroDoseRpTotal, convertToMgy, 'fluoro dose (RP) total'),
      fluoroTimeTotalS: total(C.totalFluoroTime, convertToSeconds, 'total fluoro time'),
      acquisitionDapTotalGyCm2: total(
        C.acquisitionDoseAreaProductTotal,
        convertToGyCm2,
        'acquisition DAP total',
      ),
      acquisitionDoseRpTotalMgy: total(
        C.acquisitionDoseRpTotal,
        convertToMgy,
        'acquisition dose (RP) total',
      ),
      acquisitionTimeTotalS: total(
        C.totalAcquisitionTime,
        convertToSeconds,
        'total acquisition time',
      ),
    },
    dapTotal: firstPlane ? measurementAt(firstPlane, C.doseAreaProductTotal) : null,
    doseRpTotal: firstPlane ? measurementAt(firstPlane, C.doseRpTotal) : null,
  };
};

const isMammography = (root: SrItem): boolean =>
  isConcept(
    readCodeValue(findChildren(root, C.procedureReported)[0] ?? null),
    ...MAMMOGRAPHY_PROCEDURE_CODES,
  ) || findDescendants(root, C.accumulatedAverageGlandularDose, C.averageGlandularDose).length > 0;

const classifyModality = (
  template: DoseReportTemplate,
  root: SrItem,
  events: readonly DoseEvent[],
  totals: DoseReportTotals,
): DoseReport['modality'] => {
  if (template === 'CT') return 'CT';
  if (isMammography(root)) return 'MG';
  const hasFluoroscopy =
    events.some((event) => event.isFluoroscopy) || (totals.fluoroTimeTotalS ?? 0) > 0;
  return hasFluoroscopy ? 'RF' : 'DX';
};

const readSex = (value: unknown): DoseReport['patientSex'] => {
  const sex = readString(value)?.toUpperCase();
  return sex === 'F' || sex === 'M' || sex === 'O' ? sex : null;
};

/**
 * Parses one DICOM Radiation Dose Structured Report (root concept 113701, CT TID 10011 or
 * projection X-ray TID 10001) into a typed report. Never throws: a file that is empty, not
 * DICOM, truncated, not a dose report, or missing its Study Instance UID gives `ok: false` with
 * a one-sentence reason.
 *
 * Study date and time carry no zone in DICOM: the file's Timezone Offset From UTC is applied
 * when present, else the local time is assumed to be UTC (`performedAtLocal` keeps it as
 * encoded for a caller that knows the site's zone).
 */
export const parseDoseReport = (
  buffer: ArrayBuffer | Uint8Array,
  options: ParseDoseReportOptions = {},
): DoseReportParseResult => {
  try {
    const read = readDataset(buffer);
    if (!read.ok) return read.result;
    return interpretDataset(read.dataset, options);
  } catch (error) {
    // A dataset shaped in a way no check above foresaw: report it rather than crash the folder.
    const detail = error instanceof Error ? error.message : String(error);
    return reject('unreadable', `the DICOM file could not be read as a dose report (${detail})`);
  }
};

const interpretDataset = (
  dataset: SrItem,
  options: ParseDoseReportOptions,
): DoseReportParseResult => {
  const rootConcept = readConceptName(dataset);
  if (!isConcept(rootConcept, C.xRayRadiationDoseReport)) {
    const found = rootConcept
      ? `its root concept is ${rootConcept.codeValue} (${rootConcept.codeMeaning ?? 'no meaning'})`
      : 'it has no root concept (not a structured report)';
    return reject(
      'not_dose_report',
      `not a radiation dose report: ${found}, not 113701 (X-Ray Radiation Dose Report)`,
    );
  }
  const studyInstanceUid = readString(dataset.StudyInstanceUID);
  if (studyInstanceUid === null) {
    return reject('missing_study_instance_uid', 'the dose report has no Study Instance UID');
  }
  const sopInstanceUid = readString(dataset.SOPInstanceUID);
  if (sopInstanceUid === null) {
    return reject('missing_sop_instance_uid', 'the dose report has no SOP Instance UID');
  }
  if (toItems(dataset.ContentSequence).length === 0) {
    return reject('no_content', 'the dose report has no content items (empty or cut short)');
  }
  const template = detectTemplate(dataset);
  if (template === null) {
    return reject(
      'unsupported_template',
      'the dose report is neither a CT (TID 10011) nor a projection X-ray (TID 10001) report',
    );
  }

  const warnings: string[] = [];
  const offsetMinutes = parseUtcOffsetMinutes(readString(dataset.TimezoneOffsetFromUTC));
  const events =
    template === 'CT'
      ? findDescendants(dataset, C.ctAcquisition).map((item) => parseCtEvent(item, warnings))
      : findDescendants(dataset, C.irradiationEventXRayData).map((item) =>
          parseProjectionEvent(item, offsetMinutes, warnings),
        );
  const missingUids = events.filter((event) => event.irradiationEventUid === null).length;
  if (missingUids > 0) {
    warnings.push(
      `${missingUids} irradiation event(s) without an Irradiation Event UID: they cannot be matched across reports`,
    );
  }

  const ct = template === 'CT' ? parseCtTotals(dataset, warnings) : null;
  const projection = template === 'PROJECTION' ? parseProjectionTotals(dataset, warnings) : null;
  const totals = ct?.totals ?? projection?.totals ?? EMPTY_TOTALS;

  // Study date and time, falling back to the start of irradiation when the header lacks them.
  const studyDate = parseDicomDate(readString(dataset.StudyDate));
  const performed =
    studyDate !== null
      ? combineDateAndTime(studyDate, parseDicomTime(readString(dataset.StudyTime)), offsetMinutes)
      : parseDicomDateTime(
          readDateTimeValue(findFirstDescendant(dataset, C.startOfXRayIrradiation)),
          offsetMinutes,
        );

  const patientId = readString(dataset.PatientID);
  const studyDescription = readString(dataset.StudyDescription);
  const qaMatch = detectQaStudy(
    { patientId, studyDescription },
    options.qaPatterns ?? DEFAULT_QA_PATTERNS,
  );
  const patientBirthDate = parseDicomDate(readString(dataset.PatientBirthDate));
  const patientAge = readString(dataset.PatientAge);
  const effectiveDoseOfEvents = sumKnown(events.map((event) => event.effectiveDoseMsv));

  const report: DoseReport = {
    sopInstanceUid,
    studyInstanceUid,
    accessionNumber: readString(dataset.AccessionNumber),
    patientId,
    patientBirthDate,
    patientSex: readSex(dataset.PatientSex),
    patientAge,
    patientAgeYears:
      parseDicomAgeYears(patientAge) ??
      computeAgeYears(patientBirthDate, performed?.local.slice(0, 10) ?? null),
    studyDate: studyDate ?? performed?.local.slice(0, 10) ?? null,
    performedAt: performed?.utc ?? null,
    performedAtLocal: performed?.local ?? null,
    studyDescription,
    manufacturer: readString(dataset.Manufacturer),
    manufacturerModelName: readString(dataset.ManufacturerModelName),
    template,
    modality: classifyModality(template, dataset, events, totals),
    isQa: qaMatch !== null,
    qaMatch,
    totals,
    encodedTotals: {
      dlpTotal: ct?.dlpTotal ?? null,
      dapTotal: projection?.dapTotal ?? null,
      doseRpTotal: projection?.doseRpTotal ?? null,
    },
    recordedEffectiveDoseMsv: ct?.effectiveDoseTotalMsv ?? effectiveDoseOfEvents,
    events,
    warnings,
  };
  return { ok: true, report };
};
