import {
  ORDER_DOSE_COLUMNS,
  TOUCHED_SCOPE,
  cumulativeDoseSql,
  effectiveDoseSql,
  firstLoadCumulativeDoseSql,
  firstLoadEffectiveDoseSql,
} from '../../backend/src/modules/dose/dose.sql.js';
import { insertInParallel, rowsWritten } from '../../backend/src/modules/ingestion/bulk-load.js';
import { jest } from '@jest/globals';
import { DoseService } from '../../backend/src/modules/dose/dose.service.js';
import { CREATE_TOUCHED_PATIENTS } from '../../backend/src/modules/ingestion/normaliser.sql.js';
import { SettingsService } from '../../backend/src/modules/settings/settings.service.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { makeExam, makeOrder, makePatient, writeCsvFolder } from '../factories/csv-folder.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

interface OrderDoseRow {
  order_id: string;
  ced_12m: number;
  ced_5y: number;
  ced_all: number;
  prior_ct_12m: number;
  unknown_12m: number;
  unknown_all: number;
  band: string;
}

/** Every exam with its effective dose (exam_doses), whole. */
const EXAMS_WITH_DOSES = `SELECT e.*, d.effective_dose_msv, d.dose_source, d.dose_method
  FROM exams e LEFT JOIN exam_doses d ON d.exam_id = e.id ORDER BY e.id`;

const readOrderDose = async (database: TestDatabase): Promise<Record<string, OrderDoseRow>> => {
  const rows: OrderDoseRow[] = await database.dataSource.query(`
    SELECT o.order_id, d.ced_12m_msv::float8 AS ced_12m, d.ced_5y_msv::float8 AS ced_5y,
           d.ced_all_msv::float8 AS ced_all, d.prior_ct_12m, d.unknown_dose_12m AS unknown_12m,
           d.unknown_dose_all AS unknown_all, d.band
    FROM order_dose d JOIN orders o ON o.id = d.order_pk ORDER BY o.order_id`);
  return Object.fromEntries(rows.map((row) => [row.order_id, row]));
};

