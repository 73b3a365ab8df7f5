import type { DataSource } from 'typeorm';

/**
 * The model tables keyed by natural keys, without what differs between equivalent loads:
 * surrogate ids (sequences advance in rolled-back transactions), `source` (orders and exams
 * are keyed by source and id) and `last_run_id`. Foreign keys are shown as the natural key
 * they point to (order_pk as order_id, department_id as the department's name).
 */
export const NATURAL_MODEL_QUERIES: Readonly<Record<string, string>> = {
  patients: `SELECT to_jsonb(p) - 'last_run_id' AS row FROM patients p ORDER BY p.patient_id`,
  providers: `SELECT to_jsonb(p) AS row FROM providers p ORDER BY p.provider_id`,
  departments: `SELECT d.name AS row FROM departments d ORDER BY d.name`,
  orders: `
    SELECT to_jsonb(o) - ARRAY['id', 'source', 'last_run_id', 'department_id']
             || jsonb_build_object('department', d.name) AS row
      FROM orders o LEFT JOIN departments d ON d.id = o.department_id
     ORDER BY o.order_id`,
  order_changes: `
    SELECT to_jsonb(c) - ARRAY['id', 'order_pk', 'last_run_id']
             || jsonb_build_object('order_id', o.order_id) AS row
      FROM order_changes c JOIN orders o ON o.id = c.order_pk
     ORDER BY o.order_id, c.changed_at, c.action`,
  exams: `
    SELECT to_jsonb(e) - ARRAY['id', 'source', 'order_pk', 'last_run_id']
             || jsonb_build_object('order_id', o.order_id)
             || coalesce(to_jsonb(d) - 'exam_id', '{}') AS row
      FROM exams e LEFT JOIN orders o ON o.id = e.order_pk
      LEFT JOIN exam_doses d ON d.exam_id = e.id
     ORDER BY e.accession`,
  order_dose: `
    SELECT to_jsonb(d) - 'order_pk' || jsonb_build_object('order_id', o.order_id) AS row
      FROM order_dose d JOIN orders o ON o.id = d.order_pk
     ORDER BY o.order_id`,
};

export type ModelSnapshot = Record<string, unknown[]>;

export async function snapshotNaturalModel(dataSource: DataSource): Promise<ModelSnapshot> {
  const snapshot: ModelSnapshot = {};
  for (const [table, sql] of Object.entries(NATURAL_MODEL_QUERIES)) {
    const rows: { row: unknown }[] = await dataSource.query(sql);
    snapshot[table] = rows.map(({ row }) => row);
  }
  return snapshot;
}

/** Row counts per model table, for a readable first assertion before the deep comparison. */
export const countRows = (snapshot: ModelSnapshot): Record<string, number> =>
  Object.fromEntries(Object.entries(snapshot).map(([table, rows]) => [table, rows.length]));

/** The model tables, whole (ids included), in a stable order: what a re-run must not change. */
export const MODEL_TABLE_QUERIES: readonly string[] = [
  'SELECT * FROM patients ORDER BY patient_id',
  'SELECT * FROM providers ORDER BY provider_id',
  'SELECT * FROM departments ORDER BY id',
  'SELECT * FROM orders ORDER BY id',
  'SELECT * FROM order_changes ORDER BY id',
  // with each exam's effective dose (its own table, exam_doses)
  'SELECT e.*, d.effective_dose_msv, d.dose_source, d.dose_method FROM exams e LEFT JOIN exam_doses d ON d.exam_id = e.id ORDER BY e.id',
  'SELECT * FROM order_dose ORDER BY order_pk',
];

export const snapshotModelTables = (
  dataSource: DataSource,
  extraQueries: readonly string[] = [],
): Promise<unknown[][]> =>
  Promise.all([...MODEL_TABLE_QUERIES, ...extraQueries].map((sql) => dataSource.query(sql)));
