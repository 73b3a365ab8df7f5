import type { EntityManager } from 'typeorm';
import type { ImportEntity } from './import-format.js';
import {
  CREATE_TOUCHED_PATIENTS,
  EVERY_PATIENT_TOUCHED,
  INSERT_PATIENTS_FIRST_LOAD,
  MARK_EXAM_REFERENCES,
  UPSERT_DEPARTMENTS,
  UPSERT_EXAMS,
  UPSERT_ORDERS,
  UPSERT_ORDER_CHANGES,
  UPSERT_PATIENTS,
  UPSERT_PROVIDERS,
  countLandingSql,
  insertDuplicateWarningsSql,
  insertExamsFirstLoadSql,
  insertOrdersFirstLoadSql,
  insertRejectionsSql,
  markUnknownOrdersSql,
  markUnknownPatientsSql,
  touchedFromFirstLoadSql,
} from './normaliser.sql.js';
import { dropKeysForFirstLoad, emptyForFirstLoad } from './bulk-load.js';
import { timeStep } from './step-timing.js';

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
    // every statement is one timed step, "normalise.<what>"
    const run = (step: string, sql: string, ...parameters: unknown[]) =>
      timeStep(`normalise.${step}`, () => manager.query(sql, [runId, ...parameters]));
    await manager.query(CREATE_TOUCHED_PATIENTS);

    await run(
      'patients.duplicates',
      insertDuplicateWarningsSql('landing_patients', 'l.patient_id'),
      'patients',
      'patient_id',
    );
    // into empty patients (nothing touched yet): a plain INSERT, every row touched
    const [{ untouched }] = await manager.query(
      'SELECT NOT EXISTS (SELECT 1 FROM touched_patients) AS untouched',
    );
    if (untouched && (await emptyForFirstLoad(manager, 'patients'))) {
      await run('patients.insert', INSERT_PATIENTS_FIRST_LOAD);
    } else {
      await run('patients.upsert', UPSERT_PATIENTS);
    }
    // the patients of a first load's orders and exams, unless every patient is touched already
    // (a full folder's first load): then they can add none (asked once: patients are all written)
    let everyPatientTouched: boolean | undefined;
    const touchedFromFirstLoad = async (table: 'orders' | 'exams') => {
      everyPatientTouched ??= (
        await timeStep('normalise.patients.every_touched', () =>
          manager.query(EVERY_PATIENT_TOUCHED),
        )
      )[0].touched as boolean;
      if (!everyPatientTouched) await run(`${table}.touched`, touchedFromFirstLoadSql(table));
    };

    await run('orders.unknown_patients', markUnknownPatientsSql('landing_orders'));
    // whether an order or an exam occurs twice in the run: a first load's insert keeps the
    // last of each only then
    const [orders] = await run(
      'orders.duplicates',
      insertDuplicateWarningsSql('landing_orders', 'l.order_id'),
      'orders',
      'order_id',
    );
    await run('departments.upsert', UPSERT_DEPARTMENTS);
    await run('providers.upsert', UPSERT_PROVIDERS);
    // a first load has nothing to update: plain INSERTs, their keys built after them
    // (dropKeysForFirstLoad), touched patients added once
    if (await emptyForFirstLoad(manager, 'orders')) {
      const keys = await dropKeysForFirstLoad(manager, 'orders');
      await run('orders.insert', insertOrdersFirstLoadSql(orders.repeated));
      await timeStep('normalise.orders.keys', () => keys.restore());
      await touchedFromFirstLoad('orders');
    } else {
      await run('orders.upsert', UPSERT_ORDERS);
    }

    await run('order_changes.unknown_orders', markUnknownOrdersSql('landing_order_changes'));
    await run(
      'order_changes.duplicates',
      insertDuplicateWarningsSql(
        'landing_order_changes',
        'l.order_id, l.changed_at::timestamptz, l.action',
      ),
      'order_changes',
      'order change',
    );
    await run('order_changes.upsert', UPSERT_ORDER_CHANGES);

    await run('exams.references', MARK_EXAM_REFERENCES);
    const [exams] = await run(
      'exams.duplicates',
      insertDuplicateWarningsSql('landing_exams', 'l.accession'),
      'exams',
      'accession',
    );
    if (await emptyForFirstLoad(manager, 'exams')) {
      // the primary and unique keys are built once after the insert (dropKeysForFirstLoad)
      const keys = await dropKeysForFirstLoad(manager, 'exams');
      await run('exams.insert', insertExamsFirstLoadSql(exams.repeated));
      await timeStep('normalise.exams.keys', () => keys.restore());
      await touchedFromFirstLoad('exams');
    } else {
      await run('exams.upsert', UPSERT_EXAMS);
    }

    const counts = {} as Record<ImportEntity, EntityCounts>;
    for (const entity of ['patients', 'orders', 'order_changes', 'exams'] as const) {
      await run(`${entity}.rejections`, insertRejectionsSql(`landing_${entity}`), entity);
      const [row] = await run(`${entity}.count`, countLandingSql(`landing_${entity}`));
      counts[entity] = { read: row.read, rejected: row.rejected };
    }
    const [{ warned }] = await run(
      'warnings.count',
      `SELECT count(*)::int AS warned FROM rejections WHERE run_id = $1 AND severity = 'warning'`,
    );
    return { ...counts, warned };
  }
}
