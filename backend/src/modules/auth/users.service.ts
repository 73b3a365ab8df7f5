import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type AuditActorKind, type AuditEventInput } from './audit/audit.service.js';
import { AuthError } from './auth.exception.js';
import {
  DISABLE_USER,
  FIND_USER_BY_EMAIL,
  INSERT_API_TOKEN,
  INSERT_USER,
  LIST_ACTIVE_TOKEN_NAMES,
  LIST_USERS,
  REVOKE_API_TOKEN,
  REVOKE_USER_SESSIONS,
  returnedRows,
  SET_PASSWORD,
} from './auth.sql.js';
import { checkPasswordPolicy } from './domain/check-password-policy.js';
import { hashPassword } from './password-hasher.js';
import { ROLES, type Principal, type Role } from './principal.js';
import { generateSecretToken, hashSecretToken } from './secret-token.js';

export interface UserRow {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly departments: string[] | null;
  readonly passwordHash: string | null;
  readonly disabled: boolean;
  readonly failedAttempts: number;
  readonly lockedUntil: Date | null;
  readonly lastSignInAt: Date | null;
  readonly oidcIssuer: string | null;
  readonly oidcSubject: string | null;
  readonly createdAt: Date;
}

export interface CreateUserCommand {
  readonly email: string;
  readonly role: string;
  /** Department names; null or absent = site-wide. */
  readonly departments?: readonly string[] | null;
  /** Omit for an account that signs in only through OIDC (or gets a password later). */
  readonly password?: string | null;
}

/** Who makes a change: a signed-in principal, the CLI, or the system (demo set-up). */
export type UserChangeActor = Principal | { readonly name: string; readonly kind: AuditActorKind };

const byActor = (actor: UserChangeActor): Pick<AuditEventInput, 'principal' | 'actor'> =>
  'role' in actor ? { principal: actor } : { actor };

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

/** Lower-cased and checked; one sentence when it is not an email address. */
export function normaliseEmail(email: string): string {
  const normalised = email.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(normalised)) {
    throw new AuthError('BAD_USER_INPUT', `"${email}" is not an email address.`);
  }
  return normalised;
}

export function parseRole(role: string): Role {
  const upper = role.trim().toUpperCase();
  if (!(ROLES as readonly string[]).includes(upper)) {
    throw new AuthError(
      'BAD_USER_INPUT',
      `Role must be one of ${ROLES.join(', ')}, not "${role}".`,
    );
  }
  return upper as Role;
}

/** Trimmed, de-duplicated department names; null (site-wide) stays null. */
export function normaliseDepartments(departments: readonly string[] | null | undefined) {
  if (departments === null || departments === undefined) return null;
  const names = [...new Set(departments.map((name) => name.trim()))];
  if (names.length === 0 || names.some((name) => name === '')) {
    throw new AuthError(
      'BAD_USER_INPUT',
      'Departments must be non-empty names; leave them out for a site-wide account.',
    );
  }
  return names;
}

