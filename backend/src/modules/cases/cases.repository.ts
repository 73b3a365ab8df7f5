import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ReadDatabase } from '../../database/read-database.js';
import {
  CASE_ASSIGNEES,
  CASE_CHANGES,
  CASE_CURSOR,
  CASE_DETAIL,
  CASE_REVIEWS,
  CASE_SIGNALS,
  CASE_TIMELINE,
  CASE_TIMELINE_AT_ORDER,
  CLINICIAN_PATTERN,
  DELETE_ASSIGNMENT,
  DEPARTMENT_IDS,
  INSERT_REVIEW,
  PROVIDERS,
  UPSERT_ASSIGNMENT,
  casePageSql,
  countCasesSql,
  type CaseFilterShape,
  type CaseOrderField,
  type SortDirection,
} from './cases.sql.js';

/** The filter of the case list in database terms (clinician keys already resolved). */
export interface CaseQuery {
  /** Ids of the departments the caller may see; null: site-wide. */
  readonly scopeIds: readonly number[] | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly departmentIds: readonly number[] | null;
  readonly providerIds: readonly string[] | null;
  readonly indicationGroups: readonly string[] | null;
  readonly settings: readonly string[] | null;
  readonly populations: readonly string[] | null;
  readonly levels: readonly string[] | null;
  readonly reviewStatuses: readonly string[] | null;
  readonly signals: readonly string[] | null;
  readonly exclusions: readonly string[] | null;
  /** Only cases assigned to this email. */
  readonly assignee: string | null;
}

export interface CaseSortKey {
  readonly score: string | null;
  readonly levelRank: number;
  readonly orderedAt: string;
  readonly orderPk: string;
}

/** A row of the case list, as the database gives it (every column a role may be shown). */
export interface CaseRow {
  readonly order_pk: string;
  readonly order_id: string;
  readonly ordered_at: string;
  readonly ordered_month_start: string;
  readonly month: string;
  readonly department: string | null;
  readonly provider_id: string | null;
  readonly provider_name: string | null;
  readonly indication_group: string | null;
  readonly setting: string | null;
  readonly population: string;
  readonly requested_modality: string;
  readonly outcome_modality: string;
  readonly outcome: string;
  readonly level: string;
  readonly score: number | null;
  readonly band: string;
  readonly ced_5y_msv: number | null;
  readonly exclusion: string | null;
  readonly signals: string[];
  readonly review_status: string;
  readonly latest_disposition: string | null;
  readonly assignee: string | null;
}

export interface CaseDetailRow extends CaseRow {
  readonly source: string;
  readonly patient_id: string;
  readonly ced_12m_msv: number | null;
  readonly ced_all_msv: number | null;
  readonly prior_ct_12m: number | null;
  readonly exclusion_detail: string | null;
  readonly non_dose_reason: string | null;
  readonly indication_code: string | null;
  readonly indication_text: string | null;
  readonly comment: string | null;
  readonly dose_alert_shown: boolean | null;
  readonly pregnancy_status: string | null;
  readonly contrast_allergy: boolean | null;
  readonly egfr: number | null;
  readonly settings_version: number;
  readonly reference_version: number;
  readonly lexicon_version: string;
  readonly birth_date: string;
  readonly sex: string | null;
  readonly age_at_order: number;
  readonly high_threshold_msv: number | null;
  readonly moderate_threshold_msv: number | null;
  readonly text_exclusions: string[];
  readonly exclusion_phrase: string | null;
  readonly changed_at: string | null;
  readonly outcome_at: string | null;
}

export interface SignalRow {
  readonly code: string;
  readonly explanation: string;
  readonly inputs: Record<string, unknown>;
}

export interface ChangeRow {
  readonly changed_at: string;
  readonly changed_month_start: string;
  readonly action: string;
  readonly new_modality: string | null;
  readonly reason: string | null;
}

export interface ReviewRow {
  readonly id: string;
  readonly disposition: string;
  readonly note: string | null;
  readonly reviewer: string;
  readonly reviewed_at: string;
  readonly reviewed_month_start: string;
}

export interface TimelineRow {
  readonly accession: string;
  readonly performed_at: string;
  readonly modality: string;
  readonly body_region: string | null;
  readonly effective_dose_msv: number | null;
  readonly dose_source: string;
  readonly cumulative_msv: number;
  readonly ced_5y_msv: number;
  readonly is_case_order: boolean;
}

export interface PatternRow {
  readonly odds_ratio: number | null;
  readonly lower_95: number | null;
  readonly upper_95: number | null;
  readonly shrunk_odds_ratio: number;
  readonly reference_odds_ratio: number | null;
  readonly reference_lower_95: number | null;
  readonly reference_upper_95: number | null;
  readonly opportunities: number;
  readonly q_value: number | null;
  readonly compared: number;
}

/** Everything about one case, read with a fixed number of statements. */
export interface CaseRecord {
  readonly row: CaseDetailRow;
  readonly signals: readonly SignalRow[];
  readonly changes: readonly ChangeRow[];
  readonly reviews: readonly ReviewRow[];
  readonly timeline: readonly TimelineRow[];
  readonly atOrder: { readonly ced_5y_msv: number; readonly cumulative_msv: number };
  readonly pattern: PatternRow | null;
}

type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

const list = <T>(values: readonly T[] | null): T[] | null => (values === null ? null : [...values]);

const filterParameters = (query: CaseQuery): unknown[] => [
  list(query.scopeIds),
  query.from,
  query.to,
  list(query.departmentIds),
  list(query.providerIds),
  list(query.indicationGroups),
  list(query.settings),
  list(query.populations),
  list(query.levels),
  list(query.reviewStatuses),
  list(query.signals),
  list(query.exclusions),
  query.assignee,
];

