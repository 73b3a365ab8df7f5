import {
  CaseEvidenceService,
  formatCaseEvidence,
} from '../../backend/src/modules/steering/case-evidence.service.js';
import { ExportService } from '../../backend/src/modules/export/export.service.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { SettingsService } from '../../backend/src/modules/settings/settings.service.js';
import { readFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeExam, makeOrder, makePatient, writeCsvFolder } from '../factories/csv-folder.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

type Row = Record<string, string | number | boolean | null | undefined>;

/** Three prior CTs in the 12 months before 2024-06: the HIGH band. */
const highHistory = (patientId: string): Row[] =>
  ['2023-09-01', '2023-12-01', '2024-03-01'].map((day, index) =>
    makeExam({
      accession: `H-${patientId}-${index}`,
      patient_id: patientId,
      performed_at: `${day}T09:00:00Z`,
      body_region: 'CHEST',
      effective_dose_msv: 7,
    }),
  );

/**
 * A small hospital. Clinician DR-S switches most HIGH-band patients' indicated CT to US
 * (a steering pattern); DR-N switches nobody. Named cases test each rule.
 */
function buildHospital() {
  const patients: Row[] = [];
  const orders: Row[] = [];
  const changes: Row[] = [];
  const exams: Row[] = [];
  const order = (id: string, patientId: string, provider: string, extra: Row = {}) => {
    orders.push(
      makeOrder({
        order_id: id,
        patient_id: patientId,
        provider_id: provider,
        provider_name: provider,
        ordered_at: '2024-06-10T10:00:00Z',
        ...extra,
      }),
    );
  };
  const change = (orderId: string, extra: Row) =>
    changes.push({ order_id: orderId, changed_at: '2024-06-10T13:00:00Z', ...extra });
  const performed = (orderId: string, patientId: string, modality: string) =>
    exams.push(
      makeExam({
        accession: `X-${orderId}`,
        patient_id: patientId,
        order_id: orderId,
        performed_at: '2024-06-10T15:00:00Z',
        modality,
      }),
    );

  for (let index = 0; index < 60; index += 1) {
    const high = index < 20;
    for (const provider of ['DR-S', 'DR-N']) {
      const patientId = `${provider}-P${index}`;
      const orderId = `${provider}-O${index}`;
      patients.push(makePatient({ patient_id: patientId }));
      if (high) exams.push(...highHistory(patientId));
      order(orderId, patientId, provider, { requested_procedure: 'CT pulmonary angiography' });
      const switched = provider === 'DR-S' ? high && index < 14 : index === 30;
      if (switched) {
        change(orderId, {
          action: 'MODALITY_CHANGE',
          new_modality: 'US',
          reason: 'changed per provider',
        });
        performed(orderId, patientId, 'US');
      } else {
        performed(orderId, patientId, 'CT');
      }
    }
  }
  const named = (patientId: string, history: boolean) => {
    patients.push(makePatient({ patient_id: patientId }));
    if (history) exams.push(...highHistory(patientId));
  };
  // DOCUMENTED: dose wording in the change reason
  named('DOC', false);
  order('O-DOC', 'DOC', 'DR-N');
  change('O-DOC', { action: 'CANCEL', reason: 'pt has had too many CTs, limit further radiation' });
  // operational reason: no PROBABLE even for DR-S and a HIGH patient
  named('OPS', true);
  order('O-OPS', 'OPS', 'DR-S');
  change('O-OPS', {
    action: 'MODALITY_CHANGE',
    new_modality: 'US',
    reason: 'CT scanner down for maintenance',
  });
  // pregnancy: an away-switch cleared by an exclusion
  named('PREG', true);
  order('O-PREG', 'PREG', 'DR-S', {
    pregnancy_status: 'PREGNANT',
    indication_code: 'I26.99;Z33.1',
  });
  change('O-PREG', {
    action: 'MODALITY_CHANGE',
    new_modality: 'US',
    reason: 'changed per provider',
  });
  // contrast allergy with a contrast exam (PE: CT angiography)
  named('ALLERGY', true);
  order('O-ALLERGY', 'ALLERGY', 'DR-S', { contrast_allergy: 'true' });
  change('O-ALLERGY', { action: 'CANCEL', reason: 'changed per provider' });
  // not an opportunity: RUQ pain is US first
  named('RUQ', true);
  order('O-RUQ', 'RUQ', 'DR-S', { indication_code: 'R10.11', requested_modality: 'CT' });
  change('O-RUQ', {
    action: 'MODALITY_CHANGE',
    new_modality: 'US',
    reason: 'changed per provider',
  });
  // unmapped indication
  named('UNMAPPED', false);
  order('O-UNMAPPED', 'UNMAPPED', 'DR-N', { indication_code: 'Z00.00' });
  // downgraded at order entry for a HIGH patient by DR-N, whose pattern does not stand out:
  // POSSIBLE
  named('ENTRY', true);
  order('O-ENTRY', 'ENTRY', 'DR-N', { requested_modality: 'US' });
  performed('O-ENTRY', 'ENTRY', 'US');
  // the same by DR-S, whose pattern stands out: PROBABLE (level.at_entry_probable)
  named('ENTRY-S', true);
  order('O-ENTRY-S', 'ENTRY-S', 'DR-S', { requested_modality: 'US' });
  performed('O-ENTRY-S', 'ENTRY-S', 'US');
  // the same by DR-S with an operational reason in the order comment: POSSIBLE
  named('ENTRY-OPS', true);
  order('O-ENTRY-OPS', 'ENTRY-OPS', 'DR-S', {
    requested_modality: 'US',
    comment: 'CT scanner down for maintenance',
  });
  performed('O-ENTRY-OPS', 'ENTRY-OPS', 'US');
  // cascade: CT 5 days after the US substitute
  exams.push(
    makeExam({
      accession: 'CASCADE',
      patient_id: 'DR-S-P0',
      performed_at: '2024-06-15T10:00:00Z',
      body_region: 'CHEST',
    }),
  );
  // not a cascade: a CT of another body region (HEAD) 5 days after DR-S-O1's US substitute
  exams.push(
    makeExam({
      accession: 'OTHER-REGION',
      patient_id: 'DR-S-P1',
      performed_at: '2024-06-15T10:00:00Z',
      procedure: 'CT head without contrast',
      body_region: 'HEAD',
    }),
  );
  return { patients, orders, order_changes: changes, exams };
}

