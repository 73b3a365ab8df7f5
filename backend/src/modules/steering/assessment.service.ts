import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import {
  ProviderPatternBuilder,
  type ProviderPattern,
  type PatternCountRow,
} from './domain/compute-provider-patterns.js';
import type { VersionedSettings } from '../settings/settings.service.js';
import {
  APPLY_PATTERN_DELTA,
  BUILD_ASSESS_FACTS,
  BUILD_ASSESS_FACTS_EVERY,
  BUILD_ASSESS_FACTS_WIDE,
  COLLECT_PATTERN_DELTA,
  COLLECT_PATTERN_DELTA_WIDE,
  CHANGED_MONTHS,
  CREATE_ASSESSMENT_CHANGES,
  CREATE_RELEVELLED,
  FIRST_ASSESSMENTS_MONTHS,
  RECORD_ASSESSMENT_CHANGES,
  RECORDED_CHANGE_MONTHS,
  CREATE_ASSESS_SCOPE,
  CREATE_ASSESSED_BEFORE,
  CREATE_PATTERN_COUNT_DELTA,
  DROP_EMPTY_PATTERN_COUNTS,
  CREATE_TEXT_FACTS_STAGE,
  PATTERN_COUNTS,
  type PatternCountsRow,
  SITE_LOW_COUNTS,
  REBUILD_PATTERN_COUNTS,
  CLEAR_PATTERN_COUNTS,
  FORGET_THIS_LOAD,
  FORGET_UNASSESSED_LOADS,
  SCOPE_ALL,
  SCOPE_FIRST_ASSESSMENTS,
  SCOPE_NEVER_ASSESSED,
  SCOPE_STALE,
  NEWEST_DATA,
  LAST_ANALYSIS_NEWEST,
  RECORD_ANALYSIS_NEWEST,
  SCOPE_TOUCHED_PATIENTS,
  SCORE_CASES,
  patternPoints,
  patternStandsOut,
  SCORE_FIRST_CASES,
  SNAPSHOT_SCOPE,
  SNAPSHOT_SCOPE_WIDE,
  selectOrderTextsSql,
  textlessFactsSql,
  UPSERT_ASSESSMENTS,
  INSERT_ASSESSMENTS,
  UNASSESSED_LOADS,
  UPSERT_TEXT_FACTS,
  WIDE_SCOPE_SHARE,
  type AssessFactsForm,
} from './assessment.sql.js';
import {
  summariseOrderTexts,
  textFactsCopyLine,
  type OrderTexts,
} from './summarise-order-texts.js';
import { LEXICON_VERSION, TextMemo } from './domain/index.js';
import { fetchAhead } from '../../database/fetch-ahead.js';
import { timeStep } from '../ingestion/step-timing.js';
import { analyseGrown, deferIndexes, emptyForFirstLoad } from '../ingestion/bulk-load.js';

/**
 * touched: the patients the load in this transaction changed, plus stale assessments;
 * stale: never assessed, assessed under other versions, or pending; all: every order.
 */
export type AssessmentScope = 'touched' | 'stale' | 'all';

export interface AssessmentSummary {
  readonly ordersInScope: number;
  readonly providersRescored: number;
  /**
   * The months (YYYY-MM of ordered_at) whose assessments this run changed: the months, before
   * and after, of every assessment it created or rewrote (an order re-sent with another
   * ordered_at leaves one month for another), and those of the cases whose level changed.
   * Score changes alone do not count (no monthly figure reads a case's rank). The rollups
   * refresh these; an order in scope whose assessment came out the same adds no month.
   */
  readonly months: string[];
  /**
   * Whether this run recorded its changes in the temporary table assessment_changes (until
   * commit): each assessment it rewrote, re-levelled or removed with sign -1 as it was, each
   * one it created, rewrote or re-levelled with +1 as it is, in what the rollups count. Not on
   * the first assessments, `analyse --all` or a scope of WIDE_SCOPE_SHARE of the orders: there
   * the months are refreshed whole.
   */
  readonly changesRecorded: boolean;
}

