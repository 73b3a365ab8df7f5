import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Role } from '../principal.js';

/** The GraphQL enum Role (principal.ts holds the TypeScript type); import it, never re-register. */
export const RoleEnum: { readonly [R in Role]: R } = {
  ADMIN: 'ADMIN',
  QUALITY_MANAGER: 'QUALITY_MANAGER',
  COMMITTEE: 'COMMITTEE',
  AUDITOR: 'AUDITOR',
};

registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What a user may do: see the README, "Roles"',
});

@ObjectType('Me', { description: 'The signed-in caller' })
export class MeObject {
  @Field()
  email: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => [String], { nullable: true, description: 'null: site-wide' })
  departments: string[] | null;

  @Field(() => [String], {
    description: 'Department names the caller may filter by (all for site-wide roles)',
  })
  visibleDepartments: string[];
}

@ObjectType('AuthConfig', { description: 'Which sign-in methods the sign-in page offers' })
export class AuthConfigObject {
  @Field()
  localSignIn: boolean;

  @Field({
    description:
      "true when OIDC_ISSUER is set: the page shows 'Sign in with your hospital account' -> GET /auth/oidc/login",
  })
  oidcSignIn: boolean;
}

@InputType('SignInInput')
export class SignInInput {
  @Field()
  email: string;

  @Field()
  password: string;
}

@ObjectType('User', { description: 'An account (ADMIN; read-only for AUDITOR)' })
export class UserObject {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => [String], { nullable: true, description: 'null: site-wide' })
  departments: string[] | null;

  @Field()
  disabled: boolean;

  @Field(() => String, { nullable: true, description: 'ISO 8601 instant' })
  lastSignInAt: string | null;
}

@ObjectType('ApiTokenCreated')
export class ApiTokenCreatedObject {
  @Field()
  name: string;

  @Field({ description: 'shown once' })
  token: string;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field()
  email: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => [String], { nullable: true, description: 'omit for a site-wide account' })
  departments?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'omit for an account that signs in through OIDC only',
  })
  password?: string | null;
}

@InputType('DisableUserInput')
export class DisableUserInput {
  @Field()
  email: string;
}

@InputType('CreateApiTokenInput')
export class CreateApiTokenInput {
  @Field()
  email: string;

  @Field(() => String, { nullable: true, description: 'default: default, default-2, ...' })
  name?: string | null;
}

@InputType('RevokeApiTokenInput')
export class RevokeApiTokenInput {
  @Field()
  email: string;

  @Field()
  name: string;
}
