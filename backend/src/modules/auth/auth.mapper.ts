import type { MeObject, UserObject } from './dto/auth.objects.js';
import type { Principal } from './principal.js';
import type { UserRow } from './users.service.js';

/** The allow-list from a user row to GraphQL: never the password hash or OIDC subject. */
export function mapUser(row: UserRow): UserObject {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    departments: row.departments,
    disabled: row.disabled,
    lastSignInAt: row.lastSignInAt ? row.lastSignInAt.toISOString() : null,
  };
}

export function mapMe(principal: Principal, allDepartments: readonly string[]): MeObject {
  return {
    email: principal.email,
    role: principal.role,
    departments: principal.departments ? [...principal.departments] : null,
    visibleDepartments: principal.departments ? [...principal.departments] : [...allDepartments],
  };
}
