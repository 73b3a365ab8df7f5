import type { DataSource } from 'typeorm';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { LEXICON_VERSION } from '../../backend/src/modules/steering/domain/index.js';
import {
  summariseOrderTexts,
  type OrderTexts,
} from '../../backend/src/modules/steering/summarise-order-texts.js';
import { makeOrder, makePatient, writeCsvFolder } from '../factories/csv-folder.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/** What the lexicon answers for each order, from its texts as stored. */
async function expectedFacts(dataSource: DataSource): Promise<unknown[]> {
  const rows: OrderTexts[] = await dataSource.query(`
    SELECT o.id::text AS order_pk, o.comment, o.indication_text,
      coalesce((SELECT json_agg(json_build_object('action', c.action, 'reason', c.reason)
                                ORDER BY c.changed_at, c.action)
                FROM order_changes c WHERE c.order_pk = o.id), '[]'::json) AS changes
    FROM orders o ORDER BY o.id`);
  return rows.map((row) => {
    const facts = summariseOrderTexts(row);
    return {
      order_pk: facts.orderPk,
      dose_phrase: facts.dosePhrase,
      dose_text: facts.doseText,
      negated_by: facts.negatedBy,
      exclusion_codes: facts.exclusionCodes,
      exclusion_phrase: facts.exclusionPhrases.join(' | ') || null,
      non_dose_reason: facts.nonDoseReason,
      lexicon_version: LEXICON_VERSION,
    };
  });
}

/** order_text_facts as stored, by order key (a number, as expectedFacts). */
const storedFacts = (dataSource: DataSource): Promise<unknown[]> =>
  dataSource.query(`SELECT order_pk::text AS order_pk, dose_phrase, dose_text,
    negated_by, exclusion_codes, exclusion_phrase, non_dose_reason, lexicon_version
    FROM order_text_facts t ORDER BY t.order_pk`);

/**
 * order_text_facts holds, for every order, what the lexicon reads in its texts: through COPY
 * (tabs and line breaks inside a phrase), set-based for the orders without any text, on a first
 * load straight into the table and afterwards through the stage and its upsert.
 */
describe('order text facts', () => {
  let database: TestDatabase;

  const orders = [
    makeOrder({ order_id: 'NONE', indication_text: null, comment: null }),
    makeOrder({ order_id: 'CHANGE-NO-REASON', indication_text: null, comment: null }),
    makeOrder({ order_id: 'BLANK', indication_text: null, comment: '   ' }),
    makeOrder({ order_id: 'TAB', comment: 'pt has had too\tmany CTs this year' }),
    makeOrder({
      order_id: 'LINE',
      indication_text: null,
      comment: 'pt has had too many\nCTs this year',
    }),
    makeOrder({ order_id: 'REASON', indication_text: null, comment: null }),
    makeOrder({ order_id: 'PLAIN', comment: 'CT scanner down for maintenance' }),
  ];
  const changes = [
    { order_id: 'CHANGE-NO-REASON', changed_at: '2024-03-01T12:00:00Z', action: 'CANCEL' },
    {
      order_id: 'REASON',
      changed_at: '2024-03-01T12:00:00Z',
      action: 'CANCEL',
      reason: 'no radiation concerns \\ MRI for clinical reasons',
    },
  ];

  const expected = (): Promise<unknown[]> => expectedFacts(database.dataSource);
  const stored = (): Promise<unknown[]> => storedFacts(database.dataSource);

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await writeCsvFolder({
      patients: [makePatient()],
      orders,
      order_changes: changes,
    });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('stores what the lexicon reads in each order, written on the first load', async () => {
    const facts = await stored();
    expect(facts).toEqual(await expected());
    expect(facts).toHaveLength(orders.length);
    // the texts reached the lexicon with their tabs and line breaks, and the phrases came back
    const byOrder = await database.dataSource.query(
      `SELECT o.order_id, t.dose_phrase, t.exclusion_codes, t.non_dose_reason
       FROM order_text_facts t JOIN orders o ON o.id = t.order_pk ORDER BY o.order_id`,
    );
    expect(byOrder).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ order_id: 'TAB', dose_phrase: 'has had too\tmany CTs' }),
        expect.objectContaining({ order_id: 'LINE', dose_phrase: 'has had too many\nCTs' }),
        expect.objectContaining({
          order_id: 'REASON',
          non_dose_reason: expect.stringMatching(/^dose ruled out: "/),
        }),
        expect.objectContaining({ order_id: 'NONE', dose_phrase: null, exclusion_codes: [] }),
      ]),
    );
  });

  it('rewrites missing and wrong facts through the upsert when analyse runs again', async () => {
    const before = await stored();
    await database.dataSource.query(
      `DELETE FROM order_text_facts WHERE order_pk IN (SELECT min(order_pk) FROM order_text_facts)`,
    );
    await database.dataSource.query(
      `UPDATE order_text_facts SET dose_phrase = 'wrong', exclusion_codes = '{X}'
       WHERE order_pk IN (SELECT max(order_pk) FROM order_text_facts)`,
    );
    await new PipelineService(database.dataSource).analyse('all');
    expect(await stored()).toEqual(before);
  });
});

