import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  BODY_REGIONS,
  CHANGE_ACTIONS,
  IMPORT_COLUMNS,
  MODALITIES,
  PREGNANCY_STATUSES,
  SETTINGS,
  SEXES,
} from '../ingestion/import-format.js';
import type { BodyRegion, ImportEntity, Modality } from '../ingestion/import-format.js';
import { findIndicationGroup, isOpportunity, rateModalities } from './appropriateness.js';
import { computeAgeYears } from './calendar.js';
import { summariseDoseHistory } from './dose-history.js';
import type { DoseHistoryExam } from './dose-history.js';
import { estimateEffectiveDoseMsv } from './estimate-effective-dose.js';
import { generateHospital } from './generate-hospital.js';
import type { GenerateHospitalOptions, GenerateSummary } from './generate-hospital.js';
import { TRUTH_COLUMNS } from './hospital-records.js';
import { loadReferenceTables } from './reference-tables.js';
import type { Population } from './reference-tables.js';

type Row = Record<string, string>;

interface Hospital {
  readonly summary: GenerateSummary;
  readonly header: Record<string, string[]>;
  readonly raw: Record<string, string>;
  readonly patients: Row[];
  readonly orders: Row[];
  readonly changes: Row[];
  readonly exams: Row[];
  readonly truth: Row[];
}

const FILES = ['patients', 'orders', 'order_changes', 'exams', 'truth'] as const;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const tables = loadReferenceTables();
const directories: string[] = [];

const generateInto = async (
  options: Omit<GenerateHospitalOptions, 'outDir'>,
): Promise<{ summary: GenerateSummary; outDir: string }> => {
  const outDir = await mkdtemp(join(tmpdir(), 'grounds-synthetic-'));
  directories.push(outDir);
  return { summary: await generateHospital({ ...options, outDir }), outDir };
};

const readHospital = async (
  options: Omit<GenerateHospitalOptions, 'outDir'>,
): Promise<Hospital> => {
  const { summary, outDir } = await generateInto(options);
  const raw: Record<string, string> = {};
  const header: Record<string, string[]> = {};
  const parsed: Record<string, Row[]> = {};
  for (const file of FILES) {
    raw[file] = await readFile(join(outDir, `${file}.csv`), 'utf8');
    header[file] = (parse(raw[file], { to_line: 1 }) as string[][])[0] ?? [];
    parsed[file] = parse(raw[file], { columns: true }) as Row[];
  }
  return {
    summary,
    header,
    raw,
    patients: parsed.patients ?? [],
    orders: parsed.orders ?? [],
    changes: parsed.order_changes ?? [],
    exams: parsed.exams ?? [],
    truth: parsed.truth ?? [],
  };
};

const numberOrNull = (value: string | undefined): number | null =>
  value === undefined || value === '' ? null : Number(value);

/** The dose band of every order, recomputed from the written files alone. */
const computeBands = (hospital: Hospital) => {
  const birthOf = new Map(
    hospital.patients.map((row) => [row.patient_id, Date.parse(row.birth_date ?? '')]),
  );
  const examsOf = new Map<string, DoseHistoryExam[]>();
  for (const exam of hospital.exams) {
    const performedAtMs = Date.parse(exam.performed_at ?? '');
    const modality = exam.modality as Modality;
    const birthMs = birthOf.get(exam.patient_id ?? '') ?? 0;
    const list = examsOf.get(exam.patient_id ?? '') ?? [];
    list.push({
      performedAtMs,
      modality,
      effectiveDoseMsv: estimateEffectiveDoseMsv(
        {
          modality,
          bodyRegion: (exam.body_region || null) as BodyRegion | null,
          dlpMgyCm: numberOrNull(exam.dlp_mgycm),
          effectiveDoseMsv: numberOrNull(exam.effective_dose_msv),
        },
        computeAgeYears(birthMs, performedAtMs),
        tables,
      ),
    });
    examsOf.set(exam.patient_id ?? '', list);
  }
  return { birthOf, examsOf };
};

