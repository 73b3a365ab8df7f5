import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RollupService } from '../../backend/src/modules/analytics/rollup.service.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { CaseEvidenceService } from '../../backend/src/modules/steering/case-evidence.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { SettingsService } from '../../backend/src/modules/settings/settings.service.js';
import {
  computeProviderPatterns,
  type PatternCountRow,
} from '../../backend/src/modules/steering/domain/compute-provider-patterns.js';
import {
  BUILD_ASSESS_FACTS,
  BUILD_ASSESS_FACTS_EVERY,
  BUILD_ASSESS_FACTS_WIDE,
  CREATE_ASSESS_SCOPE,
} from '../../backend/src/modules/steering/assessment.sql.js';
import { PatternOwnFacts1796000900200 } from '../../migrations/1796000900200-PatternOwnFacts.js';
import { makeExam, makeOrder, makePatient, writeCsvFolder } from '../factories/csv-folder.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

interface AssessmentSnapshot {
  order_pk: string;
  patient_id: string;
  provider_id: string | null;
  level: string | null;
  score: string | null;
  rest: string;
  assessed_at: string;
}

const snapshot = async (database: TestDatabase): Promise<Map<string, AssessmentSnapshot>> => {
  const rows: AssessmentSnapshot[] = await database.dataSource.query(`
    SELECT a.order_pk, o.patient_id, a.provider_id, a.level, a.score::text AS score,
           (to_jsonb(a) - 'level' - 'score' - 'assessed_at')::text AS rest,
           a.assessed_at::text AS assessed_at
    FROM order_assessments a JOIN orders o ON o.id = a.order_pk`);
  return new Map(rows.map((row) => [row.order_pk, row]));
};

const readPatterns = async (database: TestDatabase): Promise<Map<string, string>> => {
  const rows: { provider_id: string; pattern: string }[] = await database.dataSource.query(
    `SELECT provider_id, (shrunk_odds_ratio, round(reference_lower_95::numeric, 3))::text AS pattern
     FROM provider_patterns`,
  );
  return new Map(rows.map((row) => [row.provider_id, row.pattern]));
};

/** Every rollup table's rows, each as JSON text, in order. */
const readRollups = async (database: TestDatabase): Promise<string[][]> => {
  const tables = [
    'assessment_rollups',
    'department_rollups',
    'order_volume_rollups',
    'clinician_rollups',
    'clinician_totals',
  ];
  const read = async (table: string) =>
    (
      await database.dataSource.query(`SELECT to_jsonb(r)::text AS row FROM ${table} r ORDER BY 1`)
    ).map((row: { row: string }) => row.row);
  return Promise.all(tables.map(read));
};

/** The rollups as the analyses moved them equal a rebuild from every assessment. */
const expectRollupsEqualRebuild = async (database: TestDatabase): Promise<void> => {
  const moved = await readRollups(database);
  await new RollupService(database.dataSource).refreshAll();
  expect(moved).toEqual(await readRollups(database));
};

/** A fresh database holding a generated hospital of 12 months, imported and analysed. */
const importedHospital = async (patients: number, seed: number): Promise<TestDatabase> => {
  const database = await createTestDatabase();
  const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-incremental-'));
  await generateHospital({ patients, months: 12, seed, outDir: folder });
  await new PipelineService(database.dataSource).importCsvFolder(folder);
  return database;
};

