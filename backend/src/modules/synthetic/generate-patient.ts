/**
 * One patient of the demo hospital: who they are, their imaging history before the window (exams
 * with no order), and their orders in the window with what became of each (changes, exams, the
 * truth). Patients are independent, so the hospital can be streamed patient by patient.
 */
import type { Modality } from '../ingestion/import-format.js';
import {
  findIndicationGroup,
  isIonizing,
  isOpportunity,
  rateModalities,
} from './appropriateness.js';
import type { ModalityRatings } from './appropriateness.js';
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_YEAR,
  computeAgeYears,
  subtractCalendarMonths,
} from './calendar.js';
import { summariseDoseHistory } from './dose-history.js';
import type { DoseHistory } from './dose-history.js';
import { estimateEffectiveDoseMsv } from './estimate-effective-dose.js';
import type { Clinician, HospitalStaff } from './hospital-staff.js';
import {
  BETTER_TEST_REASONS,
  CASCADE_COMMENTS,
  CONTENTLESS_REASONS,
  CONTRAST_ALLERGY_COMMENTS,
  CONTRAST_ALLERGY_REASONS,
  CT_CHEST_ABDOMEN_PELVIS,
  DEPARTMENTS,
  DOSE_ENTRY_COMMENTS,
  DOSE_REASONS,
  DOSE_REASONS_WITH_CED,
  DOSE_REASONS_WITH_CT_COUNT,
  INDICATIONS,
  INDICATION_BY_KEY,
  MG_SCREENING,
  NEGATED_DOSE_COMMENTS,
  NEGATED_DOSE_REASONS,
  OPERATIONAL_REASONS,
  PAEDIATRIC_COMMENTS,
  PATIENT_REFUSAL_CODES,
  PATIENT_REFUSAL_REASONS,
  PET_CT,
  PREGNANCY_REASONS,
  PREMEDICATION_COMMENTS,
  PRIOR_RESULT_REASONS,
  RENAL_COMMENTS,
  RENAL_REASONS,
  SCREENING_HISTORY,
} from './hospital-model.data.js';
import type {
  DepartmentName,
  IndicationSpec,
  PatientKind,
  ProcedureSpec,
  SettingCode,
} from './hospital-model.data.js';
import type {
  ExamRecord,
  OrderChangeRecord,
  OrderRecord,
  PatientRecord,
  TruthRecord,
} from './hospital-records.js';
import { CASCADE_FOLLOW_UP_SCENARIO, chooseOrderScenario } from './order-scenario.js';
import type { OrderScenario, SteeringStyle, TruthCategory } from './order-scenario.js';
import type { SeededRandom, WeightedItem } from './random.js';
import type { Population, ReferenceTables } from './reference-tables.js';

export interface GenerationContext {
  readonly random: SeededRandom;
  readonly tables: ReferenceTables;
  readonly staff: HospitalStaff;
  readonly historyStartMs: number;
  readonly windowStartMs: number;
  /** Exclusive: nothing happens at or after it. */
  readonly windowEndMs: number;
  readonly steeringStyle: SteeringStyle;
  /** Share of HIGH-band opportunities a steering clinician steers (default in order-scenario). */
  readonly steerRate?: number;
  /** Silent switches with no dose motive per opportunity (default in order-scenario). */
  readonly silentSwitchRate?: number;
  /** Running order number, shared by all patients. */
  orderSequence: number;
}

export interface GeneratedPatient {
  readonly patient: PatientRecord;
  readonly orders: readonly OrderRecord[];
  readonly changes: readonly OrderChangeRecord[];
  /** Sorted by performed time. */
  readonly exams: readonly ExamRecord[];
  readonly truth: readonly TruthRecord[];
  readonly cedAllTimeMsv: number;
  readonly ctExamCount: number;
}

type Profile = 'GENERAL' | 'ONCOLOGY' | 'STONE_FORMER' | 'NODULE' | 'CROHN' | 'FREQUENT_ED';

interface ImagingEvent {
  readonly timeMs: number;
  readonly indication: IndicationSpec;
  readonly procedure?: ProcedureSpec;
  readonly department?: DepartmentName;
  readonly clinician?: Clinician;
  readonly cascadeOf?: { readonly alternativeModality: Modality };
}

interface PatientTraits {
  readonly record: PatientRecord;
  readonly profile: Profile;
  readonly contrastAllergy: boolean;
  readonly ckdStage4: boolean;
  readonly egfrBaseline: number;
  readonly pregnancy: { readonly startMs: number; readonly endMs: number } | null;
  readonly cancerCode: string | null;
  readonly oncologist: Clinician | null;
}

const MONTH_MS = MS_PER_YEAR / 12;
const PENDING_HORIZON_MS = 30 * MS_PER_DAY;

const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (_match, key: string) => String(values[key] ?? ''));

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

// ----- Who the patient is --------------------------------------------------------------------

