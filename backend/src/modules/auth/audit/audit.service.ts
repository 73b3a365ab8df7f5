import os from 'node:os';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../principal.js';

export type AuditActorKind = 'user' | 'token' | 'cli' | 'anonymous' | 'system';

export interface AuditEventInput {
  /** Who acted; or give `actor` when there is no principal (failed sign-in, start-up). */
  readonly principal?: Principal | null;
  readonly actor?: { readonly name: string; readonly kind: AuditActorKind };
  /** Verb-like, dotted: `auth.sign_in`, `case.viewed`, `case.reviewed`, `user.created` ... */
  readonly action: string;
  readonly objectType?: string | null;
  readonly objectId?: string | null;
  /** Free-form JSON; for changes put `before` and `after`. Never a patient identifier. */
  readonly details?: Record<string, unknown> | null;
}

export interface AuditEventRow {
  readonly id: string;
  readonly occurredAt: Date;
  readonly actor: string;
  readonly actorKind: AuditActorKind;
  readonly action: string;
  readonly objectType: string | null;
  readonly objectId: string | null;
  readonly details: Record<string, unknown> | null;
}

/** $1 actor, $2 actor kind, $3 action, $4 object type, $5 object id, $6 details (jsonb). */
const INSERT_AUDIT_EVENT = `
  INSERT INTO audit_events (actor, actor_kind, action, object_type, object_id, details)
  VALUES ($1, $2, $3, $4, $5, $6::jsonb)
  RETURNING id::text AS id, occurred_at AS "occurredAt"`;

/** The principal of a command-line run: the operating-system user, with every right. */
export function cliPrincipal(): Principal {
  let name: string;
  try {
    name = os.userInfo().username;
  } catch {
    name = process.env.USER ?? 'unknown';
  }
  return {
    kind: 'cli',
    userId: null,
    tokenId: null,
    email: `${name}@${os.hostname()}`,
    role: 'ADMIN',
    departments: null,
    sessionId: null,
  };
}

/**
 * Writes the append-only audit trail. Pass the EntityManager of a running transaction to
 * record a change in the same transaction as the change itself.
 */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    event: AuditEventInput,
    manager?: EntityManager,
  ): Promise<{ id: string; occurredAt: Date }> {
    const actor = event.principal
      ? { name: event.principal.email, kind: event.principal.kind as AuditActorKind }
      : (event.actor ?? { name: 'anonymous', kind: 'anonymous' as const });
    const details =
      event.principal?.kind === 'token'
        ? { ...(event.details ?? {}), tokenId: event.principal.tokenId }
        : (event.details ?? null);
    const rows: { id: string; occurredAt: Date }[] = await (manager ?? this.dataSource).query(
      INSERT_AUDIT_EVENT,
      [
        actor.name,
        actor.kind,
        event.action,
        event.objectType ?? null,
        event.objectId ?? null,
        details === null ? null : JSON.stringify(details),
      ],
    );
    return rows[0];
  }
}
