import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import {
  FIXTURE_CODES,
  buildCtDoseReport,
  buildProjectionDoseReport,
  type FixtureCode,
} from '../ingestion/writers.js';
import { SeededRandom } from './random.js';

/**
 * Synthetic DICOM Radiation Dose SRs for a generated CSV hospital (`generate --format rdsr`):
 * one report per CT exam (TID 10011) and per fluoroscopy exam (RF, XA; TID 10001) of
 * exams.csv, with the exam's accession number, patient and time, so `import rdsr` links each
 * report to its RIS exam. A CT report splits the exam's DLP (or, when the RIS has none, a DLP
 * typical of the region) over one to three events; some reports are written as a growing
 * resend (a first report with the first events, then the full one), as scanners do.
 */

export interface GenerateDoseReportsOptions {
  readonly examsCsv: string;
  readonly patientsCsv: string;
  readonly outDir: string;
  readonly seed: number;
  /** Share of CT studies also written as an earlier, partial report (default 0.1). */
  readonly resendShare?: number;
  readonly onProgress?: (written: number) => void;
}

export interface GenerateDoseReportsSummary {
  readonly examsRead: number;
  readonly ctReports: number;
  readonly fluoroscopyReports: number;
  readonly resends: number;
  readonly files: number;
}

/** UID root for synthetic studies (the project's implementation root, then "2"). */
const UID_ROOT = '1.2.826.0.1.3680043.10.1387.2';

const TYPICAL_DLP_MGYCM: Readonly<Record<string, number>> = {
  HEAD: 900,
  NECK: 450,
  CHEST: 400,
  ABDOMEN: 500,
  PELVIS: 450,
  ABDOMEN_PELVIS: 650,
  CHEST_ABDOMEN_PELVIS: 900,
  SPINE: 600,
  CARDIAC: 350,
  WHOLE_BODY: 1000,
};

const REGION_CODES: Readonly<Record<string, FixtureCode>> = {
  HEAD: FIXTURE_CODES.head,
  NECK: { codeValue: 'T-D1600', codingSchemeDesignator: 'SRT', codeMeaning: 'Neck' },
  CHEST: FIXTURE_CODES.chest,
  ABDOMEN: FIXTURE_CODES.abdomen,
  PELVIS: FIXTURE_CODES.pelvis,
  ABDOMEN_PELVIS: {
    codeValue: '818981001',
    codingSchemeDesignator: 'SCT',
    codeMeaning: 'Abdomen and Pelvis',
  },
  CHEST_ABDOMEN_PELVIS: {
    codeValue: '416775004',
    codingSchemeDesignator: 'SCT',
    codeMeaning: 'Chest, Abdomen and Pelvis',
  },
  SPINE: { codeValue: 'T-11500', codingSchemeDesignator: 'SRT', codeMeaning: 'Spine' },
  CARDIAC: { codeValue: 'T-32000', codingSchemeDesignator: 'SRT', codeMeaning: 'Heart' },
  WHOLE_BODY: FIXTURE_CODES.entireBody,
  EXTREMITY: { codeValue: 'T-D8800', codingSchemeDesignator: 'SRT', codeMeaning: 'Arm' },
};

type CsvRow = Record<string, string>;

async function* readCsvRows(file: string): AsyncGenerator<CsvRow> {
  const parser = createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true }));
  for await (const row of parser) yield row as CsvRow;
}

const toDicomDate = (isoDate: string): string => isoDate.slice(0, 10).replaceAll('-', '');

/** DICOM DA and TM of an ISO timestamp, in UTC, with the offset written as +0000. */
const toDicomDateTime = (timestamp: string): { date: string; time: string } => {
  const instant = new Date(timestamp);
  const iso = instant.toISOString();
  return { date: toDicomDate(iso), time: iso.slice(11, 19).replaceAll(':', '') };
};