const drawAgeYears = (random: SeededRandom): number => {
  const band = random.next();
  if (band < 0.12) return random.integer(0, 17);
  if (band < 0.67) return random.integer(18, 64);
  return random.integer(65, 95);
};

const drawProfile = (random: SeededRandom, ageYears: number): Profile => {
  if (ageYears < 18) return 'GENERAL';
  const oncology = ageYears < 50 ? 0.005 : ageYears < 65 ? 0.015 : 0.025;
  const weights: WeightedItem<Profile>[] = [
    { item: 'ONCOLOGY', weight: oncology },
    { item: 'STONE_FORMER', weight: 0.02 },
    { item: 'NODULE', weight: ageYears >= 40 ? 0.02 : 0 },
    { item: 'CROHN', weight: ageYears < 60 ? 0.006 : 0 },
    { item: 'FREQUENT_ED', weight: 0.012 },
  ];
  const special = weights.reduce((sum, entry) => sum + entry.weight, 0);
  return random.chance(special) ? random.pickWeighted(weights) : 'GENERAL';
};

const drawTraits = (
  context: GenerationContext,
  patientId: string,
  random: SeededRandom,
): PatientTraits => {
  const ageAtEnd = drawAgeYears(random);
  const birthDateMs =
    Math.floor((context.windowEndMs - (ageAtEnd + random.next()) * MS_PER_YEAR) / MS_PER_DAY) *
    MS_PER_DAY;
  const sexDraw = random.next();
  const sex = sexDraw < 0.51 ? 'F' : sexDraw < 0.995 ? 'M' : 'U';
  const profile = drawProfile(random, ageAtEnd);
  const elderly = ageAtEnd >= 65;
  const ckdStage4 = ageAtEnd >= 18 && random.chance(elderly ? 0.04 : 0.012);
  const egfrBaseline = ckdStage4
    ? random.integer(15, 29)
    : elderly
      ? random.integer(45, 90)
      : random.integer(75, 120);
  const ageAtWindowStart = computeAgeYears(birthDateMs, context.windowStartMs);
  let pregnancy: PatientTraits['pregnancy'] = null;
  if (sex === 'F' && ageAtWindowStart >= 16 && ageAtEnd <= 44 && random.chance(0.08)) {
    const startDrawMs = random.uniform(
      context.windowStartMs - 3 * MONTH_MS,
      context.windowEndMs - MONTH_MS,
    );
    const startMs = Math.floor(startDrawMs / MS_PER_DAY) * MS_PER_DAY;
    pregnancy = { startMs, endMs: startMs + 38 * 7 * MS_PER_DAY };
  }
  let cancerCode: string | null = null;
  let oncologist: Clinician | null = null;
  if (profile === 'ONCOLOGY') {
    const codes = (INDICATION_BY_KEY.get('CANCER_STAGING')?.codes ?? []).filter(
      (code) =>
        !(sex !== 'F' && (code === 'C50.919' || code === 'C56.9')) &&
        !(sex !== 'M' && code === 'C61'),
    );
    cancerCode = random.pick(codes);
    oncologist = random.pick(context.staff.cliniciansByDepartment.get('Oncology') ?? []);
  }
  return {
    record: { patientId, birthDateMs, sex },
    profile,
    contrastAllergy: random.chance(0.03),
    ckdStage4,
    egfrBaseline,
    pregnancy,
    cancerCode,
    oncologist,
  };
};

// ----- When the patient is imaged ------------------------------------------------------------

const kindAt = (traits: PatientTraits, timeMs: number): PatientKind => {
  if (computeAgeYears(traits.record.birthDateMs, timeMs) < 18) return 'CHILD';
  const pregnancy = traits.pregnancy;
  if (pregnancy && timeMs >= pregnancy.startMs && timeMs < pregnancy.endMs) return 'PREGNANT';
  return 'ADULT';
};

const INDICATION_WEIGHTS: Readonly<Record<PatientKind, readonly WeightedItem<IndicationSpec>[]>> = {
  CHILD: INDICATIONS.map((item) => ({ item, weight: item.weights.CHILD ?? 0 })),
  ADULT: INDICATIONS.map((item) => ({ item, weight: item.weights.ADULT ?? 0 })),
  PREGNANT: INDICATIONS.map((item) => ({ item, weight: item.weights.PREGNANT ?? 0 })),
};

const indicationOf = (key: string): IndicationSpec => {
  const indication = INDICATION_BY_KEY.get(key);
  if (!indication) throw new Error(`Unknown indication ${key}.`);
  return indication;
};

const episodeRatePerYear = (ageYears: number): number => {
  if (ageYears < 18) return 0.2;
  if (ageYears < 40) return 0.3;
  if (ageYears < 65) return 0.5;
  return 0.85;
};