describe('a delta import touching 100 patients', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await importedHospital(1500, 11);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('reassesses those patients and leaves every other patient untouched', async () => {
    const before = await snapshot(database);
    const patternsBefore = await readPatterns(database);
    const patients: { patient_id: string }[] = await database.dataSource.query(
      `SELECT DISTINCT patient_id FROM orders ORDER BY patient_id LIMIT 100`,
    );
    const touched = new Set(patients.map((row) => row.patient_id));
    // a prior CT abdomen-pelvis with a recorded 40 mSv a year before the window: raises CED
    const delta = await writeCsvFolder({
      orders: [],
      exams: patients.map((row, index) =>
        makeExam({
          accession: `DELTA-${index}`,
          patient_id: row.patient_id,
          performed_at: '2024-06-01T10:00:00Z',
          body_region: 'ABDOMEN_PELVIS',
          effective_dose_msv: 40,
        }),
      ),
    });
    const summary = await new PipelineService(database.dataSource).importCsvFolder(delta);
    expect(summary.touchedPatients).toBe(100);

    const after = await snapshot(database);
    const patternsAfter = await readPatterns(database);
    const changedProviders = new Set(
      [...patternsAfter]
        .filter(([id, pattern]) => patternsBefore.get(id) !== pattern)
        .map(([id]) => id),
    );
    expect(after.size).toBe(before.size);
    let touchedOrders = 0;
    let touchedChanged = 0;
    let rescored = 0;
    for (const [orderPk, previous] of before) {
      const current = after.get(orderPk)!;
      if (touched.has(previous.patient_id)) {
        touchedOrders += 1;
        if (current.rest !== previous.rest) touchedChanged += 1;
        continue;
      }
      // another patient's assessment: the same facts, not reassessed
      expect(current.rest).toBe(previous.rest);
      expect(current.assessed_at).toBe(previous.assessed_at);
      if (current.level !== previous.level || current.score !== previous.score) {
        // only a case of a clinician whose pattern this load changed may be rescored
        rescored += 1;
        expect(changedProviders.has(previous.provider_id ?? '*')).toBe(true);
      }
    }
    expect(touchedOrders).toBeGreaterThan(100);
    // the 40 mSv exam moves these patients' CED, so their assessments were recomputed
    expect(touchedChanged).toBeGreaterThan(0);
    expect(rescored).toBeLessThan(before.size / 10);
    // the rollups moved by the recorded changes hold what a rebuild from every assessment holds
    await expectRollupsEqualRebuild(database);
  });

  it('keeps the clinician pattern counts equal to a count over every assessment', async () => {
    const counted = `
      SELECT coalesce(provider_id, '') AS provider_id, indication_group, population, setting, band,
        count(*) FILTER (WHERE outcome IN ('SUBSTITUTED', 'DOWNGRADED'))::int AS away,
        count(*) FILTER (WHERE outcome IN ('SUBSTITUTED', 'DOWNGRADED')
          AND non_dose_reason IS NULL AND outcome_event <> 'timeout')::int AS away_unexplained,
        count(*)::int AS total
      FROM order_assessments
      WHERE is_opportunity AND outcome <> 'PENDING' AND exclusion IS NULL
        AND band IN ('HIGH', 'LOW')
      GROUP BY 1, 2, 3, 4, 5`;
    const kept = `SELECT provider_id, indication_group, population, setting, band, away,
        away_unexplained, total
      FROM provider_pattern_counts`;
    const [{ rows, differing }] = await database.dataSource.query(
      `SELECT (SELECT count(*)::int FROM (${kept}) k) AS rows,
              (SELECT count(*)::int FROM ((${kept} EXCEPT ${counted})
                                         UNION ALL (${counted} EXCEPT ${kept})) d) AS differing`,
    );
    expect(rows).toBeGreaterThan(0);
    expect(differing).toBe(0);
  });

  it("stores each clinician's pattern as computed from the count rows themselves", async () => {
    const settings = await new SettingsService(database.dataSource).current();
    const explained = settings.values['level.pattern_counts_explained_switches'];
    // the count rows one per band, as computeProviderPatterns takes them (the analysis reads
    // them folded, both bands of a stratum in one row)
    const rows: PatternCountRow[] = await database.dataSource.query(
      `SELECT provider_id AS "providerId",
         indication_group || '|' || population || '|' || setting AS stratum, band,
         CASE WHEN $1 THEN away ELSE away_unexplained END AS away, total
       FROM provider_pattern_counts
       ORDER BY provider_id, indication_group, population, setting, band`,
      [explained],
    );
    const stored: Record<string, string | number | null>[] = await database.dataSource.query(
      `SELECT provider_id, opportunities, high_opportunities, high_away, low_opportunities,
         low_away, odds_ratio, shrunk_odds_ratio, reference_odds_ratio, reference_lower_95,
         reference_q_value
       FROM provider_patterns ORDER BY provider_id COLLATE "C"`,
    );
    // the stored float8 columns to ten significant digits (one rounding either side)
    const figure = (value: number | null) =>
      value === null ? null : Number(Number(value).toPrecision(10));
    const computed = computeProviderPatterns(rows).map((pattern) => ({
      provider_id: pattern.providerId,
      opportunities: pattern.opportunities,
      high_opportunities: pattern.highOpportunities,
      high_away: pattern.highAway,
      low_opportunities: pattern.lowOpportunities,
      low_away: pattern.lowAway,
      odds_ratio: figure(pattern.oddsRatio),
      shrunk_odds_ratio: figure(pattern.shrunkOddsRatio),
      reference_odds_ratio: figure(pattern.referenceOddsRatio),
      reference_lower_95: figure(pattern.referenceLower95),
      reference_q_value: figure(pattern.referenceQValue),
    }));
    const read = stored.map((row) => ({
      ...row,
      odds_ratio: figure(row.odds_ratio as number | null),
      shrunk_odds_ratio: figure(row.shrunk_odds_ratio as number | null),
      reference_odds_ratio: figure(row.reference_odds_ratio as number | null),
      reference_lower_95: figure(row.reference_lower_95 as number | null),
      reference_q_value: figure(row.reference_q_value as number | null),
    }));
    expect(read.length).toBeGreaterThan(10);
    // clinicians with counts in both bands, and away-switches in the HIGH band
    const both = stored.filter(
      (row) => Number(row.high_opportunities) > 0 && Number(row.low_opportunities) > 0,
    );
    expect(both.length).toBeGreaterThan(5);
    expect(both.filter((row) => Number(row.high_away) > 0).length).toBeGreaterThan(1);
    expect(read).toEqual(computed);
  });

  it('moves the rollups by the cases a pattern change re-levels outside the delta', async () => {
    const db = database.dataSource;
    // the clinician with the most PROBABLE candidates (PROBABLE while their pattern stands
    // out, POSSIBLE while it does not), and where they work
    const [clinician]: {
      provider_id: string;
      name: string;
      department: string;
      standing_out: boolean;
    }[] = await db.query(
      `SELECT a.provider_id, p.name, d.name AS department,
         count(*) FILTER (WHERE a.level = 'PROBABLE') > 0 AS standing_out
       FROM order_assessments a JOIN orders o ON o.id = a.order_pk
       JOIN providers p ON p.provider_id = a.provider_id
       JOIN departments d ON d.id = o.department_id
       WHERE a.case_level = 'PROBABLE'
       GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 1, 3 LIMIT 1`,
    );
    expect(clinician).toBeDefined();
    const levelsOf = async (): Promise<Map<string, string>> =>
      new Map(
        (
          await db.query(
            `SELECT order_pk, level FROM order_assessments
             WHERE provider_id = $1 AND case_level IS NOT NULL`,
            [clinician.provider_id],
          )
        ).map((row: { order_pk: string; level: string }) => [row.order_pk, row.level]),
      );
    const before = await levelsOf();
    const [{ at }] = await db.query(`SELECT max(ordered_at) AS at FROM orders`);
    const orderedAt = new Date(at).getTime();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const day = 86_400_000;
    // 80 new HIGH-band patients (three 40 mSv CTs in the months before) for whom this clinician
    // ordered a CT for suspected PE: kept, when the pattern stood out (it stops, and cases
    // outside the delta fall from PROBABLE to POSSIBLE); else done as an ultrasound (rated 3),
    // and the pattern comes to stand out (cases outside the delta rise to PROBABLE)
    const patients = Array.from({ length: 80 }, (_, index) => `RELEVEL-${index}`);
    const delta = await writeCsvFolder({
      patients: patients.map((patient_id) => makePatient({ patient_id })),
      orders: patients.map((patient_id, index) =>
        makeOrder({
          order_id: `RELEVEL-O${index}`,
          patient_id,
          ordered_at: iso(orderedAt),
          provider_id: clinician.provider_id,
          provider_name: clinician.name,
          department: clinician.department,
        }),
      ),
      exams: patients.flatMap((patient_id, index) => [
        ...[30, 60, 90].map((days) =>
          makeExam({
            accession: `RELEVEL-PRIOR-${index}-${days}`,
            patient_id,
            performed_at: iso(orderedAt - days * day),
            effective_dose_msv: 40,
          }),
        ),
        makeExam({
          accession: `RELEVEL-${index}`,
          patient_id,
          order_id: `RELEVEL-O${index}`,
          performed_at: iso(orderedAt + 3_600_000),
          modality: clinician.standing_out ? 'CT' : 'US',
        }),
      ]),
    });
    try {
      await new PipelineService(db).importCsvFolder(delta);
    } finally {
      await rm(delta, { recursive: true, force: true });
    }
    const after = await levelsOf();
    const relevelled = [...before].filter(([orderPk, level]) => after.get(orderPk) !== level);
    expect(relevelled.length).toBeGreaterThan(0);
    await expectRollupsEqualRebuild(database);
  });

  it('rewrites only the cases a delta moves, and shows every case the patterns of now', async () => {
    const db = database.dataSource;
    interface StoredPattern {
      order_pk: string;
      patient_id: string;
      xmin: string;
      level: string | null;
      score: string | null;
    }
    const stored = async (): Promise<Map<string, StoredPattern>> =>
      new Map(
        (
          (await db.query(`
            SELECT s.order_pk, o.patient_id, s.xmin::text AS xmin, a.level, a.score::text AS score
            FROM order_signals s JOIN order_assessments a ON a.order_pk = s.order_pk
            JOIN orders o ON o.id = s.order_pk
            WHERE s.code = 'PATTERN'`)) as StoredPattern[]
        ).map((row) => [row.order_pk, row]),
      );
    const referenceOddsRatios = async (): Promise<Map<string, string>> =>
      new Map(
        (
          await db.query(
            `SELECT provider_id, round(reference_odds_ratio::numeric, 2)::text AS figure
             FROM provider_patterns WHERE reference_odds_ratio IS NOT NULL`,
          )
        ).map((row: { provider_id: string; figure: string }) => [row.provider_id, row.figure]),
      );
    const before = await stored();
    const figuresBefore = await referenceOddsRatios();
    // 100 patients the first delta did not touch get a 40 mSv exam: their CED moves, and with
    // it their clinicians' patterns
    const patients: { patient_id: string }[] = await db.query(
      `SELECT DISTINCT patient_id FROM orders ORDER BY patient_id DESC LIMIT 100`,
    );
    const touched = new Set(patients.map((row) => row.patient_id));
    const delta = await writeCsvFolder({
      orders: [],
      exams: patients.map((row, index) =>
        makeExam({
          accession: `DELTA-2-${index}`,
          patient_id: row.patient_id,
          performed_at: '2024-05-01T10:00:00Z',
          body_region: 'ABDOMEN_PELVIS',
          effective_dose_msv: 40,
        }),
      ),
    });
    try {
      await new PipelineService(db).importCsvFolder(delta);
    } finally {
      await rm(delta, { recursive: true, force: true });
    }
    const after = await stored();
    const figuresAfter = await referenceOddsRatios();
    expect(
      [...figuresAfter].filter(([id, figure]) => figuresBefore.get(id) !== figure).length,
    ).toBeGreaterThan(0);

    // outside the delta a case's PATTERN signal is rewritten exactly when its level or score
    // moves: the clinicians' figures, which every delta moves, are not stored with it
    const kept: string[] = [];
    for (const [orderPk, current] of after) {
      const previous = before.get(orderPk);
      if (touched.has(current.patient_id) || previous === undefined) continue;
      const moved = previous.level !== current.level || previous.score !== current.score;
      expect({ orderPk, rewritten: current.xmin !== previous.xmin }).toEqual({
        orderPk,
        rewritten: moved,
      });
      if (!moved) kept.push(orderPk);
    }
    // (33 cases in this hospital, 22 of them kept)
    expect(kept.length).toBeGreaterThan(10);

    // a case the delta did not rewrite still states its clinician's figures as they are now
    const [shown]: { order_id: string; provider_id: string }[] = await db.query(
      `SELECT o.order_id, a.provider_id FROM orders o
       JOIN order_assessments a ON a.order_pk = o.id
       WHERE o.id = ANY ($1::bigint[]) AND a.provider_id = ANY ($2::text[])
       ORDER BY o.id LIMIT 1`,
      [
        kept,
        [...figuresAfter]
          .filter(([id, figure]) => id !== '*' && figuresBefore.get(id) !== figure)
          .map(([id]) => id),
      ],
    );
    expect(shown).toBeDefined();
    const [evidence] = await new CaseEvidenceService(db).read(shown.order_id);
    const pattern = evidence.signals.find((signal) => signal.code === 'PATTERN');
    expect(pattern?.explanation).toContain(
      `vs the site's LOW-band, OR ${figuresAfter.get(shown.provider_id)} (95% CI`,
    );

    // and what a full reanalysis leaves: it moves no level, score or signal
    const everything = async (): Promise<string[]> =>
      (
        await db.query(
          `SELECT (a.order_pk, a.level, a.score, s.code, s.explanation, s.inputs)::text AS row
           FROM order_assessments a LEFT JOIN order_signals s ON s.order_pk = a.order_pk
           ORDER BY a.order_pk, s.code`,
        )
      ).map((row: { row: string }) => row.row);
    const analysed = await everything();
    await new PipelineService(db).analyse('all');
    expect(await everything()).toEqual(analysed);
  });
});