/**
 * More orders than one batch of the texts' cursor (1,000): the lexicon reads one batch while
 * PostgreSQL reads the next, and the facts of every batch are stored, first load and upsert.
 */
describe('order text facts beyond one batch', () => {
  let database: TestDatabase;
  const wordings = [
    'pt has had too many CTs this year',
    'CT scanner down for maintenance',
    'known contrast allergy, MRI instead',
    null,
    'worried about cumulative radiation dose',
    'patient refused CT',
    'dose not a factor: MRI first for clinical reasons',
  ];
  const orders = Array.from({ length: 2345 }, (_, index) =>
    makeOrder({
      order_id: `BATCH-${index}`,
      patient_id: `PB-${index % 40}`,
      comment: wordings[index % wordings.length],
      indication_text: index % 3 === 0 ? null : `headache ${index % 11}`,
    }),
  );

  beforeAll(async () => {
    database = await createTestDatabase();
    const folder = await writeCsvFolder({
      patients: Array.from({ length: 40 }, (_, index) =>
        makePatient({ patient_id: `PB-${index}` }),
      ),
      orders,
    });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('stores the facts of every order, as the lexicon reads them one by one', async () => {
    const facts = await storedFacts(database.dataSource);
    expect(facts).toHaveLength(orders.length);
    expect(facts).toEqual(await expectedFacts(database.dataSource));
    // the wordings give every kind of fact, not only empty ones
    const [kinds] = await database.dataSource.query(
      `SELECT count(*) FILTER (WHERE dose_phrase IS NOT NULL)::int AS dose,
         count(*) FILTER (WHERE exclusion_codes <> '{}')::int AS exclusions,
         count(*) FILTER (WHERE non_dose_reason IS NOT NULL)::int AS reasons,
         count(*) FILTER (WHERE dose_phrase IS NULL AND exclusion_codes = '{}')::int AS plain
       FROM order_text_facts`,
    );
    expect(kinds).toEqual({
      dose: expect.any(Number),
      exclusions: expect.any(Number),
      reasons: expect.any(Number),
      plain: expect.any(Number),
    });
    expect(Math.min(kinds.dose, kinds.exclusions, kinds.reasons, kinds.plain)).toBeGreaterThan(300);
  });

  it('gives the same facts through the stage and its upsert', async () => {
    const before = await storedFacts(database.dataSource);
    await database.dataSource.query(
      `UPDATE order_text_facts SET dose_phrase = 'wrong' WHERE order_pk % 500 = 0`,
    );
    await new PipelineService(database.dataSource).analyse('all');
    expect(await storedFacts(database.dataSource)).toEqual(before);
  });
});
