import { ROLES, type Role } from '../principal.js';

export interface ClaimMapping {
  /** Claim name or dotted path (e.g. `realm_access.roles`) holding the role(s). */
  readonly roleClaim: string;
  /** Claim name or dotted path holding department names. */
  readonly departmentClaim: string;
  /** Identity-provider values to roles, e.g. { 'grounds-admins': 'ADMIN' } (case-insensitive). */
  readonly roleMap: Readonly<Record<string, Role>>;
  /** Role when the claim names none; null refuses the sign-in. */
  readonly defaultRole: Role | null;
}

export type MappedClaims =
  { readonly role: Role; readonly departments: string[] | null } | { readonly refused: string };

/** When several roles are named, the most capable wins. */
const PRECEDENCE: readonly Role[] = ['ADMIN', 'QUALITY_MANAGER', 'AUDITOR', 'COMMITTEE'];

/** Department claim values meaning every department. */
const SITE_WIDE = new Set(['*', 'all', 'site-wide']);

export function readClaim(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const asStrings = (value: unknown): string[] => {
  if (typeof value === 'string') return value.split(/[,\s]+/).filter((part) => part !== '');
  if (Array.isArray(value)) return value.filter((part): part is string => typeof part === 'string');
  return [];
};

/**
 * The role and departments an OpenID Connect sign-in maps to. A QUALITY_MANAGER must carry a
 * departments claim (or `*` for site-wide): a missing claim never widens access. The other
 * roles are site-wide by definition.
 */
export function mapOidcClaims(
  claims: Record<string, unknown>,
  mapping: ClaimMapping,
): MappedClaims {
  const mapped = new Map(
    Object.entries(mapping.roleMap).map(([key, role]) => [key.toLowerCase(), role]),
  );
  const named = new Set<Role>();
  for (const value of asStrings(readClaim(claims, mapping.roleClaim))) {
    const lowered = value.toLowerCase();
    const direct = ROLES.find((role) => role.toLowerCase() === lowered);
    const role = mapped.get(lowered) ?? direct;
    if (role) named.add(role);
  }
  const role = PRECEDENCE.find((candidate) => named.has(candidate)) ?? mapping.defaultRole;
  if (!role) {
    return {
      refused: `Your hospital account has no Clinical Grounds role in its "${mapping.roleClaim}" claim; ask your administrator.`,
    };
  }
  if (role !== 'QUALITY_MANAGER') return { role, departments: null };
  const departments = [
    ...new Set(asStrings(readDepartments(claims, mapping.departmentClaim)).map((d) => d.trim())),
  ].filter((name) => name !== '');
  if (departments.some((name) => SITE_WIDE.has(name.toLowerCase()))) {
    return { role, departments: null };
  }
  if (departments.length === 0) {
    return {
      refused: `Your hospital account names no departments in its "${mapping.departmentClaim}" claim; ask your administrator.`,
    };
  }
  return { role, departments: departments.sort() };
}

/** Departments may be listed with commas inside names' neighbours; keep whole names from arrays. */
function readDepartments(claims: Record<string, unknown>, path: string): unknown {
  const value = readClaim(claims, path);
  return typeof value === 'string' ? value.split(',') : value;
}