describe('pending orders on a delta that moves the newest data', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await importedHospital(1500, 13);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('times out the untouched patients pending long enough, and only those', async () => {
    const [{ newest, days }] = await database.dataSource.query(
      `SELECT greatest((SELECT max(ordered_at) FROM orders),
                       (SELECT max(performed_at) FROM exams)) AS newest,
         (SELECT ("values"->>'outcome.not_performed_days')::int FROM settings_versions
          ORDER BY version DESC LIMIT 1) AS days`,
    );
    const pending: { order_pk: string; patient_id: string; ordered_at: Date }[] =
      await database.dataSource.query(
        `SELECT a.order_pk, o.patient_id, o.ordered_at FROM order_assessments a
         JOIN orders o ON o.id = a.order_pk WHERE a.outcome_modality = 'PENDING'
         ORDER BY o.ordered_at`,
      );
    expect(pending.length).toBeGreaterThan(2);
    // the newest data moves to halfway between the oldest and the newest pending order's
    // timeout: the older ones time out, the younger ones stay pending
    const timeout = (at: Date) => at.getTime() + days * 86_400_000;
    const moved = new Date(
      (timeout(pending[0].ordered_at) + timeout(pending.at(-1)!.ordered_at)) / 2,
    );
    const [other] = await database.dataSource.query(
      `SELECT patient_id FROM patients
       WHERE patient_id <> ALL ($1::text[]) ORDER BY patient_id LIMIT 1`,
      [pending.map((row) => row.patient_id)],
    );
    // each analysis records the newest data time it assessed against: the next one reads only
    // the pending orders whose timeout came after it
    const recorded = async (): Promise<number> =>
      new Date(
        (await database.dataSource.query('SELECT newest_at FROM assessment_newest'))[0].newest_at,
      ).getTime();
    expect(await recorded()).toBe(newest.getTime());
    const before = await snapshot(database);
    const delta = await writeCsvFolder({
      orders: [],
      exams: [
        makeExam({
          accession: 'DELTA-NEWEST',
          patient_id: other.patient_id,
          performed_at: moved.toISOString().replace(/\.\d{3}Z$/, 'Z'),
          modality: 'DX',
          body_region: 'CHEST',
        }),
      ],
    });
    const summary = await new PipelineService(database.dataSource).importCsvFolder(delta);
    expect(summary.touchedPatients).toBe(1);
    expect(
      new Date(
        (await database.dataSource.query(`SELECT max(performed_at) AS at FROM exams`))[0].at,
      ).getTime(),
    ).toBeGreaterThan(newest.getTime());
    const after = await snapshot(database);
    // (the exam's time as written: whole seconds)
    expect(await recorded()).toBe(Math.floor(moved.getTime() / 1000) * 1000);
    const timedOut = pending.filter((row) => timeout(row.ordered_at) <= moved.getTime());
    const waiting = pending.filter((row) => timeout(row.ordered_at) > moved.getTime());
    expect(timedOut.length).toBeGreaterThan(0);
    expect(waiting.length).toBeGreaterThan(0);
    for (const row of timedOut) {
      expect(JSON.parse(after.get(row.order_pk)!.rest).outcome_modality).not.toBe('PENDING');
    }
    for (const row of waiting) {
      // not reassessed: the same row, written by the first load
      expect(after.get(row.order_pk)).toEqual(before.get(row.order_pk));
      expect(JSON.parse(after.get(row.order_pk)!.rest).outcome_modality).toBe('PENDING');
    }
    // with nothing new, no pending order can have changed: none is assessed again
    const stale = await new PipelineService(database.dataSource).analyse('stale');
    expect(stale.ordersInScope).toBe(0);
    // everything the delta left is what assessing every order again gives
    await new PipelineService(database.dataSource).analyse('all');
    expect(await snapshot(database)).toEqual(after);
  });
});

