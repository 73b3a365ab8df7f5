import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { asGraphqlErrors } from '../../common/error-mapping.js';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { signedIn } from '../analytics/aggregate.resolver.js';
import { AuditService } from '../auth/audit/audit.service.js';
import { AdminService } from './admin.service.js';
import {
  AuditEventConnectionObject,
  IngestRunConnectionObject,
  ReferenceVersionObject,
  RejectionConnectionObject,
  SettingObject,
  SettingsVersionObject,
  UpdateSettingInput,
} from './dto/admin.object.js';

const ROLES_SEEING_RAW_ROWS: readonly Principal['role'][] = ['ADMIN', 'AUDITOR'];

/** Data and configuration reads for ADMIN and AUDITOR; setting changes for ADMIN. */
@Resolver()
export class AdminResolver {
  constructor(
    private readonly admin: AdminService,
    private readonly audit: AuditService,
  ) {}

  @Query(() => AuditEventConnectionObject, { description: 'The audit trail, newest first' })
  @Roles('ADMIN', 'AUDITOR')
  async auditEvents(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<AuditEventConnectionObject> {
    signedIn(principal);
    const page = await asGraphqlErrors(this.admin.auditEvents(first, after));
    return {
      nodes: page.nodes.map((row) => ({
        id: row.id,
        occurredAt: row.occurred_at.toISOString(),
        actor: row.actor,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        details: row.details === null ? null : JSON.stringify(row.details),
      })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => IngestRunConnectionObject, { description: 'Imports and analyses, newest first' })
  @Roles('ADMIN', 'AUDITOR')
  async ingestRuns(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('kind', {
      type: () => String,
      nullable: true,
      description: 'Only runs of this kind: csv | fhir | postgres | rdsr | analyse',
    })
    kind?: string | null,
  ): Promise<IngestRunConnectionObject> {
    signedIn(principal);
    const page = await asGraphqlErrors(this.admin.ingestRuns(first, after, kind));
    return {
      nodes: page.nodes.map((row) => ({
        id: String(row.id),
        source: row.source,
        kind: row.kind,
        status: row.status,
        target: row.target,
        files: row.files,
        startedBy: row.started_by,
        message: row.message,
        startedAt: row.started_at.toISOString(),
        finishedAt: row.finished_at?.toISOString() ?? null,
        rowsRead: row.rows_read,
        rowsLoaded: row.rows_loaded,
        rowsRejected: row.rows_rejected,
        warnings: row.rows_warned,
      })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => RejectionConnectionObject, { description: 'Rejected rows, in the order found' })
  @Roles('ADMIN', 'AUDITOR')
  async rejections(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('runId', { type: () => ID, nullable: true }) runId?: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<RejectionConnectionObject> {
    const caller = signedIn(principal);
    const page = await asGraphqlErrors(this.admin.rejections(runId, first, after));
    const showRaw = ROLES_SEEING_RAW_ROWS.includes(caller.role);
    return {
      nodes: page.nodes.map((row) => ({
        runId: String(row.run_id),
        file: row.file,
        line: row.line,
        field: row.field,
        reason: row.reason,
        raw: showRaw ? row.raw : null,
      })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @Query(() => [SettingObject], { description: 'The current settings version, every key' })
  @Roles('ADMIN', 'AUDITOR')
  async settings(@CurrentPrincipal() principal: Principal | undefined): Promise<SettingObject[]> {
    signedIn(principal);
    return (await this.admin.settings()).map((setting) => ({ ...setting }));
  }

  @Query(() => [SettingsVersionObject], { description: 'Settings versions, newest first' })
  @Roles('ADMIN', 'AUDITOR')
  async settingsHistory(
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<SettingsVersionObject[]> {
    signedIn(principal);
    return (await this.admin.settingsHistory()).map((version) => ({
      version: version.version,
      createdAt: version.createdAt.toISOString(),
      createdBy: version.createdBy,
      changes: version.changes,
    }));
  }

  @Query(() => [ReferenceVersionObject], { description: 'Reference data versions, newest first' })
  @Roles('ADMIN', 'AUDITOR')
  async referenceVersions(
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<ReferenceVersionObject[]> {
    signedIn(principal);
    return (await this.admin.referenceVersions()).map((row) => ({
      version: row.version,
      createdAt: row.created_at.toISOString(),
      note: row.note,
      current: row.current,
    }));
  }

  @Mutation(() => SettingObject, {
    description:
      'A new settings version with one value changed; the reassessment follows in the background as an ingest run of kind analyse',
  })
  @Roles('ADMIN')
  async updateSetting(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('input', { type: () => UpdateSettingInput }) input: UpdateSettingInput,
  ): Promise<SettingObject> {
    const caller = signedIn(principal);
    const result = await asGraphqlErrors(
      this.admin.updateSetting(input.key, input.value, caller.email),
    );
    await this.audit.record({
      principal: caller,
      action: 'settings.changed',
      objectType: 'setting',
      objectId: input.key,
      details: {
        before: result.before,
        after: result.setting.value,
        settingsVersion: result.setting.version,
        reassessmentRunId: result.reassessmentRunId,
      },
    });
    return { ...result.setting };
  }
}
