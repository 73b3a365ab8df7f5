import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { asGraphqlErrors } from '../../common/error-mapping.js';
import { mapUser } from './auth.mapper.js';
import {
  ApiTokenCreatedObject,
  CreateApiTokenInput,
  CreateUserInput,
  DisableUserInput,
  RevokeApiTokenInput,
  UserObject,
} from './dto/auth.objects.js';
import { CurrentPrincipal, Roles, type Principal } from './principal.js';
import { UsersService } from './users.service.js';

/** Accounts and API tokens: ADMIN changes them, AUDITOR reads the list. */
@Resolver()
export class UsersResolver {
  constructor(private readonly usersService: UsersService) {}

  @Roles('ADMIN', 'AUDITOR')
  @Query(() => [UserObject], { description: 'Every account, by email' })
  async users(): Promise<UserObject[]> {
    return (await this.usersService.list()).map(mapUser);
  }

  @Roles('ADMIN')
  @Mutation(() => UserObject)
  async createUser(
    @Args('input', { type: () => CreateUserInput }) input: CreateUserInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserObject> {
    return mapUser(await asGraphqlErrors(this.usersService.create(input, principal)));
  }

  @Roles('ADMIN')
  @Mutation(() => UserObject, { description: 'Disables the account and ends its sessions' })
  async disableUser(
    @Args('input', { type: () => DisableUserInput }) input: DisableUserInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserObject> {
    return mapUser(await asGraphqlErrors(this.usersService.disable(input.email, principal)));
  }

  @Roles('ADMIN')
  @Mutation(() => ApiTokenCreatedObject, { description: 'A bearer token, shown once' })
  async createApiToken(
    @Args('input', { type: () => CreateApiTokenInput }) input: CreateApiTokenInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApiTokenCreatedObject> {
    return asGraphqlErrors(this.usersService.createToken(input.email, input.name, principal));
  }

  @Roles('ADMIN')
  @Mutation(() => Boolean)
  async revokeApiToken(
    @Args('input', { type: () => RevokeApiTokenInput }) input: RevokeApiTokenInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<boolean> {
    await asGraphqlErrors(this.usersService.revokeToken(input.email, input.name, principal));
    return true;
  }
}
