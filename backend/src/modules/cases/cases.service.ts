import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { withClient } from '../ingestion/landing-writer.js';
import { SettingsService } from '../settings/settings.service.js';
import { loadClinicianPseudonyms } from '../vocabulary/clinician-pseudonym.js';
import {
  caseExportColumns,
  mapCaseDetail,
  mapCaseExportRow,
  mapCaseSummary,
  type CaseExportRow,
  type CaseViewer,
} from './case.mapper.js';
import { CasesRepository, type CaseQuery } from './cases.repository.js';
import {
  exportCaseRowsSql,
  type CaseFilterShape,
  type CaseOrderField,
  type SortDirection,
} from './cases.sql.js';
import { badCaseInput, caseNotFound } from './cases.exception.js';
import { decodeCaseId, decodeCursor, encodeCursor } from './domain/case-id.js';
import type { CaseDetailObject, CaseSummaryObject } from './dto/case.object.js';

/** The audit trail as this module uses it (the auth module's AuditService). */
export interface AuditTrail {
  record(
    event: {
      principal: Principal;
      action: string;
      objectType?: string | null;
      objectId?: string | null;
      details?: Record<string, unknown> | null;
    },
    manager?: EntityManager,
  ): Promise<unknown>;
}
export const AUDIT_TRAIL = Symbol('AUDIT_TRAIL');

/** The AnalysisFilter and the case list's own filters, as the API receives them. */
export interface CaseListFilter {
  readonly analysis?: {
    readonly from?: string | null;
    readonly to?: string | null;
    readonly departments?: readonly string[] | null;
    readonly clinicians?: readonly string[] | null;
    readonly indicationGroups?: readonly string[] | null;
    readonly settings?: readonly string[] | null;
    readonly populations?: readonly string[] | null;
    readonly levels?: readonly string[] | null;
  } | null;
  readonly reviewStatuses?: readonly string[] | null;
  readonly signals?: readonly string[] | null;
  readonly exclusions?: readonly string[] | null;
  readonly assignedToMe?: boolean | null;
}