/** Accounts and API tokens; every change is audited with who made it. */
@Injectable()
export class UsersService {
  private readonly audit: AuditService;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditService(dataSource);
  }

  async list(): Promise<UserRow[]> {
    return this.dataSource.query(LIST_USERS);
  }

  async findByEmail(email: string): Promise<UserRow | null> {
    const rows: UserRow[] = await this.dataSource.query(FIND_USER_BY_EMAIL, [
      email.trim().toLowerCase(),
    ]);
    return rows[0] ?? null;
  }

  async create(command: CreateUserCommand, actor: UserChangeActor): Promise<UserRow> {
    const email = normaliseEmail(command.email);
    const role = parseRole(command.role);
    const departments = normaliseDepartments(command.departments);
    let passwordHash: string | null = null;
    if (command.password !== undefined && command.password !== null) {
      const problem = checkPasswordPolicy(command.password, email);
      if (problem) throw new AuthError('BAD_USER_INPUT', problem);
      passwordHash = await hashPassword(command.password);
    }
    return this.dataSource.transaction(async (manager) => {
      const rows: UserRow[] = await manager.query(INSERT_USER, [
        email,
        role,
        departments,
        passwordHash,
      ]);
      if (rows.length === 0) {
        throw new AuthError('BAD_USER_INPUT', `A user with the email ${email} already exists.`);
      }
      await this.audit.record(
        {
          ...byActor(actor),
          action: 'user.created',
          objectType: 'user',
          objectId: email,
          details: { after: { email, role, departments, localPassword: passwordHash !== null } },
        },
        manager,
      );
      return rows[0];
    });
  }

  /** Sets a new local password (policy checked) and ends the account's sessions. */
  async setPassword(emailGiven: string, password: string, actor: UserChangeActor): Promise<void> {
    const user = await this.require(emailGiven);
    const problem = checkPasswordPolicy(password, user.email);
    if (problem) throw new AuthError('BAD_USER_INPUT', problem);
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(SET_PASSWORD, [user.id, passwordHash]);
      await manager.query(REVOKE_USER_SESSIONS, [user.id]);
      await this.audit.record(
        {
          ...byActor(actor),
          action: 'user.password_set',
          objectType: 'user',
          objectId: user.email,
        },
        manager,
      );
    });
  }

  /** Disables the account and ends its sessions; its tokens stop working with it. */
  async disable(emailGiven: string, actor: Principal): Promise<UserRow> {
    const user = await this.require(emailGiven);
    if (actor.userId !== null && actor.userId === user.id) {
      throw new AuthError('BAD_USER_INPUT', 'You cannot disable your own account.');
    }
    return this.dataSource.transaction(async (manager) => {
      const [updated] = returnedRows<UserRow>(await manager.query(DISABLE_USER, [user.id]));
      await manager.query(REVOKE_USER_SESSIONS, [user.id]);
      await this.audit.record(
        {
          principal: actor,
          action: 'user.disabled',
          objectType: 'user',
          objectId: user.email,
          details: { before: { disabled: user.disabled }, after: { disabled: true } },
        },
        manager,
      );
      return updated;
    });
  }

  /** A new bearer token for the user; the token is returned once and only its hash is kept. */
  async createToken(
    emailGiven: string,
    nameGiven: string | null | undefined,
    actor: Principal,
  ): Promise<{ name: string; token: string }> {
    const user = await this.require(emailGiven);
    if (user.disabled) {
      throw new AuthError('BAD_USER_INPUT', `${user.email} is disabled; enable it first.`);
    }
    const name = nameGiven?.trim() || (await this.freeTokenName(user.id));
    if (!/^[\w.@-]{1,64}$/.test(name)) {
      throw new AuthError(
        'BAD_USER_INPUT',
        'A token name is 1 to 64 letters, digits, dots, dashes, underscores or @.',
      );
    }
    const token = generateSecretToken('cg_');
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(INSERT_API_TOKEN, [
        user.id,
        name,
        hashSecretToken(token),
      ]);
      if (rows.length === 0) {
        throw new AuthError(
          'BAD_USER_INPUT',
          `${user.email} already has a token named "${name}"; revoke it or choose another name.`,
        );
      }
      await this.audit.record(
        {
          principal: actor,
          action: 'api_token.created',
          objectType: 'api_token',
          objectId: rows[0].id,
          details: { user: user.email, name },
        },
        manager,
      );
      return { name, token };
    });
  }

  async revokeToken(emailGiven: string, name: string, actor: Principal): Promise<void> {
    const user = await this.require(emailGiven);
    await this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<{ id: string }>(
        await manager.query(REVOKE_API_TOKEN, [user.id, name.trim()]),
      );
      if (rows.length === 0) {
        throw new AuthError('NOT_FOUND', `${user.email} has no active token named "${name}".`);
      }
      await this.audit.record(
        {
          principal: actor,
          action: 'api_token.revoked',
          objectType: 'api_token',
          objectId: rows[0].id,
          details: { user: user.email, name: name.trim() },
        },
        manager,
      );
    });
  }

  private async require(emailGiven: string): Promise<UserRow> {
    const user = await this.findByEmail(normaliseEmail(emailGiven));
    if (!user) throw new AuthError('NOT_FOUND', `There is no user with the email ${emailGiven}.`);
    return user;
  }

  private async freeTokenName(userId: string): Promise<string> {
    const rows: { name: string }[] = await this.dataSource.query(LIST_ACTIVE_TOKEN_NAMES, [userId]);
    const taken = new Set(rows.map((row) => row.name));
    let name = 'default';
    for (let index = 2; taken.has(name); index += 1) name = `default-${index}`;
    return name;
  }
}