/**
 * Rows per FETCH of the two cursors (order texts, pattern counts). A batch's rows stay alive
 * until the next FETCH returns, long enough for V8 to promote them to the old generation,
 * which grows with them until a full collection: the texts step held the importer's peak.
 * 1M orders, Node 20: 265 MB with 5,000, 245 MB with 1,000; in the step alone 246 / 234 /
 * 227 MB at 5,000 / 2,000 / 1,000, in the same time.
 */
const BATCH = 1000;

/**
 * The text facts' COPY lines are sent once they reach this many characters (about 25,000
 * orders), not per batch: each COPY costs about 2 ms of its own (1M orders: 3.8 s of COPY
 * in 1,000 statements, 2.2 s in 200), and the lines waiting are one string, not rows.
 */
const COPY_CHARS = 1 << 20;

/** The facts statement of each way of reading the scope (AssessFactsForm). */
const FACTS_BY_FORM: Readonly<Record<AssessFactsForm, string>> = {
  keyed: BUILD_ASSESS_FACTS,
  wide: BUILD_ASSESS_FACTS_WIDE,
  every: BUILD_ASSESS_FACTS_EVERY,
};

/**
 * The analysis run: text facts by the lexicon, then outcomes, exclusions, signals and case
 * levels in SQL, then each clinician's pattern, then final levels and scores. It runs inside
 * the caller's transaction, after a load or from `grounds analyse`.
 */
export class AssessmentService {
  /**
   * Counts the clinician patterns afresh over every assessment: after assessments were written
   * around the analysis (hand-made fixtures, a restore), before the next analysis.
   */
  async rebuildPatternCounts(manager: EntityManager): Promise<void> {
    await manager.query(CLEAR_PATTERN_COUNTS);
    await manager.query(REBUILD_PATTERN_COUNTS);
  }