export interface CasePage {
  readonly edges: { cursor: string; node: CaseSummaryObject }[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when asked for. */
  totalCount(): Promise<number>;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const MAX_PAGE_SIZE = 200;
const MAX_NOTE_LENGTH = 4000;
const DISPOSITIONS = [
  'CONFIRMED_STEERING',
  'CLINICALLY_JUSTIFIED',
  'DATA_ERROR',
  'NEEDS_DISCUSSION',
];
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const nonEmpty = (values: readonly string[] | null | undefined): string[] | null =>
  values && values.length > 0 ? [...values] : null;

/**
 * The case API's use cases: the list, one case, review and assignment, and the CSV export.
 * Department scope is the principal's `departments` handed to SQL; the field allow-list per
 * role is the mapper's; every view of a case, review, assignment and export is audited.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CasesRepository,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  /** How the principal sees cases: scope, de-identification, clinician names or pseudonyms. */
  async viewerFor(principal: Principal): Promise<CaseViewer> {
    const deidentified = principal.role === 'COMMITTEE';
    let clinician: CaseViewer['clinician'] = (providerId, name) => ({
      key: providerId,
      label: name ?? providerId,
    });
    if (deidentified && !(await this.committeeSeesNames())) {
      const pseudonyms = await loadClinicianPseudonyms(this.dataSource);
      clinician = (providerId) => {
        const pseudonym = pseudonyms.pseudonym(providerId);
        return { key: pseudonym, label: pseudonym };
      };
    }
    return {
      role: principal.role,
      email: principal.email,
      scope: principal.departments === null ? null : [...principal.departments],
      deidentified,
      clinician,
    };
  }

  async list(
    principal: Principal,
    filter: CaseListFilter | null | undefined,
    orderBy: { field: CaseOrderField; direction: SortDirection } | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<CasePage> {
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw badCaseInput(`first must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${size}.`);
    }
    const viewer = await this.viewerFor(principal);
    const query = await this.toQuery(viewer, filter ?? {});
    const order = orderBy ?? { field: 'SCORE', direction: 'DESC' };
    let start = null;
    if (after !== null && after !== undefined) {
      const orderPk = decodeCursor(after);
      start = orderPk === null ? null : await this.repository.sortKey(orderPk, viewer.scope);
      if (start === null) {
        throw badCaseInput(
          'The cursor "after" is not valid here; start again from the first page.',
        );
      }
    }
    const rows = await this.repository.page(query, order, start, size + 1);
    const pageRows = rows.slice(0, size);
    const edges = pageRows.map((row) => ({
      cursor: encodeCursor(row.order_pk),
      node: mapCaseSummary(row, viewer),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: () => this.repository.count(query),
    };
  }

  /** One case; viewing it is audited. Missing and out-of-scope cases are the same NOT_FOUND. */
  async detail(principal: Principal, caseId: string): Promise<CaseDetailObject> {
    const viewer = await this.viewerFor(principal);
    const orderPk = decodeCaseId(caseId);
    const record = orderPk === null ? null : await this.repository.detail(orderPk, viewer.scope);
    if (orderPk === null || record === null) throw caseNotFound();
    await this.audit.record({
      principal,
      action: 'case.viewed',
      objectType: 'case',
      objectId: caseId,
    });
    return mapCaseDetail(record, viewer);
  }

  /** Records a review (a case can be reviewed again; every review is kept). */
  async review(
    principal: Principal,
    input: { caseId: string; disposition: string; note?: string | null },
  ): Promise<CaseDetailObject> {
    if (!DISPOSITIONS.includes(input.disposition)) {
      throw badCaseInput(`disposition must be one of ${DISPOSITIONS.join(', ')}.`);
    }
    const note = input.note?.trim() ? input.note.trim() : null;
    if (note !== null && note.length > MAX_NOTE_LENGTH) {
      throw badCaseInput(`The note is longer than ${MAX_NOTE_LENGTH} characters; shorten it.`);
    }
    const viewer = await this.viewerFor(principal);
    const orderPk = decodeCaseId(input.caseId);
    if (orderPk === null) throw caseNotFound();
    const record = await this.dataSource.transaction(async (manager) => {
      if ((await this.repository.detail(orderPk, viewer.scope, manager)) === null) {
        throw caseNotFound();
      }
      const reviewId = await this.repository.insertReview(manager, {
        orderPk,
        disposition: input.disposition,
        note,
        reviewer: principal.email,
        reviewerUserId: principal.userId,
      });
      await this.audit.record(
        {
          principal,
          action: 'case.reviewed',
          objectType: 'case',
          objectId: input.caseId,
          details: { reviewId, disposition: input.disposition, withNote: note !== null },
        },
        manager,
      );
      return this.repository.detail(orderPk, viewer.scope, manager);
    });
    await this.repository.wrote();
    if (record === null) throw caseNotFound();
    return mapCaseDetail(record, viewer);
  }

  /** Assigns a case to a user who may review it there, or unassigns it (null). */
  async assign(
    principal: Principal,
    input: { caseId: string; assigneeEmail?: string | null },
  ): Promise<CaseDetailObject> {
    const assignee = input.assigneeEmail?.trim().toLowerCase() || null;
    if (assignee !== null && !EMAIL.test(assignee)) {
      throw badCaseInput(`"${assignee}" is not an email address.`);
    }
    const viewer = await this.viewerFor(principal);
    const orderPk = decodeCaseId(input.caseId);
    if (orderPk === null) throw caseNotFound();
    const record = await this.dataSource.transaction(async (manager) => {
      const current = await this.repository.detail(orderPk, viewer.scope, manager);
      if (current === null) throw caseNotFound();
      if (assignee === null) {
        await this.repository.unassign(manager, orderPk);
      } else {
        await this.assertMayReview(manager, assignee, current.row.department);
        await this.repository.assign(manager, orderPk, assignee, principal.email);
      }
      await this.audit.record(
        {
          principal,
          action: assignee === null ? 'case.unassigned' : 'case.assigned',
          objectType: 'case',
          objectId: input.caseId,
          details: { before: current.row.assignee, after: assignee },
        },
        manager,
      );
      return this.repository.detail(orderPk, viewer.scope, manager);
    });
    await this.repository.wrote();
    if (record === null) throw caseNotFound();
    return mapCaseDetail(record, viewer);
  }

  /**
   * The users a case can be assigned to (the assign control's choices): active quality
   * managers of the case's department or site-wide, and administrators. A case outside the
   * caller's scope answers NOT_FOUND, like a missing one.
   */
  async assignees(
    principal: Principal,
    caseId: string,
  ): Promise<{ email: string; role: string }[]> {
    const viewer = await this.viewerFor(principal);
    const orderPk = decodeCaseId(caseId);
    if (orderPk === null) throw caseNotFound();
    const department = await this.repository.departmentOf(orderPk, viewer.scope);
    if (department === undefined) throw caseNotFound();
    return this.repository.assignees(this.dataSource, department);
  }

  /**
   * Streams the filtered case list as CSV (GET /exports/cases.csv), de-identified for
   * COMMITTEE; audited with the filter and the number of rows.
   */
  async exportCsv(principal: Principal, filter: CaseListFilter, output: Writable): Promise<number> {
    const viewer = await this.viewerFor(principal);
    const query = await this.toQuery(viewer, filter);
    const rows = await withClient(this.dataSource, (client) =>
      streamCases(
        client,
        this.repository.shapeOf(query),
        this.repository.filterParameters(query),
        viewer,
        output,
      ),
    );
    await this.audit.record({
      principal,
      action: 'cases.exported',
      objectType: 'cases',
      details: { rows, filter: JSON.parse(JSON.stringify(filter)) as Record<string, unknown> },
    });
    return rows;
  }

  private async committeeSeesNames(): Promise<boolean> {
    const settings = await new SettingsService(this.dataSource).current();
    return settings.values['committee.show_clinician_names'];
  }

  /** The assignee must be an active user allowed to review cases of that department. */
  private async assertMayReview(
    manager: EntityManager,
    email: string,
    department: string | null,
  ): Promise<void> {
    const reviewers = await this.repository.assignees(manager, department);
    if (!reviewers.some((reviewer) => reviewer.email === email)) {
      throw badCaseInput(
        `${email} cannot review this case: assign it to an active quality manager of its department or an administrator.`,
      );
    }
  }

  /** Validates the filter and resolves clinician keys (pseudonyms for COMMITTEE) to ids. */
  private async toQuery(viewer: CaseViewer, filter: CaseListFilter): Promise<CaseQuery> {
    const analysis = filter.analysis ?? {};
    for (const month of [analysis.from, analysis.to]) {
      if (month !== null && month !== undefined && !MONTH.test(month)) {
        throw badCaseInput(`"${month}" is not a month; use YYYY-MM.`);
      }
    }
    let providerIds = nonEmpty(analysis.clinicians);
    if (providerIds !== null && viewer.deidentified) {
      // keys are pseudonyms: map them back to provider ids (an unknown key matches nothing)
      const wanted = new Set(providerIds);
      const providers = await this.repository.providers();
      providerIds = providers
        .map((provider) => provider.provider_id)
        .filter((providerId) => wanted.has(viewer.clinician(providerId, null).key));
    }
    const departments = nonEmpty(analysis.departments);
    return {
      scopeIds: viewer.scope === null ? null : await this.repository.departmentIds(viewer.scope),
      from: analysis.from ?? null,
      to: analysis.to ?? null,
      departmentIds: departments === null ? null : await this.repository.departmentIds(departments),
      providerIds,
      indicationGroups: nonEmpty(analysis.indicationGroups),
      settings: nonEmpty(analysis.settings),
      populations: nonEmpty(analysis.populations),
      levels: nonEmpty(analysis.levels),
      reviewStatuses: nonEmpty(filter.reviewStatuses),
      signals: nonEmpty(filter.signals),
      exclusions: nonEmpty(filter.exclusions),
      assignee: filter.assignedToMe ? viewer.email : null,
    };
  }
}

/** Streams the export statement through a cursor, so an export of any size runs in bounded memory. */
async function streamCases(
  client: PoolClient,
  shape: CaseFilterShape,
  parameters: unknown[],
  viewer: CaseViewer,
  output: Writable,
): Promise<number> {
  const csv = stringify({
    header: true,
    columns: [...caseExportColumns(viewer)],
    record_delimiter: '\n',
  });
  csv.pipe(output);
  let rows = 0;
  await client.query('BEGIN READ ONLY');
  try {
    await client.query({
      text: `DECLARE case_rows NO SCROLL CURSOR FOR ${exportCaseRowsSql(shape)}`,
      values: parameters,
    });
    for (;;) {
      const result = await client.query<CaseExportRow>('FETCH 2000 FROM case_rows');
      if (result.rows.length === 0) break;
      for (const row of result.rows) {
        rows += 1;
        if (!csv.write(mapCaseExportRow(row, viewer))) {
          await new Promise((resolve) => csv.once('drain', resolve));
        }
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    csv.end();
  }
  return rows;
}