const populationOf = (order: Row, birthMs: number): Population => {
  const codes = (order.indication_code ?? '').split(';');
  const pregnancyCode = codes.some((code) => /^(O|Z3A|Z33\.1)/.test(code));
  if (order.pregnancy_status === 'PREGNANT' || pregnancyCode) return 'PREGNANT';
  return computeAgeYears(birthMs, Date.parse(order.ordered_at ?? '')) < 18 ? 'PEDIATRIC' : 'ADULT';
};

afterAll(async () => {
  await Promise.all(
    directories.map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

describe('generateHospital determinism', () => {
  it('writes byte-identical files for the same options and different ones for another seed', async () => {
    const options = { patients: 400, months: 12, seed: 7 };
    const first = await generateInto(options);
    const second = await generateInto(options);
    const other = await generateInto({ ...options, seed: 8 });
    for (const file of FILES) {
      const name = `${file}.csv`;
      const firstBytes = await readFile(join(first.outDir, name));
      expect((await readFile(join(second.outDir, name))).equals(firstBytes)).toBe(true);
    }
    const firstOrders = await readFile(join(first.outDir, 'orders.csv'), 'utf8');
    const otherOrders = await readFile(join(other.outDir, 'orders.csv'), 'utf8');
    expect(otherOrders).not.toEqual(firstOrders);
    expect(first.summary.rowCounts).toEqual(second.summary.rowCounts);
  });

  it('does not depend on the progress callback', async () => {
    const calls: number[] = [];
    const withProgress = await generateInto({
      patients: 250,
      months: 6,
      seed: 3,
      onProgress: (done) => calls.push(done),
    });
    const without = await generateInto({ patients: 250, months: 6, seed: 3 });
    const left = await readFile(join(withProgress.outDir, 'exams.csv'));
    expect(left.equals(await readFile(join(without.outDir, 'exams.csv')))).toBe(true);
    expect(calls[calls.length - 1]).toBe(250);
    expect(calls.length).toBeGreaterThanOrEqual(100);
  });
});

describe('generateHospital output against the import format', () => {
  let hospital: Hospital;
  beforeAll(async () => {
    hospital = await readHospital({ patients: 2500, months: 24, seed: 11 });
  }, 60000);

  it('writes the IMPORT_COLUMNS headers in order, and the truth columns', () => {
    for (const entity of ['patients', 'orders', 'order_changes', 'exams'] as ImportEntity[]) {
      expect(hospital.header[entity]).toEqual(IMPORT_COLUMNS[entity].map((column) => column.name));
    }
    expect(hospital.header.truth).toEqual([...TRUTH_COLUMNS]);
    expect(hospital.patients).toHaveLength(2500);
    expect(hospital.summary.rowCounts.orders).toBe(hospital.orders.length);
    expect(hospital.summary.rowCounts.exams).toBe(hospital.exams.length);
  });

  it('fills every required field and uses only valid enum values', () => {
    for (const entity of ['patients', 'orders', 'order_changes', 'exams'] as const) {
      const rows = entity === 'order_changes' ? hospital.changes : (hospital[entity] as Row[]);
      const required = IMPORT_COLUMNS[entity].filter((column) => column.required);
      for (const row of rows) {
        for (const column of required) expect(row[column.name]).not.toBe('');
      }
    }
    const inList = (list: readonly string[], value: string | undefined, optional = true) =>
      (optional && value === '') || list.includes(value ?? '');
    expect(hospital.patients.every((row) => inList(SEXES, row.sex))).toBe(true);
    expect(hospital.patients.every((row) => /^\d{4}-\d{2}-\d{2}$/.test(row.birth_date ?? ''))).toBe(
      true,
    );
    for (const order of hospital.orders) {
      expect(inList(MODALITIES, order.requested_modality, false)).toBe(true);
      expect(inList(SETTINGS, order.setting)).toBe(true);
      expect(inList(PREGNANCY_STATUSES, order.pregnancy_status)).toBe(true);
      expect(inList(['true', 'false'], order.contrast_allergy)).toBe(true);
      expect(inList(['true', 'false'], order.dose_alert_shown)).toBe(true);
      expect(order.ordered_at).toMatch(TIMESTAMP);
      expect(order.provider_id).toMatch(/^P\d{4}$/);
      if (order.egfr !== '') expect(Number(order.egfr)).toBeGreaterThan(0);
    }
    for (const change of hospital.changes) {
      expect(inList(CHANGE_ACTIONS, change.action, false)).toBe(true);
      expect(change.changed_at).toMatch(TIMESTAMP);
      if (change.action === 'MODALITY_CHANGE')
        expect(inList(MODALITIES, change.new_modality, false)).toBe(true);
      else expect(change.new_modality).toBe('');
    }
    for (const exam of hospital.exams) {
      expect(inList(MODALITIES, exam.modality, false)).toBe(true);
      expect(inList(BODY_REGIONS, exam.body_region)).toBe(true);
      expect(exam.performed_at).toMatch(TIMESTAMP);
    }
  });

  it('keeps ids unique and every reference consistent in time and patient', () => {
    const unique = (values: (string | undefined)[]) => new Set(values).size === values.length;
    expect(unique(hospital.patients.map((row) => row.patient_id))).toBe(true);
    expect(unique(hospital.orders.map((row) => row.order_id))).toBe(true);
    expect(unique(hospital.exams.map((row) => row.accession))).toBe(true);
    expect(hospital.patients[0]?.patient_id).toBe('MRN0000001');

    const patientIds = new Set(hospital.patients.map((row) => row.patient_id));
    const orderById = new Map(hospital.orders.map((row) => [row.order_id, row]));
    const windowEndMs = Date.parse('2026-11-01T00:00:00Z');
    expect(hospital.orders.every((order) => patientIds.has(order.patient_id))).toBe(true);
    const lastChangeMs = new Map<string, number>();
    for (const change of hospital.changes) {
      const order = orderById.get(change.order_id);
      expect(order).toBeDefined();
      const changedAtMs = Date.parse(change.changed_at ?? '');
      expect(changedAtMs).toBeGreaterThan(Date.parse(order?.ordered_at ?? ''));
      expect(changedAtMs).toBeLessThan(windowEndMs);
      lastChangeMs.set(change.order_id ?? '', changedAtMs);
    }
    let linked = 0;
    for (const exam of hospital.exams) {
      expect(patientIds.has(exam.patient_id)).toBe(true);
      const performedAtMs = Date.parse(exam.performed_at ?? '');
      expect(performedAtMs).toBeLessThan(windowEndMs);
      if (exam.order_id === '') continue;
      linked += 1;
      const order = orderById.get(exam.order_id);
      expect(order?.patient_id).toBe(exam.patient_id);
      expect(performedAtMs).toBeGreaterThan(Date.parse(order?.ordered_at ?? ''));
      expect(performedAtMs).toBeGreaterThan(lastChangeMs.get(exam.order_id ?? '') ?? 0);
    }
    const examsPerOrder = new Set(hospital.exams.map((exam) => exam.order_id).filter(Boolean));
    expect(examsPerOrder.size).toBe(linked);
    // History before the window: exams with no order.
    const windowStartMs = Date.parse('2024-11-01T00:00:00Z');
    const history = hospital.exams.filter((exam) => exam.order_id === '');
    expect(history.length).toBeGreaterThan(hospital.patients.length);
    expect(history.every((exam) => Date.parse(exam.performed_at ?? '') < windowStartMs)).toBe(true);
  });

  it('records CT dose in the mix the product must handle', () => {
    const cts = hospital.exams.filter((exam) => exam.modality === 'CT');
    const withDlp = cts.filter((exam) => exam.dlp_mgycm !== '' && exam.ctdivol_mgy !== '');
    const recordedOnly = cts.filter(
      (exam) => exam.dlp_mgycm === '' && exam.effective_dose_msv !== '',
    );
    const nothing = cts.filter((exam) => exam.dlp_mgycm === '' && exam.effective_dose_msv === '');
    expect(withDlp.length / cts.length).toBeGreaterThan(0.45);
    expect(withDlp.length / cts.length).toBeLessThan(0.65);
    expect(recordedOnly.length).toBeGreaterThan(0);
    expect(nothing.length / cts.length).toBeGreaterThan(0.2);
    const birthOf = new Map(
      hospital.patients.map((row) => [row.patient_id, Date.parse(row.birth_date ?? '')]),
    );
    const adultHeads = withDlp.filter(
      (exam) =>
        exam.body_region === 'HEAD' &&
        computeAgeYears(birthOf.get(exam.patient_id) ?? 0, Date.parse(exam.performed_at ?? '')) >=
          18,
    );
    expect(adultHeads.length).toBeGreaterThan(50);
    const headDlp = adultHeads.map((exam) => Number(exam.dlp_mgycm));
    expect(Math.min(...headDlp)).toBeGreaterThanOrEqual(850);
    expect(Math.max(...headDlp)).toBeLessThanOrEqual(1150);
    const headCtdi = adultHeads.map((exam) => Number(exam.ctdivol_mgy));
    expect(Math.min(...headCtdi)).toBeGreaterThan(40);
    expect(Math.max(...headCtdi)).toBeLessThan(80);
    const unknownDose = hospital.exams.filter(
      (exam) => exam.modality === 'XA' && exam.body_region === 'EXTREMITY',
    );
    expect(unknownDose.length).toBeGreaterThan(0);
  });

  it('writes one truth row per order with its provider', () => {
    expect(hospital.truth).toHaveLength(hospital.orders.length);
    const orderById = new Map(hospital.orders.map((row) => [row.order_id, row]));
    for (const truth of hospital.truth) {
      const order = orderById.get(truth.order_id);
      expect(order?.provider_id).toBe(truth.provider_id);
      expect(['0', '1']).toContain(truth.steered);
      expect(['0', '1']).toContain(truth.provider_steers);
      if (truth.steered === '1') {
        expect(truth.category).toMatch(/^STEER_/);
        expect(truth.provider_steers).toBe('1');
      } else {
        expect(truth.category).not.toMatch(/^STEER_/);
      }
    }
    const categories = new Set(hospital.truth.map((row) => row.category));
    for (const category of [
      'KEPT',
      'NOT_OPPORTUNITY',
      'SILENT_NO_MOTIVE',
      'EXCL_BETTER_TEST',
      'OPERATIONAL',
    ]) {
      expect(categories).toContain(category);
    }
  });

  it('puts the exclusions in the fields and texts the product reads', () => {
    const orderById = new Map(hospital.orders.map((row) => [row.order_id, row]));
    const changeOf = new Map(hospital.changes.map((row) => [row.order_id, row]));
    for (const truth of hospital.truth) {
      const order = orderById.get(truth.order_id) as Row;
      const codes = order.indication_code ?? '';
      const text = `${order.comment} ${changeOf.get(truth.order_id)?.reason ?? ''}`;
      if (truth.category === 'EXCL_PREGNANCY') {
        expect(order.pregnancy_status === 'PREGNANT' || /;(O|Z3A)/.test(codes)).toBe(true);
      }
      if (truth.category === 'EXCL_CONTRAST_ALLERGY') expect(order.contrast_allergy).toBe('true');
      if (truth.category === 'EXCL_RENAL') {
        expect(Number(order.egfr || 99) < 30 || /N18\.4|N17/.test(codes)).toBe(true);
      }
      if (truth.category === 'EXCL_PATIENT_REFUSAL')
        expect(/declin|refus|Z53/.test(text + codes)).toBe(true);
      if (truth.category === 'EXCL_BETTER_TEST') expect(text).toMatch(/radiolog/);
    }
  });
});

describe('generateHospital steering and dose', () => {
  let hospital: Hospital;
  beforeAll(async () => {
    hospital = await readHospital({ patients: 8000, months: 24, seed: 5 });
  }, 60000);

  it('steers about 40 % of HIGH-band opportunities of steering clinicians, and nothing else', () => {
    const { birthOf, examsOf } = computeBands(hospital);
    const truthOf = new Map(hospital.truth.map((row) => [row.order_id, row]));
    const counts = { highSteering: 0, steered: 0, lowSteered: 0, otherSteered: 0 };
    for (const order of hospital.orders) {
      const truth = truthOf.get(order.order_id) as Row;
      const birthMs = birthOf.get(order.patient_id ?? '') ?? 0;
      const primary = (order.indication_code ?? '').split(';')[0] ?? '';
      const group = findIndicationGroup(tables, primary);
      const opportunity =
        group !== null &&
        isOpportunity(rateModalities(tables, group, populationOf(order, birthMs)));
      const band = summariseDoseHistory(
        examsOf.get(order.patient_id ?? '') ?? [],
        Date.parse(order.ordered_at ?? ''),
      ).band;
      const steered = truth.steered === '1';
      const excluded = /^(EXCL_|PENDING|CASCADE_)/.test(truth.category ?? '');
      if (opportunity && band === 'HIGH' && truth.provider_steers === '1' && !excluded) {
        counts.highSteering += 1;
        if (steered) counts.steered += 1;
      } else if (steered) {
        if (band !== 'HIGH') counts.lowSteered += 1;
        else counts.otherSteered += 1;
      }
    }
    expect(counts.highSteering).toBeGreaterThan(60);
    const share = counts.steered / counts.highSteering;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.5);
    expect(counts.lowSteered).toBe(0);
    expect(counts.otherSteered).toBe(0);
  });

  it('documents the dose motive in about half of the steered orders', () => {
    const steered = hospital.truth.filter((row) => row.steered === '1');
    const documented = steered.filter((row) => row.category === 'STEER_DOCUMENTED');
    expect(documented.length / steered.length).toBeGreaterThan(0.3);
    expect(documented.length / steered.length).toBeLessThan(0.7);
    const cascades = hospital.truth.filter((row) => row.category === 'CASCADE_FOLLOW_UP');
    expect(cascades.length).toBeGreaterThan(0);
  });

  it('gives a CED >= 100 mSv share near the published one, and reports it', () => {
    const { examsOf } = computeBands(hospital);
    let atOrAbove = 0;
    for (const exams of examsOf.values()) {
      const totalMsv = exams.reduce((sum, exam) => sum + (exam.effectiveDoseMsv ?? 0), 0);
      if (totalMsv >= 100) atOrAbove += 1;
    }
    const { ced } = hospital.summary;
    expect(ced.patientsAtOrAbove100Msv).toBe(atOrAbove);
    expect(ced.sharePercent).toBeCloseTo((100 * atOrAbove) / 8000, 10);
    expect(ced.sharePercent).toBeGreaterThan(0.5);
    expect(ced.sharePercent).toBeLessThan(2);
    expect(ced.publishedSharePercent).toBe(1.33);
    expect(ced.line).toContain('published: 1.33 %');
  });
});

describe('generateHospital silent steering and small hospitals', () => {
  it('never writes a steering reason in the silent style', async () => {
    const hospital = await readHospital({
      patients: 5000,
      months: 24,
      seed: 5,
      steeringStyle: 'silent',
    });
    const steeredIds = new Set(
      hospital.truth.filter((row) => row.steered === '1').map((row) => row.order_id),
    );
    expect(steeredIds.size).toBeGreaterThan(10);
    expect(hospital.truth.some((row) => row.category === 'STEER_DOCUMENTED')).toBe(false);
    const reasons = hospital.changes
      .filter((row) => steeredIds.has(row.order_id))
      .map((row) => row.reason);
    expect(reasons.every((reason) => !/dose|radiation|CT|mSv|imaged/i.test(reason ?? ''))).toBe(
      true,
    );
  }, 60000);

  it('has at least 20 clinicians and one per 250 patients beyond that', async () => {
    const small = await generateInto({ patients: 30, months: 3, seed: 1 });
    expect(small.summary.clinicians).toBe(20);
    expect(small.summary.rowCounts.patients).toBe(30);
    const larger = await generateInto({ patients: 7500, months: 1, seed: 1 });
    expect(larger.summary.clinicians).toBe(30);
    expect(larger.summary.steeringClinicians).toBe(5);
  }, 60000);

  it('makes a hospital where nobody steers, keeping the same clinicians', async () => {
    const options = { patients: 3000, months: 12, seed: 11 };
    const steering = await readHospital(options);
    const none = await readHospital({ ...options, steeringStyle: 'none' });
    expect(steering.summary.steeringClinicians).toBeGreaterThan(0);
    expect(none.summary.steeringClinicians).toBe(0);
    expect(none.summary.steeredOrders).toBe(0);
    expect(none.truth.some((row) => row.steered === '1' || row.provider_steers === '1')).toBe(
      false,
    );
    expect(none.truth.some((row) => row.category === 'SILENT_NO_MOTIVE')).toBe(true);
    // the same staff: the steering clinicians are drawn and then told not to steer
    const names = (hospital: Hospital) =>
      new Set(hospital.orders.map((row) => `${row.provider_id} ${row.provider_name}`));
    expect([...names(none)].sort()).toEqual([...names(steering)].sort());
  }, 60000);

  it('sets the steering rate, the silent-switch rate and the number of clinicians', async () => {
    const options = { patients: 4000, months: 24, seed: 3 };
    const countOf = (hospital: Hospital, category: string) =>
      hospital.truth.filter((row) => row.category === category).length;
    const steeredOf = (hospital: Hospital) =>
      hospital.truth.filter((row) => row.steered === '1').length;
    const base = await readHospital(options);
    const never = await readHospital({ ...options, steerRate: 0 });
    const always = await readHospital({ ...options, steerRate: 1 });
    expect(never.summary.steeringClinicians).toBe(base.summary.steeringClinicians);
    expect(steeredOf(never)).toBe(0);
    expect(steeredOf(always)).toBeGreaterThan(steeredOf(base) * 1.5);
    const fewSilent = await readHospital({ ...options, silentSwitchRate: 0.01 });
    expect(countOf(fewSilent, 'SILENT_NO_MOTIVE')).toBeLessThan(
      countOf(base, 'SILENT_NO_MOTIVE') * 0.5,
    );
    expect(countOf(fewSilent, 'SILENT_NO_MOTIVE')).toBeGreaterThan(0);
    const noSilent = await readHospital({ ...options, silentSwitchRate: 0 });
    expect(countOf(noSilent, 'SILENT_NO_MOTIVE')).toBe(0);
    const sixty = await readHospital({ ...options, clinicians: 60 });
    expect(sixty.summary.clinicians).toBe(60);
    expect(new Set(sixty.orders.map((row) => row.provider_id)).size).toBeGreaterThan(55);
    expect(sixty.summary.steeringClinicians).toBe(9);
  }, 120000);

  it('rejects impossible options with a clear sentence', async () => {
    await expect(
      generateHospital({ patients: 5, months: 1, seed: 1, outDir: tmpdir(), steerRate: 1.5 }),
    ).rejects.toThrow('--steer-rate must be a number from 0 to 1, got 1.5.');
    await expect(
      generateHospital({ patients: 5, months: 1, seed: 1, outDir: tmpdir(), clinicians: 3 }),
    ).rejects.toThrow(/--clinicians must be a whole number of at least 11/);
    await expect(
      generateHospital({
        patients: 5,
        months: 1,
        seed: 1,
        outDir: tmpdir(),
        silentSwitchRate: 0.9,
      }),
    ).rejects.toThrow(/--silent-switch-rate must be at most 0.5/);
    await expect(
      generateHospital({ patients: 0, months: 12, seed: 1, outDir: tmpdir() }),
    ).rejects.toThrow(/--patients/);
    await expect(
      generateHospital({
        patients: 5,
        months: 12,
        seed: 1,
        outDir: tmpdir(),
        endDate: '2026-02-30',
      }),
    ).rejects.toThrow(/calendar date/);
  });
});