const planEpisodes = (
  context: GenerationContext,
  traits: PatientTraits,
  random: SeededRandom,
): ImagingEvent[] => {
  const events: ImagingEvent[] = [];
  const startMs = Math.max(context.historyStartMs, traits.record.birthDateMs);
  const spanYears = (context.windowEndMs - startMs) / MS_PER_YEAR;
  const midAge = computeAgeYears(traits.record.birthDateMs, (startMs + context.windowEndMs) / 2);
  const count = random.poisson(episodeRatePerYear(midAge) * spanYears);
  for (let index = 0; index < count; index += 1) {
    const timeMs = random.uniform(startMs, context.windowEndMs);
    events.push({
      timeMs,
      indication: random.pickWeighted(INDICATION_WEIGHTS[kindAt(traits, timeMs)]),
    });
  }
  const pregnancy = traits.pregnancy;
  if (pregnancy) {
    const pregnancyEvents = random.integer(1, 2);
    for (let index = 0; index < pregnancyEvents; index += 1) {
      const timeMs = random.uniform(
        pregnancy.startMs,
        Math.min(pregnancy.endMs, context.windowEndMs),
      );
      if (timeMs >= context.windowStartMs) {
        events.push({ timeMs, indication: random.pickWeighted(INDICATION_WEIGHTS.PREGNANT) });
      }
    }
  }
  return events;
};

const planScreeningHistory = (
  context: GenerationContext,
  traits: PatientTraits,
  random: SeededRandom,
): ImagingEvent[] => {
  const events: ImagingEvent[] = [];
  const startMs = Math.max(context.historyStartMs, traits.record.birthDateMs);
  const historyYears = (context.windowStartMs - startMs) / MS_PER_YEAR;
  const coughIndication = indicationOf('COUGH');
  const count = random.poisson(0.12 * historyYears);
  for (let index = 0; index < count; index += 1) {
    events.push({
      timeMs: random.uniform(startMs, context.windowStartMs),
      indication: coughIndication,
      procedure: random.pickWeighted(SCREENING_HISTORY),
    });
  }
  const ageAtWindowStart = computeAgeYears(traits.record.birthDateMs, context.windowStartMs);
  if (traits.record.sex === 'F' && ageAtWindowStart >= 50 && ageAtWindowStart <= 74) {
    for (
      let timeMs = startMs + random.uniform(0, 2) * MS_PER_YEAR;
      timeMs < context.windowStartMs;
      timeMs += 2 * MS_PER_YEAR
    ) {
      if (random.chance(0.6))
        events.push({ timeMs, indication: coughIndication, procedure: MG_SCREENING });
    }
  }
  return events;
};

const planOncology = (
  context: GenerationContext,
  traits: PatientTraits,
  random: SeededRandom,
): ImagingEvent[] => {
  const indication = indicationOf('CANCER_STAGING');
  const events: ImagingEvent[] = [];
  const diagnosisMs = random.uniform(context.historyStartMs, context.windowEndMs - 2 * MONTH_MS);
  const followUpEndMs = Math.min(
    context.windowEndMs,
    diagnosisMs + random.uniform(0.5, 7) * MS_PER_YEAR,
  );
  const department: DepartmentName = 'Oncology';
  const clinician = traits.oncologist ?? undefined;
  if (random.chance(0.5))
    events.push({ timeMs: diagnosisMs, indication, procedure: PET_CT, department, clinician });
  for (let timeMs = diagnosisMs; timeMs < followUpEndMs;) {
    const procedure = random.chance(0.12) ? PET_CT : CT_CHEST_ABDOMEN_PELVIS;
    events.push({ timeMs, indication, procedure, department, clinician });
    const yearsSinceDiagnosis = (timeMs - diagnosisMs) / MS_PER_YEAR;
    const intervalMonths =
      yearsSinceDiagnosis < 1
        ? random.uniform(2, 4)
        : yearsSinceDiagnosis < 3
          ? random.uniform(3, 6)
          : random.uniform(6, 12);
    timeMs += intervalMonths * MONTH_MS;
  }
  return events;
};

const planRepeats = (
  context: GenerationContext,
  traits: PatientTraits,
  random: SeededRandom,
): ImagingEvent[] => {
  const events: ImagingEvent[] = [];
  const startMs = Math.max(context.historyStartMs, traits.record.birthDateMs + 18 * MS_PER_YEAR);
  switch (traits.profile) {
    case 'ONCOLOGY':
      return planOncology(context, traits, random);
    case 'STONE_FORMER': {
      const indication = indicationOf('RENAL_COLIC');
      for (
        let timeMs = startMs + random.exponential(12 * MONTH_MS);
        timeMs < context.windowEndMs;
        timeMs += random.exponential(14 * MONTH_MS)
      ) {
        events.push({ timeMs, indication });
      }
      return events;
    }
    case 'NODULE': {
      const indication = indicationOf('LUNG_NODULE');
      const detectionMs = random.uniform(startMs, context.windowEndMs - 3 * MONTH_MS);
      for (const months of [0, 3, 6, 12, 24]) {
        if (months > 0 && !random.chance(0.85)) break;
        events.push({ timeMs: detectionMs + months * MONTH_MS, indication });
      }
      return events;
    }
    case 'CROHN': {
      const indication = indicationOf('CROHN_DISEASE');
      for (
        let timeMs = startMs + random.exponential(10 * MONTH_MS);
        timeMs < context.windowEndMs;
        timeMs += random.exponential(10 * MONTH_MS)
      ) {
        const procedure = random.chance(0.35) ? indication.procedures[1] : indication.procedures[0];
        events.push({ timeMs, indication, procedure });
      }
      return events;
    }
    case 'FREQUENT_ED': {
      const spanStartMs = random.uniform(startMs, context.windowEndMs - MONTH_MS);
      const spanEndMs = spanStartMs + random.uniform(1, 3) * MS_PER_YEAR;
      for (
        let timeMs = spanStartMs;
        timeMs < Math.min(spanEndMs, context.windowEndMs);
        timeMs += random.exponential(2.5 * MONTH_MS)
      ) {
        events.push({
          timeMs,
          indication: random.pickWeighted(INDICATION_WEIGHTS[kindAt(traits, timeMs)]),
          department: 'Emergency',
        });
      }
      return events;
    }
    case 'GENERAL':
      return events;
  }
};