describe('cumulative dose at order time (hand-computed fixtures)', () => {
  let database: TestDatabase;
  let doses: Record<string, OrderDoseRow>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await writeCsvFolder({
      patients: [
        makePatient({ patient_id: 'P1', birth_date: '1970-01-01' }),
        makePatient({ patient_id: 'P2', birth_date: '2016-05-01' }),
        makePatient({ patient_id: 'P3', birth_date: '1980-01-01' }),
        makePatient({ patient_id: 'P4', birth_date: '1960-01-01' }),
      ],
      orders: [
        // a leap day: 12 months before is 2023-02-28 12:00, 5 years before 2019-02-28 12:00
        makeOrder({ order_id: 'LEAP', patient_id: 'P1', ordered_at: '2024-02-29T12:00:00Z' }),
        makeOrder({ order_id: 'CHILD', patient_id: 'P2', ordered_at: '2024-01-01T00:00:00Z' }),
        // another UTC offset: 2024-02-29T22:30Z; read as UTC it would miss both exams
        makeOrder({
          order_id: 'OFFSET',
          patient_id: 'P3',
          ordered_at: '2024-03-01T00:30:00+02:00',
        }),
        makeOrder({ order_id: 'HIGH', patient_id: 'P4', ordered_at: '2024-06-01T00:00:00Z' }),
      ],
      exams: [
        makeExam({
          accession: 'A',
          patient_id: 'P1',
          performed_at: '2023-02-28T12:00:00Z',
          effective_dose_msv: 1,
        }),
        makeExam({
          accession: 'B',
          patient_id: 'P1',
          performed_at: '2023-02-28T11:59:59Z',
          effective_dose_msv: 2,
        }),
        makeExam({
          accession: 'C',
          patient_id: 'P1',
          performed_at: '2024-02-29T12:00:00Z',
          effective_dose_msv: 4,
        }),
        makeExam({
          accession: 'D',
          patient_id: 'P1',
          performed_at: '2019-02-28T12:00:00Z',
          effective_dose_msv: 8,
        }),
        makeExam({
          accession: 'E',
          patient_id: 'P1',
          performed_at: '2019-02-28T11:00:00Z',
          effective_dose_msv: 16,
        }),
        // DLP only: adult head k 0.0021 -> 2.1 mSv
        makeExam({
          accession: 'F',
          patient_id: 'P1',
          performed_at: '2023-06-01T00:00:00Z',
          body_region: 'HEAD',
          dlp_mgycm: 1000,
        }),
        // nothing recorded: typical DX chest 0.1 mSv
        makeExam({
          accession: 'G',
          patient_id: 'P1',
          performed_at: '2023-07-01T00:00:00Z',
          modality: 'DX',
          body_region: 'CHEST',
        }),
        // ionizing with no typical dose: unknown, not zero
        makeExam({
          accession: 'H',
          patient_id: 'P1',
          performed_at: '2023-08-01T00:00:00Z',
          modality: 'XA',
          body_region: 'EXTREMITY',
        }),
        makeExam({
          accession: 'I',
          patient_id: 'P1',
          performed_at: '2023-09-01T00:00:00Z',
          modality: 'US',
          body_region: 'ABDOMEN',
        }),
        // child aged 6: head band 5 (0.0040) and abdomen mapped to ABDOMEN_PELVIS band 5 (0.020)
        makeExam({
          accession: 'K1',
          patient_id: 'P2',
          performed_at: '2022-06-01T00:00:00Z',
          body_region: 'HEAD',
          dlp_mgycm: 500,
        }),
        makeExam({
          accession: 'K2',
          patient_id: 'P2',
          performed_at: '2022-07-01T00:00:00Z',
          body_region: 'ABDOMEN',
          dlp_mgycm: 100,
        }),
        // infant (age 0): chest band 0 (0.039) -> 7.8, outside 5 years of the order
        makeExam({
          accession: 'K3',
          patient_id: 'P2',
          performed_at: '2017-01-01T00:00:00Z',
          body_region: 'CHEST',
          dlp_mgycm: 200,
        }),
        makeExam({
          accession: 'M1',
          patient_id: 'P3',
          performed_at: '2023-02-28T22:30:00Z',
          effective_dose_msv: 1,
        }),
        makeExam({
          accession: 'M2',
          patient_id: 'P3',
          performed_at: '2023-02-28T22:29:59Z',
          effective_dose_msv: 2,
        }),
        ...['2023-07-01', '2023-09-01', '2024-01-01'].map((day, index) =>
          makeExam({
            accession: `H${index}`,
            patient_id: 'P4',
            performed_at: `${day}T00:00:00Z`,
            body_region: 'HEAD',
            effective_dose_msv: 2,
          }),
        ),
      ],
    });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
    doses = await readOrderDose(database);
  });

  afterAll(async () => {
    await database.drop();
  });

  it('counts the 12-month window from its first instant, and not the exam at ordered_at', () => {
    // A 1 + F 2.1 + G 0.1 + I 0; B is one second too early, C is at ordered_at
    expect(doses.LEAP.ced_12m).toBeCloseTo(3.2, 6);
    expect(doses.LEAP.prior_ct_12m).toBe(2);
  });

  it('counts the 5-year window across a leap day and keeps the rest in all time', () => {
    expect(doses.LEAP.ced_5y).toBeCloseTo(13.2, 6); // + B 2 + D 8
    expect(doses.LEAP.ced_all).toBeCloseTo(29.2, 6); // + E 16
    expect(doses.LEAP.band).toBe('MODERATE');
  });

  it('counts an ionizing exam with no typical dose as unknown, not zero', () => {
    expect(doses.LEAP.unknown_12m).toBe(1);
    expect(doses.LEAP.unknown_all).toBe(1);
  });

  it('uses the k-factor of the patient age band and mapped region', async () => {
    expect(doses.CHILD.ced_5y).toBeCloseTo(4.0, 6); // 500 x 0.0040 + 100 x 0.020
    expect(doses.CHILD.ced_all).toBeCloseTo(11.8, 6); // + 200 x 0.039
    const exams: { accession: string; dose: number; dose_source: string }[] =
      await database.dataSource.query(
        `SELECT accession, effective_dose_msv::float8 AS dose, dose_source
         FROM exams JOIN exam_doses ON exam_doses.exam_id = exams.id ORDER BY accession`,
      );
    const byAccession = Object.fromEntries(exams.map((exam) => [exam.accession, exam]));
    expect(byAccession.F).toMatchObject({ dose: 2.1, dose_source: 'dlp_estimate' });
    expect(byAccession.G).toMatchObject({ dose: 0.1, dose_source: 'typical' });
    expect(byAccession.H).toMatchObject({ dose: null, dose_source: 'unknown' });
    expect(byAccession.I).toMatchObject({ dose: 0, dose_source: 'non_ionizing' });
    expect(byAccession.A).toMatchObject({ dose: 1, dose_source: 'recorded' });
  });

  it('reads an order time with a UTC offset at its instant', () => {
    expect(doses.OFFSET.ced_12m).toBeCloseTo(1, 6);
    expect(doses.OFFSET.ced_5y).toBeCloseTo(3, 6);
  });

  it('puts a patient with 3 CTs in 12 months in the HIGH band', () => {
    expect(doses.HIGH.prior_ct_12m).toBe(3);
    expect(doses.HIGH.ced_5y).toBeCloseTo(6, 6);
    expect(doses.HIGH.band).toBe('HIGH');
  });

  it('gives the same rows through the first-load statements as through the general ones', async () => {
    // rolled back: a QA exam, an exam without a stored dose, then every dose computed twice,
    // into emptied tables, by the general statements and by the first-load ones
    const rows = await database.dataSource
      .transaction(async (manager) => {
        await manager.query(CREATE_TOUCHED_PATIENTS);
        await manager.query('INSERT INTO touched_patients SELECT patient_id FROM patients');
        await manager.query(`UPDATE exams SET is_qa = true WHERE accession = 'F'`);
        const [{ method }] = await manager.query(
          `SELECT values->>'dose.method' AS method FROM settings_versions
           ORDER BY version DESC LIMIT 1`,
        );
        const read = async () => ({
          exams: await manager.query(EXAMS_WITH_DOSES),
          orders: await manager.query('SELECT * FROM order_dose ORDER BY order_pk'),
        });
        const compute = async (into: 'filled' | 'empty', reports: 'linked' | 'none') => {
          await manager.query('TRUNCATE exam_doses, order_dose');
          const bands = [50, 3, 10, 1];
          const examsWritten =
            into === 'filled'
              ? await rowsWritten(manager, effectiveDoseSql(TOUCHED_SCOPE, reports), [method])
              : await rowsWritten(manager, firstLoadEffectiveDoseSql(TOUCHED_SCOPE, reports), [
                  method,
                ]);
          await manager.query(
            `DELETE FROM exam_doses WHERE exam_id = (SELECT id FROM exams WHERE accession = 'G')`,
          );
          const ordersWritten =
            into === 'filled'
              ? await rowsWritten(manager, cumulativeDoseSql(TOUCHED_SCOPE), bands)
              : await insertInParallel(
                  manager,
                  'order_dose',
                  ORDER_DOSE_COLUMNS,
                  firstLoadCumulativeDoseSql(TOUCHED_SCOPE),
                  bands,
                );
          return { ...(await read()), written: [examsWritten, ordersWritten] };
        };
        const general = await compute('filled', 'linked');
        const firstLoad = await compute('empty', 'none');
        throw Object.assign(new Error('rollback'), { general, firstLoad });
      })
      .catch((error: Error & Record<string, unknown>) => {
        if (error.message !== 'rollback') throw error;
        return error as unknown as Record<'general' | 'firstLoad', Record<string, unknown[]>>;
      });
    expect(rows.general.exams).toHaveLength(17);
    expect(rows.general.orders).toHaveLength(4);
    // every exam's dose and every order's sums written, counted as written
    expect(rows.general.written).toEqual([17, 4]);
    expect(rows.firstLoad).toEqual(rows.general);
  });

  it("computes a first load's doses over every patient, not the temporary touched_patients", async () => {
    // parallel workers cannot read a temporary table: over touched_patients the first load's
    // cumulative dose was planned for one backend (10M orders: no worker ran)
    const statements = async (empty: boolean): Promise<string[]> =>
      database.dataSource
        .transaction(async (manager) => {
          await manager.query(CREATE_TOUCHED_PATIENTS);
          await manager.query('INSERT INTO touched_patients SELECT patient_id FROM patients');
          if (empty) await manager.query('TRUNCATE exam_doses, order_dose');
          const settings = await new SettingsService(database.dataSource).current();
          const sent = jest.spyOn(manager.queryRunner!, 'query');
          const counts = await new DoseService().recompute(manager, settings);
          const written = sent.mock.calls
            .map(([sql]) => sql)
            .filter((sql) => /INSERT INTO exam_doses|INTO order_dose|AS\s+WITH ced/.test(sql));
          sent.mockRestore();
          throw Object.assign(new Error('rollback'), { written, counts });
        })
        .catch((error: Error & { written?: string[] }) => {
          if (error.message !== 'rollback') throw error;
          return error.written ?? [];
        });
    const firstLoad = await statements(true);
    expect(firstLoad.length).toBeGreaterThanOrEqual(3);
    expect(firstLoad.filter((sql) => sql.includes('touched_patients'))).toEqual([]);
    // with doses already computed, a delta reads its touched patients only
    const delta = await statements(false);
    expect(delta).toHaveLength(2);
    for (const sql of delta) expect(sql).toContain('touched_patients');
  });

  it('leaves the first hospital untouched when a second hospital is imported', async () => {
    const before = await database.dataSource.query('SELECT * FROM order_dose ORDER BY order_pk');
    const examsBefore = await database.dataSource.query(EXAMS_WITH_DOSES);
    const second = await writeCsvFolder({
      patients: [makePatient({ patient_id: 'Q1' })],
      orders: [
        makeOrder({ order_id: 'Q-O1', patient_id: 'Q1', ordered_at: '2024-05-01T00:00:00Z' }),
      ],
      exams: [
        makeExam({
          accession: 'Q-A',
          patient_id: 'Q1',
          performed_at: '2024-01-01T00:00:00Z',
          effective_dose_msv: 7,
        }),
      ],
    });
    const summary = await new PipelineService(database.dataSource).importCsvFolder(second, {
      source: 'second-hospital',
    });
    expect(summary.touchedPatients).toBe(1);
    const after = await database.dataSource.query('SELECT * FROM order_dose ORDER BY order_pk');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    expect(Number(after[after.length - 1].ced_5y_msv)).toBeCloseTo(7, 6);
    const examsAfter = await database.dataSource.query(EXAMS_WITH_DOSES);
    expect(examsAfter.slice(0, examsBefore.length)).toEqual(examsBefore);
  });
});
