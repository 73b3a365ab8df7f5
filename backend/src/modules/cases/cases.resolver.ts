import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { toGraphQLError } from '../../common/error-mapping.js';
import { CurrentPrincipal, Roles, type Principal } from '../auth/principal.js';
import { CaseErrorCode, CaseException } from './cases.exception.js';
import { CasesService, type CasePage } from './cases.service.js';
import {
  AssignCaseInput,
  CaseAssigneeObject,
  CaseConnectionObject,
  CaseDetailObject,
  CaseFilterInput,
  CaseOrderInput,
  ReviewCaseInput,
} from './dto/case.object.js';

/** The roles that read cases (COMMITTEE de-identified by the mapper). */
export const CASE_READERS = ['QUALITY_MANAGER', 'ADMIN', 'AUDITOR', 'COMMITTEE'] as const;
/** The roles that review and assign cases. */
export const CASE_REVIEWERS = ['QUALITY_MANAGER', 'ADMIN'] as const;

async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toGraphQLError(error);
  }
}

export function signedIn(principal: Principal | undefined): Principal {
  if (!principal) {
    throw new CaseException(CaseErrorCode.UNAUTHENTICATED, 'Sign in to see cases.');
  }
  return principal;
}

type CaseConnectionSource = Omit<CaseConnectionObject, 'totalCount'> & {
  countTotal: CasePage['totalCount'];
};

@Resolver(() => CaseConnectionObject)
export class CasesResolver {
  constructor(private readonly casesService: CasesService) {}

  @Roles(...CASE_READERS)
  @Query(() => CaseConnectionObject, {
    description:
      'QUALITY_MANAGER (own departments), ADMIN, AUDITOR, COMMITTEE (de-identified): flagged and excluded cases, keyset-paginated',
  })
  async cases(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('filter', { type: () => CaseFilterInput, nullable: true }) filter?: CaseFilterInput,
    @Args('orderBy', { type: () => CaseOrderInput, nullable: true }) orderBy?: CaseOrderInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<CaseConnectionSource> {
    return answer(async () => {
      const page = await this.casesService.list(signedIn(principal), filter, orderBy, first, after);
      return { edges: page.edges, pageInfo: page.pageInfo, countTotal: page.totalCount };
    });
  }

  @Roles(...CASE_READERS)
  @ResolveField(() => Int)
  async totalCount(@Parent() connection: CaseConnectionSource): Promise<number> {
    return connection.countTotal();
  }

  @Roles(...CASE_READERS)
  @Query(() => CaseDetailObject, { description: 'One case with its evidence; viewing is audited' })
  async case(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CaseDetailObject> {
    return answer(() => this.casesService.detail(signedIn(principal), id));
  }

  @Roles(...CASE_REVIEWERS)
  @Mutation(() => CaseDetailObject, {
    description: 'Record a review; a case can be reviewed again and every review is kept',
  })
  async reviewCase(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('input', { type: () => ReviewCaseInput }) input: ReviewCaseInput,
  ): Promise<CaseDetailObject> {
    return answer(() => this.casesService.review(signedIn(principal), input));
  }

  @Roles(...CASE_REVIEWERS)
  @Query(() => [CaseAssigneeObject], {
    description:
      'QUALITY_MANAGER (own departments), ADMIN: who a case can be assigned to (active quality managers of its department or site-wide, and administrators)',
  })
  async caseAssignees(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('caseId', { type: () => ID }) caseId: string,
  ): Promise<CaseAssigneeObject[]> {
    return answer(async () =>
      (await this.casesService.assignees(signedIn(principal), caseId)).map((user) => ({
        email: user.email,
        role: user.role,
      })),
    );
  }

  @Roles(...CASE_REVIEWERS)
  @Mutation(() => CaseDetailObject, { description: 'Assign a case to a reviewer; null unassigns' })
  async assignCase(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('input', { type: () => AssignCaseInput }) input: AssignCaseInput,
  ): Promise<CaseDetailObject> {
    return answer(() => this.casesService.assign(signedIn(principal), input));
  }
}
