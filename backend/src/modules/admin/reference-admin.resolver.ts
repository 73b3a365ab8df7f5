import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { asGraphqlErrors } from '../../common/error-mapping.js';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { signedIn } from '../analytics/aggregate.resolver.js';
import { AuditService } from '../auth/audit/audit.service.js';
import { ReferenceAdminService } from './reference-admin.service.js';
import {
  AppropriatenessTableObject,
  CreateReferenceVersionInput,
  ReferenceVersionCreatedObject,
} from './dto/reference-table.object.js';

/** The Settings page's appropriateness table and its versions; the site time zone for dates. */
@Resolver()
export class ReferenceAdminResolver {
  constructor(
    private readonly admin: ReferenceAdminService,
    private readonly audit: AuditService,
  ) {}

  @Roles('ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR')
  @Query(() => String, {
    description: 'The IANA time zone the site reads and shows dates in (SITE_TIME_ZONE)',
  })
  async siteTimeZone(): Promise<string> {
    return this.admin.siteTimeZone();
  }

  @Roles('ADMIN', 'AUDITOR')
  @Query(() => AppropriatenessTableObject, {
    description: 'The current appropriateness table and indication groups',
  })
  async appropriatenessTable(): Promise<AppropriatenessTableObject> {
    return asGraphqlErrors(this.admin.appropriatenessTable());
  }

  @Roles('ADMIN')
  @Mutation(() => ReferenceVersionCreatedObject, {
    description:
      'Stores an edited appropriateness table as a new reference version; the orders are reassessed under it in the background',
  })
  async createReferenceVersion(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('input', { type: () => CreateReferenceVersionInput }) input: CreateReferenceVersionInput,
  ): Promise<ReferenceVersionCreatedObject> {
    const caller = signedIn(principal);
    const result = await asGraphqlErrors(
      this.admin.createReferenceVersion(
        input.note,
        input.rows.map((row) => ({ ...row, basis: row.basis ?? '' })),
        caller.email,
      ),
    );
    if (result.created) {
      await this.audit.record({
        principal: caller,
        action: 'reference.version_created',
        objectType: 'reference_version',
        objectId: String(result.version.version),
        details: { note: input.note.trim(), reassessmentRunId: result.reassessmentRunId },
      });
    }
    return {
      ...result,
      reassessmentRunId:
        result.reassessmentRunId === null ? null : String(result.reassessmentRunId),
    };
  }
}