const roundTo = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/** Splits a total into `parts` positive shares that sum to it (to 0.01). */
const splitTotal = (total: number, parts: number, random: SeededRandom): number[] => {
  const weights = Array.from({ length: parts }, () => random.uniform(0.2, 1));
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const shares = weights.map((weight) => roundTo((total * weight) / weightSum, 2));
  const rest = roundTo(total - shares.slice(1).reduce((sum, share) => sum + share, 0), 2);
  return [rest, ...shares.slice(1)];
};

export async function generateDoseReports(
  options: GenerateDoseReportsOptions,
): Promise<GenerateDoseReportsSummary> {
  const random = new SeededRandom(options.seed);
  const resendShare = options.resendShare ?? 0.1;
  const patients = new Map<string, { birthDate: string; sex: string }>();
  for await (const row of readCsvRows(options.patientsCsv)) {
    patients.set(row.patient_id ?? '', { birthDate: row.birth_date ?? '', sex: row.sex ?? '' });
  }
  await mkdir(options.outDir, { recursive: true });

  let examsRead = 0;
  let ctReports = 0;
  let fluoroscopyReports = 0;
  let resends = 0;
  let files = 0;
  const write = async (name: string, buffer: ArrayBuffer) => {
    await writeFile(path.join(options.outDir, name), Buffer.from(buffer));
    files += 1;
    options.onProgress?.(files);
  };

  for await (const exam of readCsvRows(options.examsCsv)) {
    examsRead += 1;
    const modality = (exam.modality ?? '').toUpperCase();
    if (!['CT', 'RF', 'XA'].includes(modality)) continue;
    const patient = patients.get(exam.patient_id ?? '');
    const { date, time } = toDicomDateTime(exam.performed_at ?? '');
    const region = (exam.body_region ?? '').toUpperCase();
    const studyInstanceUid = `${UID_ROOT}.${options.seed}.${examsRead}`;
    const study = {
      studyInstanceUid,
      accessionNumber: exam.accession ?? '',
      patientId: exam.patient_id ?? '',
      patientBirthDate: patient ? toDicomDate(patient.birthDate) : undefined,
      patientSex: (['F', 'M', 'O'].includes(patient?.sex ?? '') ? patient?.sex : undefined) as
        'F' | 'M' | 'O' | undefined,
      studyDate: date,
      studyTime: time,
      timezoneOffsetFromUtc: '+0000',
      studyDescription: exam.procedure || undefined,
    };
    const targetRegion = REGION_CODES[region] ?? FIXTURE_CODES.chest;
    const baseName = `${String(examsRead).padStart(7, '0')}`;

    if (modality === 'CT') {
      const dlpTotal = Number(exam.dlp_mgycm) || TYPICAL_DLP_MGYCM[region] || 500;
      const parts = random.integer(1, 3);
      const events = splitTotal(dlpTotal, parts, random).map((dlpMgyCm) => ({
        targetRegion,
        meanCtdiVolMgy: roundTo(random.uniform(3, 20), 2),
        dlpMgyCm,
      }));
      if (events.length > 1 && random.chance(resendShare)) {
        await write(
          `${baseName}-a.dcm`,
          buildCtDoseReport({ ...study, events: events.slice(0, 1) }),
        );
        resends += 1;
      }
      await write(`${baseName}.dcm`, buildCtDoseReport({ ...study, events }));
      ctReports += 1;
    } else {
      const parts = random.integer(2, 6);
      const events = Array.from({ length: parts }, (_, index) => ({
        eventType: index === parts - 1 ? ('STATIONARY' as const) : ('FLUOROSCOPY' as const),
        targetRegion,
        dapGyCm2: roundTo(random.uniform(0.5, 15), 4),
        doseRpMgy: roundTo(random.uniform(5, 80), 3),
        irradiationDurationS: roundTo(random.uniform(5, 120), 1),
      }));
      await write(`${baseName}.dcm`, buildProjectionDoseReport({ ...study, events }));
      fluoroscopyReports += 1;
    }
  }
  return { examsRead, ctReports, fluoroscopyReports, resends, files };
}