// ----- Procedures, exams, doses --------------------------------------------------------------

const populationOf = (kind: PatientKind): Population =>
  kind === 'CHILD' ? 'PEDIATRIC' : kind === 'PREGNANT' ? 'PREGNANT' : 'ADULT';

const ratingOf = (ratings: ModalityRatings, modality: Modality): number =>
  ratings.get(modality) ?? 1;

/** The first procedure, in clinical preference, among the top-rated modalities. */
const chooseIndicatedProcedure = (
  indication: IndicationSpec,
  ratings: ModalityRatings | null,
): ProcedureSpec => {
  const first = indication.procedures[0] as ProcedureSpec;
  if (!ratings) return first;
  const best = Math.max(
    ...indication.procedures.map((procedure) => ratingOf(ratings, procedure.modality)),
  );
  return (
    indication.procedures.find((procedure) => ratingOf(ratings, procedure.modality) === best) ??
    first
  );
};

/** An alternative to the requested procedure, weighted by its rating; null when none fits. */
const chooseAlternativeProcedure = (
  random: SeededRandom,
  indication: IndicationSpec,
  requested: ProcedureSpec,
  ratings: ModalityRatings | null,
  allowLowDoseIonizing: boolean,
): ProcedureSpec | null => {
  const candidates = indication.procedures
    .filter((procedure) => procedure.modality !== requested.modality)
    .filter(
      (procedure) =>
        !isIonizing(procedure.modality) || (allowLowDoseIonizing && procedure.modality === 'DX'),
    )
    .map((item) => ({
      item,
      weight: isIonizing(item.modality) ? 1 : 1 + (ratings ? ratingOf(ratings, item.modality) : 5),
    }));
  return candidates.length > 0 ? random.pickWeighted(candidates) : null;
};

const PEDIATRIC_DLP_FACTORS: readonly [number, number][] = [
  [1, 0.25],
  [5, 0.35],
  [10, 0.5],
  [18, 0.75],
];

const makeExam = (
  context: GenerationContext,
  random: SeededRandom,
  traits: PatientTraits,
  procedure: ProcedureSpec,
  performedAtMs: number,
  orderId: string | null,
): ExamRecord => {
  const ageYears = computeAgeYears(traits.record.birthDateMs, performedAtMs);
  let ctdivolMgy: number | null = null;
  let dlpMgyCm: number | null = null;
  let effectiveDoseMsv: number | null = null;
  if (procedure.modality === 'CT' && procedure.dlpMeanMgyCm !== undefined) {
    const sizeFactor = PEDIATRIC_DLP_FACTORS.find(([ageLimit]) => ageYears < ageLimit)?.[1] ?? 1;
    const mean = procedure.dlpMeanMgyCm * sizeFactor;
    const sd = (procedure.dlpSdMgyCm ?? 0) * sizeFactor;
    const dlp = random.clippedNormal(mean, sd, mean - 2.5 * sd, mean + 2.5 * sd);
    const lengthCm =
      (procedure.scanLengthCm ?? 40) *
      Math.sqrt(sizeFactor) *
      random.clippedNormal(1, 0.05, 0.85, 1.15);
    const recording = random.next();
    if (recording < 0.5) {
      dlpMgyCm = round(dlp, 1);
      ctdivolMgy = round(dlp / lengthCm, 2);
    } else if (recording < 0.55) {
      dlpMgyCm = round(dlp, 1);
      ctdivolMgy = round(dlp / lengthCm, 2);
      effectiveDoseMsv = round(
        dlp * 0.015 * random.uniform(0.85, 1.15) * (procedure.bodyRegion === 'HEAD' ? 0.15 : 1),
        2,
      );
    } else if (recording < 0.7) {
      effectiveDoseMsv = round(
        dlp * (procedure.bodyRegion === 'HEAD' ? 0.0021 : 0.015) * random.uniform(0.85, 1.2),
        2,
      );
    }
  } else if (procedure.recordedDoseRangeMsv && random.chance(0.4)) {
    const [minimum, maximum] = procedure.recordedDoseRangeMsv;
    effectiveDoseMsv = round(random.uniform(minimum, maximum), 2);
  }
  const partial = {
    modality: procedure.modality,
    bodyRegion: procedure.bodyRegion,
    dlpMgyCm,
    effectiveDoseMsv,
  };
  return {
    patientId: traits.record.patientId,
    orderId,
    performedAtMs: Math.floor(performedAtMs / 1000) * 1000,
    procedure: procedure.procedure,
    ctdivolMgy,
    ...partial,
    estimatedDoseMsv: estimateEffectiveDoseMsv(partial, ageYears, context.tables),
  };
};