interface AssessmentRow {
  order_id: string;
  outcome: string;
  outcome_modality: string;
  level: string | null;
  case_level: string | null;
  exclusion: string | null;
  band: string;
  indication_group: string | null;
  score: number | null;
  signals: string | null;
}

const readAssessments = async (database: TestDatabase): Promise<Record<string, AssessmentRow>> => {
  const rows: AssessmentRow[] = await database.dataSource.query(`
    SELECT o.order_id, a.outcome, a.outcome_modality, a.level, a.case_level, a.exclusion, a.band,
           a.indication_group, a.score::float8 AS score,
           (SELECT string_agg(code, ';' ORDER BY code) FROM order_signals s
            WHERE s.order_pk = a.order_pk AND code LIKE 'E%') AS signals
    FROM order_assessments a JOIN orders o ON o.id = a.order_pk`);
  return Object.fromEntries(rows.map((row) => [row.order_id, row]));
};

describe('detection engine on a hand-built hospital', () => {
  let database: TestDatabase;
  let assessments: Record<string, AssessmentRow>;

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await writeCsvFolder(buildHospital());
    await new PipelineService(database.dataSource).importCsvFolder(folder);
    assessments = await readAssessments(database);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('flags dose wording on a cancelled indicated CT as DOCUMENTED with its evidence', async () => {
    expect(assessments['O-DOC']).toMatchObject({
      outcome: 'DOWNGRADED',
      outcome_modality: 'CANCELLED',
      level: 'DOCUMENTED',
      signals: 'E1;E2',
    });
    const signals: { code: string; explanation: string }[] = await database.dataSource.query(
      `SELECT code, explanation FROM order_signals s JOIN orders o ON o.id = s.order_pk
       WHERE o.order_id = 'O-DOC' ORDER BY code`,
    );
    expect(signals[0].explanation).toMatch(
      /^dose rationale in text: ".*too many CTs.*" \(in cancel reason\)$/,
    );
    expect(signals[1].explanation).toBe(
      'cancelled the CT order 3 h after it was placed; reason: "pt has had too many CTs, limit further radiation"',
    );
  });

  it('makes a silent switch PROBABLE only for a clinician whose pattern is dose-driven', () => {
    expect(assessments['DR-S-O1']).toMatchObject({
      band: 'HIGH',
      outcome: 'DOWNGRADED', // US is rated 3 for suspected PE
      case_level: 'PROBABLE',
      level: 'PROBABLE',
      signals: 'E2;E3',
    });
    // DR-N's single silent switch is of a LOW-band patient: no E3, not flagged
    expect(assessments['DR-N-O30']).toMatchObject({ band: 'LOW', level: null });
  });

  it('adds the cascade (E5) only for the requested modality and body region', () => {
    expect(assessments['DR-S-O0'].signals).toBe('E2;E3;E5');
    // DR-S-O1's patient had a CT of the HEAD after the switch from a chest CT: no cascade
    expect(assessments['DR-S-O1'].signals).toBe('E2;E3');
    expect(assessments['DR-S-O0'].score).toBeGreaterThan(assessments['DR-S-O1'].score ?? 0);
  });

  it('reads a case back with every piece of its evidence', async () => {
    const [evidence] = await new CaseEvidenceService(database.dataSource).read('DR-S-O0');
    const text = formatCaseEvidence(evidence);
    expect(text.split('\n')).toEqual([
      'Order DR-S-O0 (csv), ordered 2024-06-10T10:00:00Z: CT for I26.99 (PULMONARY_EMBOLISM, ADULT)',
      'Outcome: US → DOWNGRADED; dose-history band HIGH',
      `Level: PROBABLE, score ${assessments['DR-S-O0'].score}`,
      '  E2: changed CT→US 3 h after order; reason: "changed per provider"',
      '  E3: CED 5 y 21.0 mSv, 12 months 21.0 mSv, 3 CT in 12 months (HIGH)',
      '  E5: CT CHEST performed 5 days after the US substitute (the originally requested modality and body region, CHEST)',
      expect.stringMatching(
        /^ {2}PATTERN: clinician pattern: away-switches of HIGH-band patients vs the site's LOW-band, OR \d/,
      ),
      'Computed under settings version 1, reference version 1, lexicon 1.0.0.',
    ]);
  });

  it('lets a recognised operational reason stop PROBABLE', () => {
    expect(assessments['O-OPS']).toMatchObject({ outcome: 'DOWNGRADED', level: null });
  });

  it("counts only unexplained decisions in the clinician's pattern, unless the setting counts every switch", async () => {
    const readDrS = async () =>
      (
        await database.dataSource.query(
          `SELECT high_opportunities, high_away FROM provider_patterns WHERE provider_id = 'DR-S'`,
        )
      )[0];
    // DR-S's HIGH band: 20 patients (14 switched "per provider"), O-ENTRY-S (placed at entry
    // for US: an unexplained decision), and O-OPS and O-ENTRY-OPS, away with an operational
    // reason: opportunities, but explained switches (O-PREG and O-ALLERGY are excluded, O-RUQ
    // is no opportunity)
    expect(await readDrS()).toEqual({ high_opportunities: 23, high_away: 15 });
    const settings = new SettingsService(database.dataSource);
    await settings.set('level.pattern_counts_explained_switches', 'yes', 'test');
    await new PipelineService(database.dataSource).analyse();
    expect(await readDrS()).toEqual({ high_opportunities: 23, high_away: 17 });
    await settings.set('level.pattern_counts_explained_switches', 'no', 'test');
    await new PipelineService(database.dataSource).analyse();
    expect(await readDrS()).toEqual({ high_opportunities: 23, high_away: 15 });
    assessments = await readAssessments(database);
  });

  it('clears away-switches with an exclusion and never flags them', () => {
    expect(assessments['O-PREG']).toMatchObject({ level: 'EXCLUDED', exclusion: 'PREGNANCY' });
    expect(assessments['O-ALLERGY']).toMatchObject({
      level: 'EXCLUDED',
      exclusion: 'CONTRAST_ALLERGY',
    });
  });

  it('does not treat a US-first indication as an opportunity, and counts unmapped orders', () => {
    expect(assessments['O-RUQ']).toMatchObject({ outcome: 'NOT_OPPORTUNITY', level: null });
    expect(assessments['O-UNMAPPED']).toMatchObject({
      outcome: 'UNMAPPED',
      indication_group: null,
    });
  });

  it('leaves a HIGH-band order placed at entry POSSIBLE when the clinician does not stand out', () => {
    expect(assessments['O-ENTRY']).toMatchObject({
      outcome: 'DOWNGRADED',
      case_level: 'PROBABLE',
      level: 'POSSIBLE',
      signals: 'E3',
    });
  });

  it('makes a HIGH-band order placed at entry PROBABLE under the gate, and says why', async () => {
    expect(assessments['O-ENTRY-S']).toMatchObject({
      band: 'HIGH',
      outcome: 'DOWNGRADED',
      level: 'PROBABLE',
      signals: 'E3',
    });
    const [evidence] = await new CaseEvidenceService(database.dataSource).read('O-ENTRY-S');
    const pattern = evidence.signals.find((signal) => signal.code === 'PATTERN');
    expect(pattern?.explanation).toMatch(
      /^clinician pattern: .*1 of 2 clinicians compared stand out; one-sided p = [<\d. ]+, adjusted q = [<\d. ]+ \(Benjamini–Hochberg; PROBABLE needs q <= 0\.05\); placed at order entry for US \(rated 3\) in a HIGH-band patient, with no recognised non-dose reason, by a clinician whose pattern stands out: PROBABLE \(setting level\.at_entry_probable\)$/,
    );
    const [notGated] = await new CaseEvidenceService(database.dataSource).read('O-ENTRY');
    expect(notGated.signals.find((signal) => signal.code === 'PATTERN')?.explanation).toMatch(
      /so the case is POSSIBLE, not PROBABLE; placed at order entry for US \(rated 3\) in a HIGH-band patient: PROBABLE only when the clinician's pattern stands out/,
    );
  });

  it('keeps a HIGH-band order placed at entry with an operational reason POSSIBLE', () => {
    expect(assessments['O-ENTRY-OPS']).toMatchObject({
      band: 'HIGH',
      outcome: 'DOWNGRADED',
      case_level: 'POSSIBLE',
      level: 'POSSIBLE',
      signals: 'E3',
    });
  });

  it("restores DESIGN's levels with level.at_entry_probable off, and back", async () => {
    const settings = new SettingsService(database.dataSource);
    await settings.set('level.at_entry_probable', 'off', 'test');
    const summary = await new PipelineService(database.dataSource).analyse();
    expect(summary.ordersInScope).toBe(Object.keys(assessments).length);
    const off = await readAssessments(database);
    for (const id of ['O-ENTRY-S', 'O-ENTRY', 'O-ENTRY-OPS']) {
      expect(off[id]).toMatchObject({ case_level: 'POSSIBLE', level: 'POSSIBLE' });
    }
    const [evidence] = await new CaseEvidenceService(database.dataSource).read('O-ENTRY-S');
    expect(evidence.signals.find((signal) => signal.code === 'PATTERN')?.explanation).not.toMatch(
      /order entry/,
    );
    // nothing but the at-entry cases moves (their scores follow the level)
    const moved = Object.keys(off).filter(
      (id) => JSON.stringify(off[id]) !== JSON.stringify(assessments[id]),
    );
    expect(moved.sort()).toEqual(['O-ENTRY', 'O-ENTRY-S']);
    await settings.set('level.at_entry_probable', 'on', 'test');
    await new PipelineService(database.dataSource).analyse();
    expect(await readAssessments(database)).toEqual(assessments);
  });

  it('changes nothing when analyse runs again', async () => {
    const before = await database.dataSource.query(
      'SELECT * FROM order_assessments ORDER BY order_pk',
    );
    const signals = await database.dataSource.query(
      'SELECT * FROM order_signals ORDER BY order_pk, code',
    );
    const summary = await new PipelineService(database.dataSource).analyse('all');
    expect(summary.providersRescored).toBe(0);
    expect(
      await database.dataSource.query('SELECT * FROM order_assessments ORDER BY order_pk'),
    ).toEqual(before);
    expect(
      await database.dataSource.query('SELECT * FROM order_signals ORDER BY order_pk, code'),
    ).toEqual(signals);
  });

  it('exports the cases in the documented format, byte-identical twice', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-export-'));
    const exporter = new ExportService(database.dataSource);
    await exporter.exportCases(path.join(folder, 'a.csv'));
    await exporter.exportCases(path.join(folder, 'b.csv'));
    const text = await readFile(path.join(folder, 'a.csv'), 'utf8');
    expect(await readFile(path.join(folder, 'b.csv'), 'utf8')).toBe(text);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe(
      'order_id,patient_id,ordered_at,department,provider_id,indication_code,requested_modality,' +
        'outcome_modality,level,score,ced_5y_msv,signals,exclusion,review_status',
    );
    const doc = lines.find((line) => line.startsWith('O-DOC,'));
    expect(doc).toMatch(
      /^O-DOC,DOC,2024-06-10T10:00:00Z,Emergency,DR-N,I26\.99,CT,CANCELLED,DOCUMENTED,\d+,0,E1;E2,,OPEN$/,
    );
    expect(lines.some((line) => line.startsWith('O-PREG,') && line.includes(',EXCLUDED,'))).toBe(
      true,
    );
  });

  it('does not recompute doses for a setting that does not affect them', async () => {
    const doses = await database.dataSource.query('SELECT * FROM order_dose ORDER BY order_pk');
    const before = await readAssessments(database);
    // a new version of a setting no dose depends on: assessments move to it, doses stay
    await new SettingsService(database.dataSource).set('cascade.days', '30', 'test');
    const summary = await new PipelineService(database.dataSource).analyse();
    expect(summary.ordersRedosed).toBe(0);
    expect(summary.steps?.map((step) => step.step)).not.toContain('dose');
    expect(summary.ordersInScope).toBe(Object.keys(before).length);
    expect(await database.dataSource.query('SELECT * FROM order_dose ORDER BY order_pk')).toEqual(
      doses,
    );
  });

  it('re-runs under a new settings version and changes only what the setting affects', async () => {
    const before = await readAssessments(database);
    // HIGH now needs 4 CTs in 12 months: the three-CT patients fall to MODERATE (CED 5 y 21 < 50)
    await new SettingsService(database.dataSource).set('band.high_ct_12m', '4', 'test');
    const summary = await new PipelineService(database.dataSource).analyse();
    // every order's dose row moves to the new settings version, and is counted (it read 0)
    const [{ orders }] = await database.dataSource.query(
      'SELECT count(*)::int AS orders FROM order_dose',
    );
    expect(orders).toBeGreaterThan(0);
    expect(summary.ordersRedosed).toBe(orders);
    const after = await readAssessments(database);
    expect(after['DR-S-O1']).toMatchObject({ band: 'MODERATE', level: null });
    expect(after['O-ENTRY']).toMatchObject({ band: 'MODERATE', level: null });
    // DOCUMENTED does not depend on the band; only its score follows DR-N's pattern, which the
    // new bands change
    expect({ ...after['O-DOC'], score: null }).toEqual({ ...before['O-DOC'], score: null });
    expect(after['O-PREG']).toEqual({ ...before['O-PREG'], band: 'MODERATE', signals: 'E2' });
    expect(after['O-PREG'].score).toBe(0); // a cleared case is not ranked
    const versions = await database.dataSource.query(
      'SELECT DISTINCT settings_version FROM order_assessments',
    );
    // two versions by the pattern test, two by the at-entry test
    expect(versions).toEqual([{ settings_version: 7 }]);
  });
});