/**
 * Every database call of the case API; typed rows out. The list's statements (page, count,
 * cursor, look-ups) run on `read` (a streaming replica when one is configured); one case's
 * detail and every write run on the primary (see ReadDatabase for the routing).
 */
@Injectable()
export class CasesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly read: ReadDatabase = new ReadDatabase(dataSource),
  ) {}

  /** After a committed review or assignment: the case list shows it back to its author. */
  async wrote(): Promise<void> {
    await this.read.wrote();
  }

  filterParameters(query: CaseQuery): unknown[] {
    return filterParameters(query);
  }

  /** Which department conditions the statement needs. */
  shapeOf(query: CaseQuery): CaseFilterShape {
    return { scoped: query.scopeIds !== null, byDepartment: query.departmentIds !== null };
  }

  async count(query: CaseQuery): Promise<number> {
    const [row] = (await this.read.query(
      countCasesSql(this.shapeOf(query)),
      filterParameters(query),
    )) as {
      total: number;
    }[];
    return row.total;
  }

  /** The sort key of a case within the scope, or null when it is not a visible case. */
  async sortKey(orderPk: string, scope: readonly string[] | null): Promise<CaseSortKey | null> {
    const rows = (await this.read.query(CASE_CURSOR, [orderPk, list(scope)])) as {
      score: string | null;
      level_rank: number;
      ordered_at: string;
      order_pk: string;
    }[];
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      score: row.score,
      levelRank: row.level_rank,
      orderedAt: row.ordered_at,
      orderPk: row.order_pk,
    };
  }

  async page(
    query: CaseQuery,
    order: { field: CaseOrderField; direction: SortDirection },
    after: CaseSortKey | null,
    limit: number,
  ): Promise<CaseRow[]> {
    return (await this.read.query(casePageSql(order.field, order.direction, this.shapeOf(query)), [
      ...filterParameters(query),
      after?.score ?? null,
      after?.levelRank ?? null,
      after?.orderedAt ?? null,
      after?.orderPk ?? null,
      limit,
    ])) as CaseRow[];
  }

  /** A case's department, as `detail` finds the case: `undefined` when it finds none. */
  async departmentOf(
    orderPk: string,
    scope: readonly string[] | null,
  ): Promise<string | null | undefined> {
    const rows = (await this.dataSource.query(CASE_DETAIL, [
      orderPk,
      list(scope),
    ])) as CaseDetailRow[];
    return rows.length === 0 ? undefined : rows[0].department;
  }

  /** One case within the scope, or null (missing, not a case, or outside the scope alike). */
  async detail(
    orderPk: string,
    scope: readonly string[] | null,
    db: Queryable = this.dataSource,
  ): Promise<CaseRecord | null> {
    const rows = (await db.query(CASE_DETAIL, [orderPk, list(scope)])) as CaseDetailRow[];
    if (rows.length === 0) return null;
    const [row] = rows;
    // one statement after another: inside a transaction they share one connection
    const signals = (await db.query(CASE_SIGNALS, [orderPk])) as SignalRow[];
    const changes = (await db.query(CASE_CHANGES, [orderPk])) as ChangeRow[];
    const reviews = (await db.query(CASE_REVIEWS, [orderPk])) as ReviewRow[];
    const timeline = (await db.query(CASE_TIMELINE, [row.patient_id, orderPk])) as TimelineRow[];
    const atOrder = (await db.query(CASE_TIMELINE_AT_ORDER, [row.patient_id, row.ordered_at])) as {
      ced_5y_msv: number;
      cumulative_msv: number;
    }[];
    const patterns = (await db.query(CLINICIAN_PATTERN, [row.provider_id ?? '*'])) as PatternRow[];
    return {
      row,
      signals,
      changes,
      reviews,
      timeline,
      atOrder: atOrder[0],
      pattern: patterns[0] ?? null,
    };
  }

  async insertReview(
    db: Queryable,
    review: {
      orderPk: string;
      disposition: string;
      note: string | null;
      reviewer: string;
      reviewerUserId: string | null;
    },
  ): Promise<string> {
    const [row] = (await db.query(INSERT_REVIEW, [
      review.orderPk,
      review.disposition,
      review.note,
      review.reviewer,
      review.reviewerUserId,
    ])) as { id: string }[];
    return row.id;
  }

  async assign(db: Queryable, orderPk: string, assignee: string, by: string): Promise<void> {
    await db.query(UPSERT_ASSIGNMENT, [orderPk, assignee, by]);
  }

  async unassign(db: Queryable, orderPk: string): Promise<void> {
    await db.query(DELETE_ASSIGNMENT, [orderPk]);
  }

  /** Active users who may review a case of this department (see CASE_ASSIGNEES). */
  async assignees(
    db: Queryable,
    department: string | null,
  ): Promise<{ email: string; role: string }[]> {
    return (await db.query(CASE_ASSIGNEES, [department])) as { email: string; role: string }[];
  }

  /** The ids of named departments (unknown names have none). */
  async departmentIds(names: readonly string[]): Promise<number[]> {
    const rows = (await this.read.query(DEPARTMENT_IDS, [[...names]])) as { id: number }[];
    return rows.map((row) => row.id);
  }

  async providers(): Promise<{ provider_id: string; name: string | null }[]> {
    return (await this.read.query(PROVIDERS)) as {
      provider_id: string;
      name: string | null;
    }[];
  }
}