  async assess(
    manager: EntityManager,
    settings: VersionedSettings,
    scope: AssessmentScope,
  ): Promise<AssessmentSummary> {
    const [{ version: referenceVersion }] = await manager.query(
      'SELECT max(version)::int AS version FROM reference_versions',
    );
    await manager.query(CREATE_ASSESS_SCOPE);
    await manager.query('TRUNCATE assess_scope');
    // the first assessments (empty tables): every order is in scope, the assessments are
    // written by a plain insert, and only the cases are scored
    const first = await this.firstAssessments(manager);
    // the newest data time this analysis assesses against, recorded with it (SCOPE_STALE)
    const [{ newest }]: { newest: Date | null }[] = await manager.query(NEWEST_DATA);
    await timeStep('assess.scope', async () => {
      if (first) {
        // no order assessed yet: every order, with no key to meet (what the touched patients'
        // orders and the never-assessed ones make up then, without reading either)
        await manager.query(SCOPE_FIRST_ASSESSMENTS);
        await this.scopeNeverAssessed(manager, 'all');
        if (newest !== null) await manager.query(RECORD_ANALYSIS_NEWEST, [newest]);
        return;
      }
      if (scope === 'all') await manager.query(SCOPE_ALL);
      if (scope === 'touched') await manager.query(SCOPE_TOUCHED_PATIENTS);
      const [last]: { newest_at: Date }[] = await manager.query(LAST_ANALYSIS_NEWEST);
      await manager.query(SCOPE_STALE, [
        settings.version,
        referenceVersion,
        LEXICON_VERSION,
        settings.values['outcome.not_performed_days'],
        newest,
        last?.newest_at ?? null,
      ]);
      if (newest !== null) await manager.query(RECORD_ANALYSIS_NEWEST, [newest]);
      await this.scopeNeverAssessed(manager, scope);
    });
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM assess_scope');
    await manager.query('ANALYZE assess_scope');

    // every order in scope (the first assessments, 'all': SCOPE_ALL), a large part of them, or
    // a delta's few (AssessFactsForm)
    const form: AssessFactsForm =
      first || scope === 'all'
        ? 'every'
        : (await this.wideScope(manager, count))
          ? 'wide'
          : 'keyed';
    const wide = form !== 'keyed';
    await timeStep('assess.texts', () => this.readTexts(manager, form));
    await analyseGrown(manager, ['order_text_facts'], count);
    await manager.query('DROP TABLE IF EXISTS assess_facts');
    const facts = FACTS_BY_FORM[form];
    await timeStep('assess.facts', () =>
      manager.query(facts, [
        referenceVersion,
        settings.values['outcome.not_performed_days'],
        settings.values['cascade.days'],
      ]),
    );
    // the upsert's delete of signals joins the facts (8,191 rows at a 1M delta, planned as
    // 1,981 unanalysed: a hash of every E signal)
    await manager.query('ANALYZE assess_facts');
    await manager.query(CREATE_ASSESSED_BEFORE);
    await manager.query('TRUNCATE assessed_before');
    await manager.query(wide ? SNAPSHOT_SCOPE_WIDE : SNAPSHOT_SCOPE);
    const assessParameters = [
      settings.version,
      referenceVersion,
      LEXICON_VERSION,
      settings.values['level.at_entry_probable'],
    ];
    await timeStep('assess.assessments', async () => {
      if (first) {
        // a first load: nothing to update or delete, and the tables' indexes are built once
        // after the insert instead of row by row (997,767 assessments: 103 s as an upsert)
        const deferred = await deferIndexes(
          manager,
          ['order_assessments', 'order_signals'],
          'assess',
        );
        await manager.query(INSERT_ASSESSMENTS, assessParameters);
        await deferred.rebuild();
        await manager.query(CLEAR_PATTERN_COUNTS);
        await manager.query(REBUILD_PATTERN_COUNTS);
        return;
      }
      if (scope === 'all') {
        // every assessment is rewritten: count them afresh (this also repairs counts that
        // assessments written around the analysis left behind)
        await manager.query(UPSERT_ASSESSMENTS, assessParameters);
        await manager.query(CLEAR_PATTERN_COUNTS);
        await manager.query(REBUILD_PATTERN_COUNTS);
        return;
      }
      // the clinician pattern counts follow the assessments this rewrites: minus what they
      // counted before, plus what they count after (PATTERN_COUNTS reads the sums)
      await manager.query(CREATE_PATTERN_COUNT_DELTA);
      await manager.query('TRUNCATE pattern_count_delta');
      const collect = wide ? COLLECT_PATTERN_DELTA_WIDE : COLLECT_PATTERN_DELTA;
      await manager.query(collect, [-1]);
      await manager.query(UPSERT_ASSESSMENTS, assessParameters);
      await manager.query(collect, [1]);
      await manager.query(APPLY_PATTERN_DELTA);
      await manager.query(DROP_EMPTY_PATTERN_COUNTS);
    });

    await analyseGrown(manager, ['order_assessments', 'order_signals'], count);
    const changedProviders = await timeStep('assess.patterns', () =>
      this.updatePatterns(manager, settings),
    );
    if (!first) {
      await manager.query(CREATE_RELEVELLED);
      await manager.query('TRUNCATE relevelled');
    }
    await timeStep('assess.score', () =>
      manager.query(first ? SCORE_FIRST_CASES : SCORE_CASES, [
        settings.values['level.probable_min_clinician_lower95'],
        settings.version,
        changedProviders,
        settings.values['level.probable_max_clinician_q'],
      ]),
    );
    const changesRecorded = !first && !wide && scope !== 'all';
    if (changesRecorded) {
      await manager.query(CREATE_ASSESSMENT_CHANGES);
      await manager.query('TRUNCATE assessment_changes');
      await timeStep('assess.changes', () => manager.query(RECORD_ASSESSMENT_CHANGES));
    }
    const changed: { month: string }[] = await manager.query(
      first ? FIRST_ASSESSMENTS_MONTHS : changesRecorded ? RECORDED_CHANGE_MONTHS : CHANGED_MONTHS,
    );
    const months = changed.map((row) => row.month).sort();
    return {
      ordersInScope: count,
      providersRescored: changedProviders.length,
      months,
      changesRecorded,
    };
  }

