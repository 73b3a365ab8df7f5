import type { ImportEntity } from './import-format.js';

/** Resolves once every record of the entity has landed; rejects when the landing failed. */
export type LandedEntity = (entity: ImportEntity) => Promise<void>;

/**
 * Which entities of a run have landed, so the normaliser can start on them while the others
 * still land: an adapter that lands entity by entity says so (`landed`), and one that does not
 * has every entity landed when its whole landing ends (`finished`). A failed landing fails
 * every entity not yet landed.
 */
export class LandingProgress {
  private readonly entities = new Map<
    ImportEntity,
    { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void }
  >();

  /** Every record of `entity` has landed. */
  landed(entity: ImportEntity): void {
    this.entry(entity).resolve();
  }

  /** The whole landing ended: every entity has landed, or none will (`error`). */
  finished(error?: unknown): void {
    for (const entity of ['patients', 'orders', 'order_changes', 'exams'] as const) {
      const entry = this.entry(entity);
      if (error === undefined) entry.resolve();
      else entry.reject(error);
    }
  }

  /** Waits until `entity` has landed (LandedEntity). */
  readonly ready: LandedEntity = (entity) => this.entry(entity).promise;

  private entry(entity: ImportEntity) {
    let entry = this.entities.get(entity);
    if (!entry) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      // a failure nobody waits for is the landing's own, thrown where the landing is awaited
      promise.catch(() => undefined);
      entry = { promise, resolve, reject };
      this.entities.set(entity, entry);
    }
    return entry;
  }
}
