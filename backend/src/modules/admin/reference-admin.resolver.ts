import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { asGraphqlErrors } from '../../common/error-mapping.js';
import { Roles } from '../auth/principal.js';
import { ReferenceAdminService } from './reference-admin.service.js';
import {
  AppropriatenessTableObject,
  CreateReferenceVersionInput,
  ReferenceVersionCreatedObject,
} from './dto/reference-table.object.js';

/** The Settings page's appropriateness table and its versions; the site time zone for dates. */
@Resolver()
export class ReferenceAdminResolver {
  constructor(private readonly admin: ReferenceAdminService) {}

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
      'Stores an edited appropriateness table as a new reference version and reassesses the orders under it',
  })
  async createReferenceVersion(
    @Args('input', { type: () => CreateReferenceVersionInput }) input: CreateReferenceVersionInput,
  ): Promise<ReferenceVersionCreatedObject> {
    return asGraphqlErrors(
      this.admin.createReferenceVersion(
        input.note,
        input.rows.map((row) => ({ ...row, basis: row.basis ?? '' })),
      ),
    );
  }
}
