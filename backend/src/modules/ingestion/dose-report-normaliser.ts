import type { EntityManager } from 'typeorm';
import type { DoseReport } from './adapters/rdsr/dose-report.types.js';
import { mergeStudyReports, type DoseStudy } from './adapters/rdsr/merge-study-events.js';
import type { CodedConcept } from './adapters/rdsr/sr-content.js';
import {
  COUNT_RUN,
  CREATE_PATIENTS_FROM_STUDIES,
  CREATE_RDSR_TEMP_TABLES,
  DELETE_OBSOLETE_RDSR_EXAMS,
  FILL_RUN_STUDIES,
  FIND_RIS_EXAMS,
  INSERT_DOSE_REPORT_REJECTIONS,
  INSERT_DOSE_REPORT_WARNINGS,
  SELECT_RUN_STUDY_BATCH,
  SELECT_STUDY_REPORTS,
  SET_STUDY_EXAMS,
  TOUCH_CHANGED_STUDY_PATIENTS,
  UPSERT_EVENTS,
  UPSERT_RDSR_EXAMS,
  UPSERT_STUDIES,
} from './dose-report-normaliser.sql.js';

/**
 * The dose-report normaliser: landed dose reports (landing_dose_reports, written by the RDSR
 * adapter) into the model's dose-report studies and events, linked to their exams. The dose of
 * a study (its rdsr_estimate) is the dose step's: the caller passes it in as `estimate`, run
 * over the studies in the temporary table rdsr_run_studies, recording the studies it changed
 * in rdsr_changed_studies.
 */

const MERGE_BATCH_STUDIES = 500;

/**
 * Estimates the dose of the dose-report studies listed in rdsr_run_studies (the run's, or all)
 * and adds the studies whose estimate changed to rdsr_changed_studies; `runId` (null: none)
 * marks the rows it changes. Provided by the dose step.
 */
export type EstimateDoseReports = (manager: EntityManager, runId: number | null) => Promise<void>;

/** An event's key within its study: its UID, else its position in its report (as the merge). */
const withEventKeys = (report: DoseReport): DoseReport => ({
  ...report,
  events: report.events.map((event, index) =>
    event.irradiationEventUid === null
      ? { ...event, irradiationEventUid: `${report.sopInstanceUid}#${index}` }
      : event,
  ),
});

const describeCode = (concept: CodedConcept | null): string | null =>
  concept === null ? null : (concept.codeMeaning ?? concept.codeValue);

const describeCodeWithScheme = (concept: CodedConcept | null): string | null =>
  concept === null
    ? null
    : `${concept.codingSchemeDesignator}:${concept.codeValue}${concept.codeMeaning ? ` ${concept.codeMeaning}` : ''}`;

/** The study's region: that of the event with the most DLP (CT) or DAP, else the first named. */
export const pickStudyBodyRegion = (study: DoseStudy): string | null => {
  const dose = (event: DoseStudy['events'][number]): number =>
    event.dlpMgyCm ?? event.dapGyCm2 ?? -1;
  const withRegion = study.events.filter((event) => event.bodyRegion !== null);
  if (withRegion.length === 0) return null;
  const largest = withRegion.reduce((best, event) => (dose(event) > dose(best) ? event : best));
  return largest.bodyRegion;
};

/**
 * Timestamps without a zone are read in the site's time zone (the session's): the parser gives
 * the local time as UTC when the file has no Timezone Offset From UTC.
 */
const toPerformedAtText = (study: DoseStudy): string | null => {
  if (study.performedAt === null) return null;
  if (study.performedAtLocal !== null && study.performedAt === `${study.performedAtLocal}Z`) {
    return study.performedAtLocal;
  }
  return study.performedAt;
};

export const toStudyRow = (study: DoseStudy) => ({
  study_instance_uid: study.studyInstanceUid,
  sop_instance_uids: study.sopInstanceUids,
  accession_number: study.accessionNumber,
  patient_id: study.patientId,
  patient_birth_date: study.patientBirthDate,
  patient_sex: study.patientSex,
  patient_age_years: study.patientAgeYears,
  study_date: study.studyDate,
  performed_at: toPerformedAtText(study),
  study_description: study.studyDescription,
  manufacturer: study.manufacturer,
  manufacturer_model_name: study.manufacturerModelName,
  modality: study.modality,
  body_region: pickStudyBodyRegion(study),
  events: study.eventCount,
  ctdivol_max_mgy: study.ctdiVolMaxMgy,
  dlp_total_mgycm: study.dlpTotalMgyCm.value,
  dlp_total_source: study.dlpTotalMgyCm.source,
  dap_total_gycm2: study.dapTotalGyCm2.value,
  dap_total_source: study.dapTotalGyCm2.source,
  dose_rp_total_mgy: study.doseRpTotalMgy.value,
  dose_rp_total_source: study.doseRpTotalMgy.source,
  fluoro_time_total_s: study.fluoroTimeTotalS.value,
  recorded_effective_dose_msv: study.recordedEffectiveDoseMsv.value,
  is_qa: study.isQa,
  qa_match: study.qaMatch === null ? null : `${study.qaMatch.field}: ${study.qaMatch.pattern}`,
  merge_warnings: study.warnings,
});