// ----- Orders --------------------------------------------------------------------------------

const settingOf = (random: SeededRandom, department: DepartmentName): SettingCode => {
  const spec = DEPARTMENTS.find((candidate) => candidate.name === department);
  return spec ? random.pickWeighted(spec.settings) : 'OP';
};

/** Emergency orders come at any hour; the others in working hours of the same day. */
const placeInDay = (random: SeededRandom, timeMs: number, setting: SettingCode): number => {
  if (setting === 'ED') return Math.floor(timeMs / 1000) * 1000;
  const dayStartMs = Math.floor(timeMs / MS_PER_DAY) * MS_PER_DAY;
  return dayStartMs + Math.floor(random.uniform(7, 18) * 3600) * 1000;
};

const examDelayMs = (random: SeededRandom, setting: SettingCode): number => {
  if (setting === 'ED') return random.uniform(0.3, 4) * MS_PER_HOUR;
  if (setting === 'IP') return random.uniform(2, 36) * MS_PER_HOUR;
  return random.uniform(1, 21) * MS_PER_DAY;
};

const pregnancyWeeksAt = (traits: PatientTraits, timeMs: number): number =>
  traits.pregnancy
    ? Math.min(40, 2 + Math.floor((timeMs - traits.pregnancy.startMs) / (7 * MS_PER_DAY)))
    : 0;

const pregnancyCode = (weeks: number): string =>
  weeks < 8 ? 'Z3A.01' : `Z3A.${String(weeks).padStart(2, '0')}`;

interface PatientState {
  readonly traits: PatientTraits;
  readonly exams: ExamRecord[];
  readonly orders: OrderRecord[];
  readonly changes: OrderChangeRecord[];
  readonly truth: TruthRecord[];
  readonly queue: ImagingEvent[];
}

const insertEvent = (queue: ImagingEvent[], event: ImagingEvent): void => {
  let index = queue.length;
  while (index > 0 && (queue[index - 1] as ImagingEvent).timeMs > event.timeMs) index -= 1;
  queue.splice(index, 0, event);
};

const hadRecentSameRegionCt = (
  exams: readonly ExamRecord[],
  procedure: ProcedureSpec,
  orderedAtMs: number,
): boolean =>
  exams.some(
    (exam) =>
      exam.modality === 'CT' &&
      exam.bodyRegion === procedure.bodyRegion &&
      exam.performedAtMs < orderedAtMs &&
      exam.performedAtMs >= orderedAtMs - 14 * MS_PER_DAY,
  );

const doseReason = (
  random: SeededRandom,
  history: DoseHistory,
  ctCount5y: number,
  alternative: string,
): string => {
  const pools: string[][] = [[...DOSE_REASONS]];
  if (history.ctCount12m >= 3) pools.push([...DOSE_REASONS_WITH_CT_COUNT]);
  if (history.ced5yMsv >= 50) pools.push([...DOSE_REASONS_WITH_CED]);
  const template = random.pick(random.pick(pools));
  return fill(template, {
    ct12: history.ctCount12m,
    ct5y: Math.max(ctCount5y, 2),
    ced: history.ced5yMsv >= 100 ? 100 : 50,
    alt: alternative,
  });
};

const modalityWord = (modality: Modality): string =>
  modality === 'MR' ? 'MRI' : modality === 'US' ? 'US' : modality === 'DX' ? 'X-ray' : modality;

