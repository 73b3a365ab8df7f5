import type { EntityManager } from 'typeorm';

/**
 * Advisory lock namespace of writes to the model and its analysis: an import's model
 * transaction and every reassessment take (namespace, 0) for their transaction, so two never
 * run at once, whether they come from this process, another backend instance or the command
 * line. The second waits for the first and then sees its result.
 */
export const MODEL_WRITE_LOCK_NAMESPACE = 72_302;

/** Waits for the model write lock; it is released when the caller's transaction ends. */
export async function lockModelWrites(manager: Pick<EntityManager, 'query'>): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1::integer, 0)', [MODEL_WRITE_LOCK_NAMESPACE]);
}