  /** No assessment and no signal stored yet (a first load), both locked so until commit. */
  private async firstAssessments(manager: EntityManager): Promise<boolean> {
    return (
      (await emptyForFirstLoad(manager, 'order_assessments')) &&
      (await emptyForFirstLoad(manager, 'order_signals'))
    );
  }

  /**
   * Whether the scope holds so large a part of the orders (WIDE_SCOPE_SHARE, against the
   * planner's row count of orders, fresh after a large load's ANALYZE) that its facts are read
   * by joins rather than one probe per order.
   */
  private async wideScope(manager: EntityManager, count: number): Promise<boolean> {
    const [{ orders }]: { orders: number }[] = await manager.query(
      `SELECT reltuples::float8 AS orders FROM pg_class WHERE oid = 'orders'::regclass`,
    );
    return count >= WIDE_SCOPE_SHARE * orders;
  }

  /**
   * Orders never assessed come only from loads made without the analysis, each recorded in
   * unassessed_loads: the anti-join over every order runs only when such a load happened since
   * the last analysis (and never for 'all', whose scope is every order). The load analysed in
   * this transaction ('touched') has its orders in scope already: its own row goes first.
   */
  private async scopeNeverAssessed(manager: EntityManager, scope: AssessmentScope): Promise<void> {
    if (scope === 'touched') await manager.query(FORGET_THIS_LOAD);
    const loads: { xact: string }[] = await manager.query(UNASSESSED_LOADS);
    if (loads.length === 0) return;
    if (scope !== 'all') await manager.query(SCOPE_NEVER_ASSESSED);
    await manager.query(FORGET_UNASSESSED_LOADS, [loads.map((load) => load.xact)]);
  }

  /**
   * The text facts of the orders in scope. Orders without any text get theirs set-based
   * (textlessFactsSql); the others' texts stream through a cursor and the lexicon (each distinct
   * wording read once: TextMemo) and go back by COPY. PostgreSQL reads the next batch of texts
   * while the lexicon reads this one (fetchAhead), and the facts go back in a few large COPYs.
   * On a first load order_text_facts is empty (and locked so) and the facts go straight into
   * it; otherwise into a stage and then an upsert that rewrites only the rows that changed.
   */
  private async readTexts(manager: EntityManager, form: AssessFactsForm): Promise<void> {
    const client = (await manager.queryRunner!.connect()) as PoolClient;
    const table = (await emptyForFirstLoad(manager, 'order_text_facts'))
      ? 'order_text_facts'
      : 'text_facts_stage';
    if (table === 'text_facts_stage') {
      await client.query(CREATE_TEXT_FACTS_STAGE);
      await client.query('TRUNCATE text_facts_stage');
    }
    await client.query(textlessFactsSql(table, form), [LEXICON_VERSION]);
    await client.query(`DECLARE order_texts NO SCROLL CURSOR FOR ${selectOrderTextsSql(form)}`);
    const copy = (lines: string) =>
      pipeline(
        Readable.from([lines]),
        client.query(
          copyFrom(
            `COPY ${table} (order_pk, dose_phrase, dose_text, negated_by, exclusion_codes,
               exclusion_phrase, non_dose_reason, lexicon_version) FROM STDIN`,
          ),
        ),
      );
    const memo = new TextMemo();
    let waiting = '';
    for await (const rows of fetchAhead<OrderTexts>(client, 'order_texts', BATCH)) {
      for (const row of rows) {
        waiting += textFactsCopyLine(summariseOrderTexts(row, memo), LEXICON_VERSION);
      }
      if (waiting.length >= COPY_CHARS) {
        await copy(waiting);
        waiting = '';
      }
    }
    if (waiting.length > 0) await copy(waiting);
    await client.query('CLOSE order_texts');
    if (table === 'text_facts_stage') await client.query(UPSERT_TEXT_FACTS);
  }