const generateOrder = (
  context: GenerationContext,
  state: PatientState,
  event: ImagingEvent,
): void => {
  const { random, tables } = context;
  const { traits } = state;
  const indication = event.indication;
  const kind = kindAt(traits, event.timeMs);
  const population = populationOf(kind);
  const ageYears = computeAgeYears(traits.record.birthDateMs, event.timeMs);

  // Who orders, where, when.
  const department: DepartmentName =
    event.department ??
    (kind === 'CHILD' && random.chance(0.7)
      ? 'Paediatrics'
      : kind === 'PREGNANT' && random.chance(0.4)
        ? 'Obstetrics'
        : random.pickWeighted(indication.departments));
  const clinicians =
    context.staff.cliniciansByDepartment.get(department) ?? context.staff.clinicians;
  const clinician = event.clinician ?? random.pick(clinicians);
  const setting = department === 'Emergency' ? 'ED' : settingOf(random, department);
  const orderedAtMs = placeInDay(random, event.timeMs, setting);
  const orderId = `ORD${String(context.orderSequence).padStart(8, '0')}`;
  context.orderSequence += 1;

  // Indication codes and the appropriateness of the order.
  const primaryCode =
    indication.key === 'CANCER_STAGING' && traits.cancerCode
      ? traits.cancerCode
      : random.pick(indication.codes);
  const group = findIndicationGroup(tables, primaryCode);
  const ratings = group ? rateModalities(tables, group, population) : null;
  const opportunity = ratings !== null && isOpportunity(ratings);
  const codes = [primaryCode];
  const commentParts: string[] = [];
  if (random.chance(0.6)) commentParts.push(random.pick(indication.comments));

  let pregnancyStatus: OrderRecord['pregnancyStatus'] = null;
  const pregnant = kind === 'PREGNANT';
  if (pregnant) {
    const weeks = pregnancyWeeksAt(traits, orderedAtMs);
    const statusShown = random.chance(0.85);
    pregnancyStatus = statusShown ? 'PREGNANT' : 'UNKNOWN';
    if (!statusShown || random.chance(0.5))
      codes.push(
        statusShown ? pregnancyCode(weeks) : random.pick(['O26.891', pregnancyCode(weeks)]),
      );
  } else if (traits.record.sex === 'F' && ageYears >= 15 && ageYears <= 45) {
    pregnancyStatus = random.chance(0.65) ? 'NOT_PREGNANT' : 'UNKNOWN';
  }

  const needsContrast = group !== null && tables.contrastGroups.has(group);
  if (traits.contrastAllergy) {
    if (random.chance(0.3)) codes.push('Z91.041');
    if (random.chance(0.3)) commentParts.push(random.pick(CONTRAST_ALLERGY_COMMENTS));
  }
  let egfr: number | null = null;
  let renalSign = false;
  if (traits.ckdStage4) {
    if (random.chance(0.8)) egfr = Math.max(8, traits.egfrBaseline + random.integer(-3, 3));
    if (random.chance(0.6)) codes.push('N18.4');
    if (random.chance(0.2)) commentParts.push(RENAL_COMMENTS[1] as string);
    renalSign = egfr !== null || codes.includes('N18.4');
  } else if (setting !== 'OP' && ageYears >= 18 && random.chance(0.012)) {
    egfr = random.integer(12, 29);
    codes.push('N17.9');
    if (random.chance(0.4)) commentParts.push(RENAL_COMMENTS[0] as string);
    renalSign = true;
  } else if (random.chance(setting === 'OP' ? 0.35 : 0.6)) {
    egfr = Math.max(30, traits.egfrBaseline + random.integer(-8, 8));
  }

  const history = summariseDoseHistory(
    state.exams.map((exam) => ({
      performedAtMs: exam.performedAtMs,
      modality: exam.modality,
      effectiveDoseMsv: exam.estimatedDoseMsv,
    })),
    orderedAtMs,
  );
  const alertProbability =
    history.band === 'HIGH' ? 0.7 : history.band === 'MODERATE' ? 0.12 : 0.02;
  const doseAlertShown = random.chance(alertProbability);

  const indicated = event.procedure ?? chooseIndicatedProcedure(indication, ratings);
  let requested = indicated;
  if (!opportunity && !event.procedure && indication.procedures.length > 1 && random.chance(0.1)) {
    requested = random.pick(indication.procedures.filter((procedure) => procedure !== indicated));
  }

  const scenario: OrderScenario = event.cascadeOf
    ? CASCADE_FOLLOW_UP_SCENARIO
    : chooseOrderScenario(random, {
        opportunity: opportunity && isIonizing(requested.modality),
        band: history.band,
        providerSteers: clinician.steers,
        pregnant: pregnant,
        contrastAllergyApplies: traits.contrastAllergy && needsContrast,
        renalImpairmentApplies: renalSign && needsContrast,
        recentSameRegionCt: hadRecentSameRegionCt(state.exams, requested, orderedAtMs),
        steeringStyle: context.steeringStyle,
        steerRate: context.steerRate,
        silentSwitchRate: context.silentSwitchRate,
      });

  // The alternative a switch goes to, when the scenario switches.
  const switches = scenario.mechanism === 'CHANGE' || scenario.mechanism === 'AT_ENTRY';
  const alternative = switches
    ? chooseAlternativeProcedure(
        random,
        indication,
        requested,
        ratings,
        scenario.steered && random.chance(0.5),
      )
    : null;
  let mechanism = scenario.mechanism;
  if (switches && !alternative) mechanism = 'CANCEL';
  const alternativeWord = alternative ? modalityWord(alternative.modality) : 'US';

  // The words that go with the decision.
  let reason: string | null = null;
  let changedBy: string | null = clinician.providerId;
  const ctCount5y = state.exams.filter(
    (exam) =>
      exam.modality === 'CT' &&
      exam.performedAtMs < orderedAtMs &&
      exam.performedAtMs >= subtractCalendarMonths(orderedAtMs, 60),
  ).length;
  const category: TruthCategory = scenario.category;
  switch (category) {
    case 'STEER_DOCUMENTED':
      reason = doseReason(random, history, ctCount5y, alternativeWord);
      if (mechanism === 'AT_ENTRY') {
        commentParts.push(
          fill(random.pick(DOSE_ENTRY_COMMENTS), {
            alt: alternativeWord,
            ct5y: Math.max(ctCount5y, 2),
          }),
        );
      }
      break;
    case 'STEER_SILENT_CHANGE':
    case 'STEER_CANCEL':
    case 'SILENT_NO_MOTIVE':
      reason = random.pick(CONTENTLESS_REASONS);
      break;
    case 'EXCL_PREGNANCY':
      reason = fill(random.pick(PREGNANCY_REASONS), {
        alt: alternativeWord,
        weeks: pregnancyWeeksAt(traits, orderedAtMs),
      });
      if (mechanism === 'AT_ENTRY') commentParts.push(reason);
      break;
    case 'EXCL_CONTRAST_ALLERGY':
      reason = random.chance(0.7)
        ? fill(random.pick(CONTRAST_ALLERGY_REASONS), { alt: alternativeWord })
        : '';
      break;
    case 'EXCL_RENAL':
      reason = random.chance(0.7)
        ? fill(
            random.pick(
              RENAL_REASONS.filter((text) => text.startsWith('AKI') === codes.includes('N17.9')),
            ),
            { alt: alternativeWord, egfr: egfr ?? 25 },
          )
        : '';
      break;
    case 'EXCL_BETTER_TEST':
      reason = fill(random.pick(BETTER_TEST_REASONS), { alt: alternativeWord });
      changedBy = random.pick(context.staff.radiologistIds);
      break;
    case 'EXCL_PRIOR_RESULT':
      reason = fill(random.pick(PRIOR_RESULT_REASONS), { days: random.integer(1, 10) });
      if (random.chance(0.5)) changedBy = random.pick(context.staff.radiologistIds);
      break;
    case 'EXCL_PATIENT_REFUSAL': {
      const withText = random.chance(0.7);
      reason = withText ? random.pick(PATIENT_REFUSAL_REASONS) : 'order cancelled';
      if (!withText || random.chance(0.4)) codes.push(random.pick(PATIENT_REFUSAL_CODES));
      break;
    }
    case 'OPERATIONAL':
      reason = fill(random.pick(OPERATIONAL_REASONS), { alt: alternativeWord });
      changedBy = 'SCHEDULING';
      break;
    case 'NEGATED_DOSE_TALK':
      reason = fill(random.pick(NEGATED_DOSE_REASONS), { alt: alternativeWord });
      break;
    case 'KEPT':
      if (traits.contrastAllergy && needsContrast && random.chance(0.5))
        commentParts.push(random.pick(PREMEDICATION_COMMENTS));
      else if (random.chance(0.02)) commentParts.push(random.pick(NEGATED_DOSE_COMMENTS));
      break;
    case 'NOT_OPPORTUNITY':
      if (kind === 'CHILD' && requested.modality === 'US' && random.chance(0.2))
        commentParts.push(random.pick(PAEDIATRIC_COMMENTS));
      break;
    case 'CASCADE_FOLLOW_UP':
      commentParts.push(
        fill(random.pick(CASCADE_COMMENTS), {
          alt: modalityWord(event.cascadeOf?.alternativeModality ?? 'US'),
        }),
      );
      break;
    default:
      break;
  }
  if (mechanism === 'AT_ENTRY' && alternative) requested = alternative;

  // What happens after the order, cut at the end of the window.
  const changes: OrderChangeRecord[] = [];
  let examProcedure: ProcedureSpec | null =
    mechanism === 'CANCEL' || mechanism === 'NO_EXAM' ? null : requested;
  let lastEventMs = orderedAtMs;
  if (mechanism === 'CHANGE' || mechanism === 'CANCEL') {
    const steeringDelayHours = scenario.steered ? random.uniform(0.5, 8) : random.uniform(0.3, 24);
    const changedAtMs = Math.floor((orderedAtMs + steeringDelayHours * MS_PER_HOUR) / 1000) * 1000;
    if (changedAtMs < context.windowEndMs) {
      const isChange = mechanism === 'CHANGE' && alternative !== null;
      changes.push({
        orderId,
        changedAtMs,
        action: isChange ? 'MODALITY_CHANGE' : 'CANCEL',
        newModality: isChange ? alternative.modality : null,
        newProcedure: isChange ? alternative.procedure : null,
        reason: reason === '' ? null : reason,
        changedBy,
      });
      if (isChange) examProcedure = alternative;
      lastEventMs = changedAtMs;
    } else {
      examProcedure = null;
    }
  }
  let exam: ExamRecord | null = null;
  if (examProcedure) {
    const performedAtMs =
      lastEventMs +
      (event.procedure && setting === 'OP'
        ? random.uniform(0.5, 7) * MS_PER_DAY
        : examDelayMs(random, setting));
    if (performedAtMs < context.windowEndMs) {
      exam = makeExam(context, random, traits, examProcedure, performedAtMs, orderId);
      state.exams.push(exam);
    }
  }
  let finalCategory = category;
  let steered = scenario.steered;
  if (!exam && changes.length === 0) {
    finalCategory =
      orderedAtMs >= context.windowEndMs - PENDING_HORIZON_MS ? 'PENDING' : 'NOT_PERFORMED';
    steered = false;
  }

  state.orders.push({
    orderId,
    patientId: traits.record.patientId,
    orderedAtMs,
    providerId: clinician.providerId,
    providerName: clinician.name,
    department,
    setting,
    indicationCode: codes.join(';'),
    indicationText: random.pick(indication.texts),
    requestedModality: requested.modality,
    requestedProcedure: requested.procedure,
    pregnancyStatus,
    contrastAllergy: traits.contrastAllergy ? true : random.chance(0.5) ? false : null,
    egfr,
    doseAlertShown,
    comment: commentParts.length > 0 ? commentParts.join('; ') : null,
  });
  state.changes.push(...changes);
  state.truth.push({
    orderId,
    steered,
    category: finalCategory,
    providerId: clinician.providerId,
    providerSteers: clinician.steers,
  });

  // E5: some away-switches are followed by the CT that was indicated all along.
  const awayFromIndicated = (switches || mechanism === 'CANCEL') && finalCategory !== 'PENDING';
  const cascadeProbability = scenario.steered
    ? 0.3
    : ['SILENT_NO_MOTIVE', 'OPERATIONAL', 'NEGATED_DOSE_TALK'].includes(category)
      ? 0.08
      : 0;
  if (awayFromIndicated && isIonizing(indicated.modality) && random.chance(cascadeProbability)) {
    const afterMs = exam ? exam.performedAtMs : lastEventMs;
    const timeMs = afterMs + random.uniform(1, 25) * MS_PER_DAY;
    if (timeMs < context.windowEndMs) {
      insertEvent(state.queue, {
        timeMs,
        indication,
        procedure: indicated,
        department: random.chance(0.4) ? department : random.pickWeighted(indication.departments),
        clinician: random.chance(0.4) ? clinician : undefined,
        cascadeOf: { alternativeModality: alternative?.modality ?? 'US' },
      });
    }
  }
};