export const toEventRows = (study: DoseStudy) =>
  study.events.map((event, index) => ({
    study_instance_uid: study.studyInstanceUid,
    irradiation_event_uid: event.irradiationEventUid as string,
    position: index + 1,
    template: event.template,
    event_type: describeCode(event.eventType),
    acquisition_protocol: event.acquisitionProtocol,
    target_region: describeCodeWithScheme(event.targetRegion),
    body_region: event.bodyRegion,
    started_at: event.startedAt,
    ctdivol_mgy: event.meanCtdiVolMgy,
    dlp_mgycm: event.dlpMgyCm,
    phantom_type: describeCode(event.phantomType),
    recorded_effective_dose_msv: event.effectiveDoseMsv,
    acquisition_plane: describeCode(event.acquisitionPlane),
    dap_gycm2: event.dapGyCm2,
    dose_rp_mgy: event.doseRpMgy,
    irradiation_duration_s: event.irradiationDurationS,
    average_glandular_dose_mgy: event.averageGlandularDoseMgy,
    is_fluoroscopy: event.isFluoroscopy,
  }));

/** Merges every report ever received for the given studies and upserts studies and events. */
async function mergeStudies(
  manager: EntityManager,
  runId: number,
  studyInstanceUids: readonly string[],
): Promise<void> {
  const rows: { study_instance_uid: string; report: DoseReport }[] = await manager.query(
    SELECT_STUDY_REPORTS,
    [runId, studyInstanceUids],
  );
  const studies = mergeStudyReports(rows.map((row) => withEventKeys(row.report)));
  await manager.query(UPSERT_STUDIES, [runId, JSON.stringify(studies.map(toStudyRow))]);
  await manager.query(UPSERT_EVENTS, [runId, JSON.stringify(studies.flatMap(toEventRows))]);
}

export interface DoseReportCounts {
  readonly read: number;
  readonly rejected: number;
  readonly warned: number;
  readonly studies: number;
}

/**
 * After any other load: dose-report studies of the touched patients are linked again, so a
 * RIS exam that arrives after its dose report takes over from the study's own exam instead of
 * counting the dose twice.
 */
export async function relinkDoseReportStudies(
  manager: EntityManager,
  runId: number,
): Promise<void> {
  for (const sql of CREATE_RDSR_TEMP_TABLES) await manager.query(sql);
  const inserted = await manager.query(
    `INSERT INTO rdsr_run_studies
     SELECT s.study_instance_uid FROM dose_report_studies s
     WHERE NOT s.is_qa AND s.patient_id IN (SELECT patient_id FROM touched_patients)
     ON CONFLICT DO NOTHING`,
  );
  if (Array.isArray(inserted) && inserted[1] === 0) return;
  await manager.query(FIND_RIS_EXAMS);
  await manager.query(DELETE_OBSOLETE_RDSR_EXAMS);
  await manager.query(UPSERT_RDSR_EXAMS, [runId]);
  await manager.query(SET_STUDY_EXAMS);
  await manager.query(TOUCH_CHANGED_STUDY_PATIENTS);
}

/**
 * Every study's rdsr_estimate again under another coefficient method (after `settings set
 * dose.method`), by the dose step's `estimate`; the dose recomputation that follows carries the
 * new values into the exams.
 */
export async function reestimateAllDoseReports(
  manager: EntityManager,
  estimate: EstimateDoseReports,
): Promise<void> {
  for (const sql of CREATE_RDSR_TEMP_TABLES) await manager.query(sql);
  await manager.query(
    'INSERT INTO rdsr_run_studies SELECT study_instance_uid FROM dose_report_studies ON CONFLICT DO NOTHING',
  );
  await estimate(manager, null);
}

/**
 * The dose-report normaliser, in the load's transaction after the shared normaliser (which
 * created touched_patients): rejections and warnings of the run; each study of the run merged
 * over every report received for it; patients created from reports when unknown; links to RIS
 * exams, or a study's own `rdsr` exam; rdsr_estimate per event and study (`estimate`, the dose
 * step's); touched patients.
 */
export async function normaliseDoseReports(
  manager: EntityManager,
  runId: number,
  estimate: EstimateDoseReports,
): Promise<DoseReportCounts> {
  for (const sql of CREATE_RDSR_TEMP_TABLES) await manager.query(sql);
  await manager.query(INSERT_DOSE_REPORT_REJECTIONS, [runId]);
  await manager.query(INSERT_DOSE_REPORT_WARNINGS, [runId]);
  await manager.query(FILL_RUN_STUDIES, [runId]);

  let after = '';
  for (;;) {
    const batch: { study_instance_uid: string }[] = await manager.query(SELECT_RUN_STUDY_BATCH, [
      after,
      MERGE_BATCH_STUDIES,
    ]);
    if (batch.length === 0) break;
    await mergeStudies(
      manager,
      runId,
      batch.map((row) => row.study_instance_uid),
    );
    after = batch[batch.length - 1]!.study_instance_uid;
  }

  await manager.query(CREATE_PATIENTS_FROM_STUDIES, [runId]);
  await manager.query(FIND_RIS_EXAMS);
  await manager.query(DELETE_OBSOLETE_RDSR_EXAMS);
  await manager.query(UPSERT_RDSR_EXAMS, [runId]);
  await manager.query(SET_STUDY_EXAMS);
  await estimate(manager, runId);
  await manager.query(TOUCH_CHANGED_STUDY_PATIENTS);
  // the dose step joins exams to their studies: give the planner this load's row counts
  await manager.query('ANALYZE dose_report_studies');

  const [counts] = await manager.query(COUNT_RUN, [runId]);
  return counts as DoseReportCounts;
}