  /**
   * Every clinician's pattern from provider_pattern_counts, read through a cursor one clinician
   * at a time (ProviderPatternBuilder): at 10M orders the 313,726 count rows read whole took
   * the importer to 457 MB.
   */
  private async computePatterns(
    manager: EntityManager,
    explainedSwitches: boolean,
  ): Promise<ProviderPattern[]> {
    const client = (await manager.queryRunner!.connect()) as PoolClient;
    const siteLow: { stratum: string; away: number; total: number }[] = (
      await client.query(SITE_LOW_COUNTS, [explainedSwitches])
    ).rows;
    const builder = new ProviderPatternBuilder(
      new Map(siteLow.map((row) => [row.stratum, { away: row.away, total: row.total }])),
    );
    await client.query(`DECLARE pattern_counts NO SCROLL CURSOR FOR ${PATTERN_COUNTS}`, [
      explainedSwitches,
    ]);
    let provider: string | null = null;
    let rows: PatternCountRow[] = [];
    const counts = fetchAhead<PatternCountsRow>(client, 'pattern_counts', BATCH, {
      rowMode: 'array',
    });
    for await (const batch of counts) {
      for (const [providerId, stratum, highAway, highTotal, lowAway, lowTotal] of batch) {
        if (providerId !== provider) {
          if (provider !== null) builder.add(provider, rows);
          provider = providerId;
          rows = [];
        }
        if (highTotal !== null) {
          rows.push({ providerId, stratum, band: 'HIGH', away: highAway!, total: highTotal });
        }
        if (lowTotal !== null) {
          rows.push({ providerId, stratum, band: 'LOW', away: lowAway!, total: lowTotal });
        }
      }
    }
    if (provider !== null) builder.add(provider, rows);
    await client.query('CLOSE pattern_counts');
    return builder.finish();
  }