describe('a first load, assessed with plain inserts and the facts read by joins', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await importedHospital(2000, 12);
  });
  afterAll(async () => {
    await database.drop();
  });

  const signals = async (): Promise<string[]> =>
    (
      await database.dataSource.query(
        `SELECT (to_jsonb(s))::text AS row FROM order_signals s ORDER BY order_pk, code`,
      )
    ).map((row: { row: string }) => row.row);

  it('stores what the upsert of a reassessment stores: analyse --all rewrites no row', async () => {
    const before = await snapshot(database);
    const signalsBefore = await signals();
    expect(before.size).toBeGreaterThan(800);
    expect(signalsBefore.length).toBeGreaterThan(100);
    // the first load scored its cases by themselves (SCORE_FIRST_CASES); analyse --all scores
    // every order in scope (SCORE_CASES): the same levels, scores and PATTERN evidence
    expect([...before.values()].filter((row) => row.level !== null).length).toBeGreaterThan(20);
    expect(signalsBefore.filter((row) => row.includes('"code": "PATTERN"')).length).toBeGreaterThan(
      20,
    );
    // the rebuilt indexes are back, as the migrations define them (the partial ones too)
    const [{ indexes }] = await database.dataSource.query(
      `SELECT count(*)::int AS indexes FROM pg_indexes WHERE tablename = 'order_assessments'`,
    );
    expect(indexes).toBe(9);

    await new PipelineService(database.dataSource).analyse('all');
    // UPSERT_ASSESSMENTS rewrites a row (and moves its assessed_at) only when a column differs
    expect(await snapshot(database)).toEqual(before);
    expect(await signals()).toEqual(signalsBefore);
  });

  it('reads the same facts by key and by joins', async () => {
    const digests = await database.dataSource.transaction(async (manager) => {
      await manager.query(CREATE_ASSESS_SCOPE);
      await manager.query('INSERT INTO assess_scope SELECT id FROM orders');
      const [{ version }] = await manager.query(
        'SELECT max(version)::int AS version FROM reference_versions',
      );
      const read = async (sql: string) => {
        await manager.query(sql, [version, 30, 30]);
        const [{ digest, rows }] = await manager.query(
          `SELECT md5(string_agg(f::text, E'\\n' ORDER BY f.order_pk)) AS digest,
                  count(*)::int AS rows
           FROM assess_facts f`,
        );
        await manager.query('DROP TABLE assess_facts');
        return { digest, rows };
      };
      // every order is in scope here, so the form that reads the tables whole applies too; it
      // must leave out the exams of no order, which the joins with the scope never met
      const [{ unordered }] = await manager.query(
        'SELECT count(*)::int AS unordered FROM exams WHERE order_pk IS NULL',
      );
      expect(unordered).toBeGreaterThan(100);
      return [
        await read(BUILD_ASSESS_FACTS),
        await read(BUILD_ASSESS_FACTS_WIDE),
        await read(BUILD_ASSESS_FACTS_EVERY),
      ];
    });
    expect(digests[0].rows).toBeGreaterThan(800);
    expect(digests[1]).toEqual(digests[0]);
    expect(digests[2]).toEqual(digests[0]);
  });

  it("turns PATTERN signals stored with the figures into the case's own facts (migration)", async () => {
    const runner = database.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const stored = async (): Promise<string[]> =>
        (
          await runner.query(
            `SELECT (order_pk, explanation, inputs)::text AS row FROM order_signals
             WHERE code = 'PATTERN' ORDER BY order_pk`,
          )
        ).map((row: { row: string }) => row.row);
      const analysed = await stored();
      expect(analysed.length).toBeGreaterThan(20);
      // the form the analysis wrote before: the figures of the day (the text is cut short here)
      await runner.query(`
        UPDATE order_signals s SET
          explanation = CASE WHEN pp.provider_id IS NULL
                             THEN 'no clinician on the order, site pattern: away-switches …'
                             ELSE 'clinician pattern: away-switches …' END,
          inputs = jsonb_build_object(
            'shrunk_odds_ratio', coalesce(pp.shrunk_odds_ratio, site.shrunk_odds_ratio, 1),
            'odds_ratio', pp.odds_ratio, 'reference_q_value', pp.reference_q_value,
            'compared_clinicians', site.compared_clinicians, 'max_q', 0.05,
            'at_entry', (s.inputs ->> 'at_entry')::boolean, 'settings_version', 1)
        FROM order_assessments a
        LEFT JOIN provider_patterns pp ON pp.provider_id = a.provider_id
        LEFT JOIN provider_patterns site ON site.provider_id = '*'
        WHERE s.code = 'PATTERN' AND a.order_pk = s.order_pk`);
      expect(await stored()).not.toEqual(analysed);
      await new PatternOwnFacts1796000900200().up(runner);
      expect(await stored()).toEqual(analysed);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
