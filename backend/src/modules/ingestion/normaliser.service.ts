import type { EntityManager } from 'typeorm';
import type { ImportEntity } from './import-format.js';
import {
  CREATE_TOUCHED_PATIENTS,
  MARK_EXAM_PATIENT_MISMATCH,
  UPSERT_DEPARTMENTS,
  UPSERT_EXAMS,
  UPSERT_ORDERS,
  UPSERT_ORDER_CHANGES,
  UPSERT_PATIENTS,
  UPSERT_PROVIDERS,
  countLandingSql,
  insertDuplicateWarningsSql,
  insertRejectionsSql,
  markUnknownOrdersSql,
  markUnknownPatientsSql,
} from './normaliser.sql.js';

export interface EntityCounts {
  readonly read: number;
  readonly rejected: number;
}

export type NormaliseCounts = Record<ImportEntity, EntityCounts> & { warned: number };

/**
 * One normaliser for every adapter: landing rows of a run into the model, in dependency order
 * (patients, orders, order changes, exams), inside the caller's transaction.
 */
export class NormaliserService {
  async normalise(manager: EntityManager, runId: number): Promise<NormaliseCounts> {
    const run = (sql: string, ...parameters: unknown[]) =>
      manager.query(sql, [runId, ...parameters]);
    await manager.query(CREATE_TOUCHED_PATIENTS);

    await run(
      insertDuplicateWarningsSql('landing_patients', 'l.patient_id'),
      'patients',
      'patient_id',
    );
    await run(UPSERT_PATIENTS);

    await run(markUnknownPatientsSql('landing_orders'));
    await run(insertDuplicateWarningsSql('landing_orders', 'l.order_id'), 'orders', 'order_id');
    await run(UPSERT_DEPARTMENTS);
    await run(UPSERT_PROVIDERS);
    await run(UPSERT_ORDERS);

    await run(markUnknownOrdersSql('landing_order_changes'));
    await run(
      insertDuplicateWarningsSql(
        'landing_order_changes',
        'l.order_id, l.changed_at::timestamptz, l.action',
      ),
      'order_changes',
      'order change',
    );
    await run(UPSERT_ORDER_CHANGES);

    await run(markUnknownPatientsSql('landing_exams'));
    await run(markUnknownOrdersSql('landing_exams'));
    await run(MARK_EXAM_PATIENT_MISMATCH);
    await run(insertDuplicateWarningsSql('landing_exams', 'l.accession'), 'exams', 'accession');
    await run(UPSERT_EXAMS);

    const counts = {} as Record<ImportEntity, EntityCounts>;
    for (const entity of ['patients', 'orders', 'order_changes', 'exams'] as const) {
      await run(insertRejectionsSql(`landing_${entity}`), entity);
      const [row] = await run(countLandingSql(`landing_${entity}`));
      counts[entity] = { read: row.read, rejected: row.rejected };
    }
    const [{ warned }] = await run(
      `SELECT count(*)::int AS warned FROM rejections WHERE run_id = $1 AND severity = 'warning'`,
    );
    return { ...counts, warned };
  }
}