  /**
   * Recomputes every clinician's pattern; returns those whose pattern moved a case: its points
   * in the score or whether it stands out (the level), and those left without a pattern ('*',
   * the site, stands for the cases that use the site's pattern). The other figures a case's
   * evidence names are read when it is shown (PATTERN_EVIDENCE): a change in them alone
   * rescores nothing.
   */
  private async updatePatterns(
    manager: EntityManager,
    settings: VersionedSettings,
  ): Promise<string[]> {
    const patterns = await this.computePatterns(
      manager,
      settings.values['level.pattern_counts_explained_switches'],
    );
    const maxQ = settings.values['level.probable_max_clinician_q'];
    const minLower = settings.values['level.probable_min_clinician_lower95'];
    const movesCases = (pattern: string): string => `ROW(
      ${patternStandsOut(
        `${pattern}.reference_lower_95`,
        `CASE WHEN ${pattern}.provider_id = '*' THEN ${pattern}.reference_p_value
              ELSE ${pattern}.reference_q_value END`,
        '$18::float8',
        '$19::float8',
      )},
      ${patternPoints(`${pattern}.shrunk_odds_ratio`)})`;
    const changed: { provider_id: string }[] = await manager.query(
      `WITH previous AS (
         SELECT provider_id, shrunk_odds_ratio, reference_lower_95, reference_q_value,
           reference_p_value
         FROM provider_patterns
       ), incoming AS (
         SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[],
                              $7::float8[], $8::float8[], $9::float8[], $10::float8[],
                              $12::float8[], $13::float8[], $14::float8[], $15::float8[],
                              $16::float8[], $17::int[])
           AS t(provider_id, opportunities, high_opportunities, high_away, low_opportunities,
                low_away, odds_ratio, lower_95, upper_95, shrunk_odds_ratio,
                reference_odds_ratio, reference_lower_95, reference_upper_95, reference_p_value,
                reference_q_value, compared_clinicians)
       ), upserted AS (
         INSERT INTO provider_patterns (provider_id, opportunities, high_opportunities, high_away,
           low_opportunities, low_away, odds_ratio, lower_95, upper_95, shrunk_odds_ratio,
           reference_odds_ratio, reference_lower_95, reference_upper_95, reference_p_value,
           reference_q_value, compared_clinicians, settings_version)
         SELECT incoming.*, $11 FROM incoming
         ON CONFLICT (provider_id) DO UPDATE SET
           (opportunities, high_opportunities, high_away, low_opportunities, low_away, odds_ratio,
            lower_95, upper_95, shrunk_odds_ratio, reference_odds_ratio, reference_lower_95,
            reference_upper_95, reference_p_value, reference_q_value, compared_clinicians,
            settings_version, updated_at) =
           (EXCLUDED.opportunities, EXCLUDED.high_opportunities, EXCLUDED.high_away,
            EXCLUDED.low_opportunities, EXCLUDED.low_away, EXCLUDED.odds_ratio, EXCLUDED.lower_95,
            EXCLUDED.upper_95, EXCLUDED.shrunk_odds_ratio, EXCLUDED.reference_odds_ratio,
            EXCLUDED.reference_lower_95, EXCLUDED.reference_upper_95, EXCLUDED.reference_p_value,
            EXCLUDED.reference_q_value, EXCLUDED.compared_clinicians, EXCLUDED.settings_version,
            now())
         WHERE (provider_patterns.opportunities, provider_patterns.high_opportunities,
                provider_patterns.high_away, provider_patterns.low_opportunities,
                provider_patterns.low_away, provider_patterns.odds_ratio,
                provider_patterns.lower_95, provider_patterns.upper_95,
                provider_patterns.shrunk_odds_ratio, provider_patterns.reference_odds_ratio,
                provider_patterns.reference_lower_95, provider_patterns.reference_upper_95,
                provider_patterns.reference_p_value, provider_patterns.reference_q_value,
                provider_patterns.compared_clinicians, provider_patterns.settings_version)
           IS DISTINCT FROM
               (EXCLUDED.opportunities, EXCLUDED.high_opportunities, EXCLUDED.high_away,
                EXCLUDED.low_opportunities, EXCLUDED.low_away, EXCLUDED.odds_ratio,
                EXCLUDED.lower_95, EXCLUDED.upper_95, EXCLUDED.shrunk_odds_ratio,
                EXCLUDED.reference_odds_ratio, EXCLUDED.reference_lower_95,
                EXCLUDED.reference_upper_95, EXCLUDED.reference_p_value,
                EXCLUDED.reference_q_value, EXCLUDED.compared_clinicians,
                EXCLUDED.settings_version)
         RETURNING provider_id, shrunk_odds_ratio, reference_lower_95, reference_q_value,
           reference_p_value
       )
       SELECT upserted.provider_id FROM upserted
       LEFT JOIN previous USING (provider_id)
       WHERE ${movesCases('previous')} IS DISTINCT FROM ${movesCases('upserted')}`,
      [
        patterns.map((pattern) => pattern.providerId),
        patterns.map((pattern) => pattern.opportunities),
        patterns.map((pattern) => pattern.highOpportunities),
        patterns.map((pattern) => pattern.highAway),
        patterns.map((pattern) => pattern.lowOpportunities),
        patterns.map((pattern) => pattern.lowAway),
        patterns.map((pattern) => pattern.oddsRatio),
        patterns.map((pattern) => pattern.lower95),
        patterns.map((pattern) => pattern.upper95),
        patterns.map((pattern) => pattern.shrunkOddsRatio),
        settings.version,
        patterns.map((pattern) => pattern.referenceOddsRatio),
        patterns.map((pattern) => pattern.referenceLower95),
        patterns.map((pattern) => pattern.referenceUpper95),
        patterns.map((pattern) => pattern.referencePValue),
        patterns.map((pattern) => pattern.referenceQValue),
        patterns.map((pattern) => pattern.comparedClinicians),
        minLower,
        maxQ,
      ],
    );
    // Clinicians with no assessable opportunity left keep no stale pattern: their cases (if
    // any) use the site's now
    const dropped: { provider_id: string }[] = await manager.query(
      `WITH dropped AS (
         DELETE FROM provider_patterns WHERE NOT (provider_id = ANY ($1::text[]))
         RETURNING provider_id
       )
       SELECT provider_id FROM dropped`,
      [patterns.map((pattern) => pattern.providerId)],
    );
    return [...changed, ...dropped].map((row) => row.provider_id);
  }
}