const generateHistoryExam = (
  context: GenerationContext,
  state: PatientState,
  event: ImagingEvent,
): void => {
  const { random, tables } = context;
  const kind = kindAt(state.traits, event.timeMs);
  let procedure = event.procedure;
  if (!procedure) {
    const code = random.pick(event.indication.codes);
    const group = findIndicationGroup(tables, code);
    const ratings = group ? rateModalities(tables, group, populationOf(kind)) : null;
    procedure =
      random.chance(0.85) || event.indication.procedures.length < 2
        ? chooseIndicatedProcedure(event.indication, ratings)
        : random.pick(event.indication.procedures);
  }
  state.exams.push(makeExam(context, random, state.traits, procedure, event.timeMs, null));
};

export const generatePatient = (
  context: GenerationContext,
  patientNumber: number,
): GeneratedPatient => {
  const { random } = context;
  const patientId = `MRN${String(patientNumber).padStart(7, '0')}`;
  const traits = drawTraits(context, patientId, random);
  const planned = [
    ...planEpisodes(context, traits, random),
    ...planScreeningHistory(context, traits, random),
    ...planRepeats(context, traits, random),
  ]
    .filter(
      (event) => event.timeMs >= traits.record.birthDateMs && event.timeMs < context.windowEndMs,
    )
    .sort((left, right) => left.timeMs - right.timeMs);
  const state: PatientState = {
    traits,
    exams: [],
    orders: [],
    changes: [],
    truth: [],
    queue: planned,
  };
  while (state.queue.length > 0) {
    const event = state.queue.shift() as ImagingEvent;
    if (event.timeMs < context.windowStartMs) generateHistoryExam(context, state, event);
    else generateOrder(context, state, event);
  }
  const exams = [...state.exams].sort((left, right) => left.performedAtMs - right.performedAtMs);
  const cedAllTimeMsv = exams.reduce((sum, exam) => sum + (exam.estimatedDoseMsv ?? 0), 0);
  return {
    patient: traits.record,
    // written in time order, as a RIS extract is (an order can move into working hours)
    orders: [...state.orders].sort((left, right) => left.orderedAtMs - right.orderedAtMs),
    changes: state.changes,
    exams,
    truth: state.truth,
    cedAllTimeMsv,
    ctExamCount: exams.filter((exam) => exam.modality === 'CT').length,
  };
};
