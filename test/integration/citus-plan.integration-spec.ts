import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../../backend/src/config/paths.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

/**
 * The placement of every table in docs/scaling.md (Citus, distribution column patient_id),
 * mirrored here and checked against the migrated schema read from pg_catalog:
 *
 * - a distributed table has a NOT NULL patient_id, every primary key, unique constraint and
 *   unique index includes it, and every foreign key to another distributed table includes it
 *   on both sides (foreign keys to reference tables are allowed);
 * - a reference or coordinator-local table has no foreign key to a distributed table;
 * - every table of the schema has a placement, so a new table cannot be added without one.
 *
 * The schema does not fit yet: KNOWN_GAPS lists each difference, word for word as
 * docs/scaling.md's "Required schema changes" lists it. A gap that is fixed must leave both
 * lists; a new one fails here until the plan says what to do about it.
 */
const DISTRIBUTED = [
  'patients',
  'orders',
  'order_changes',
  'exams',
  'order_dose',
  'order_assessments',
  'order_signals',
  'order_text_facts',
  'case_reviews',
  'case_assignments',
  'dose_report_studies',
  'dose_report_events',
  'exam_doses',
];

const REFERENCE = [
  'departments',
  'providers',
  'provider_patterns',
  'provider_pattern_counts',
  'reference_versions',
  'dlp_coefficients',
  'typical_doses',
  'indication_groups',
  'appropriateness',
  'settings_versions',
];

/** On the coordinator only (Citus local tables); the rollups are those of the monthly rollup work. */
const COORDINATOR = [
  'typeorm_migrations',
  'users',
  'sessions',
  'api_tokens',
  'audit_events',
  'site_secrets',
  'source_watermarks',
  'ingest_runs',
  'unassessed_loads',
  'assessment_newest',
  'dashboard_generation',
  'rejections',
  'landing_patients',
  'landing_orders',
  'landing_order_changes',
  'landing_exams',
  'landing_dose_reports',
  'assessment_rollups',
  'order_volume_rollups',
  'department_rollups',
  'clinician_rollups',
  'clinician_totals',
  'oidc_login_states',
];

const KNOWN_GAPS = [
  'orders: PRIMARY KEY (id)',
  'orders: UNIQUE (source, order_id)',
  'order_changes: no patient_id column',
  'order_changes: PRIMARY KEY (id)',
  'order_changes: UNIQUE (order_pk, changed_at, action)',
  'order_changes: FOREIGN KEY (order_pk) REFERENCES orders(id) ON DELETE CASCADE',
  'exams: PRIMARY KEY (id)',
  'exams: UNIQUE (source, accession)',
  'exams: FOREIGN KEY (order_pk) REFERENCES orders(id) ON DELETE SET NULL',
  'exam_doses: no patient_id column',
  'exam_doses: PRIMARY KEY (exam_id)',
  'order_dose: no patient_id column',
  'order_dose: PRIMARY KEY (order_pk)',
  'order_dose: FOREIGN KEY (order_pk) REFERENCES orders(id) ON DELETE CASCADE',
  'order_assessments: no patient_id column',
  'order_assessments: PRIMARY KEY (order_pk)',
  'order_assessments: FOREIGN KEY (order_pk) REFERENCES orders(id) ON DELETE CASCADE',
  'order_signals: no patient_id column',
  'order_signals: PRIMARY KEY (order_pk, code)',
  'order_text_facts: no patient_id column',
  'order_text_facts: PRIMARY KEY (order_pk)',
  'case_reviews: no patient_id column',
  'case_reviews: PRIMARY KEY (id)',
  'case_reviews: FOREIGN KEY (order_pk) REFERENCES orders(id)',
  'case_assignments: no patient_id column',
  'case_assignments: PRIMARY KEY (order_pk)',
  'case_assignments: FOREIGN KEY (order_pk) REFERENCES orders(id)',
  'dose_report_studies: patient_id may be NULL',
  'dose_report_studies: PRIMARY KEY (study_instance_uid)',
  'dose_report_studies: FOREIGN KEY (exam_id) REFERENCES exams(id) ON DELETE SET NULL',
  'dose_report_events: no patient_id column',
  'dose_report_events: PRIMARY KEY (study_instance_uid, irradiation_event_uid)',
];

interface ConstraintRow {
  table: string;
  kind: 'p' | 'u' | 'f' | 'i';
  definition: string;
  columns: string[];
  referenced_table: string | null;
  referenced_columns: string[] | null;
}

describe('the schema against the Citus plan (docs/scaling.md)', () => {
  let database: TestDatabase;
  let tables: string[];
  let patientIdColumns: Map<string, boolean>;
  let constraints: ConstraintRow[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.dataSource;
    tables = (
      (await db.query(
        `SELECT table_name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      )) as { table_name: string }[]
    ).map((row) => row.table_name);
    patientIdColumns = new Map(
      (
        (await db.query(
          `SELECT table_name, is_nullable = 'YES' AS nullable FROM information_schema.columns
           WHERE table_schema = 'public' AND column_name = 'patient_id'`,
        )) as { table_name: string; nullable: boolean }[]
      ).map((row) => [row.table_name, row.nullable]),
    );
    // primary keys, unique constraints and foreign keys, and unique indexes no constraint owns
    constraints = await db.query(`
      SELECT c.relname AS table, con.contype AS kind, pg_get_constraintdef(con.oid) AS definition,
        ARRAY(SELECT a.attname::text FROM unnest(con.conkey) k
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k) AS columns,
        r.relname AS referenced_table,
        CASE WHEN con.contype = 'f' THEN ARRAY(SELECT a.attname::text FROM unnest(con.confkey) k
              JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k) END
          AS referenced_columns
      FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_class r ON r.oid = con.confrelid
      WHERE n.nspname = 'public' AND con.contype IN ('p', 'u', 'f')
      UNION ALL
      SELECT c.relname, 'i', pg_get_indexdef(i.indexrelid),
        ARRAY(SELECT a.attname::text FROM unnest(i.indkey) k
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k),
        NULL, NULL
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND i.indisunique
        AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)
      ORDER BY 1, 2, 3`);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('places every table of the schema exactly once', () => {
    const placed = [...DISTRIBUTED, ...REFERENCE, ...COORDINATOR];
    expect(new Set(placed).size).toBe(placed.length);
    const unplaced = tables.filter((table) => !placed.includes(table));
    expect(unplaced).toEqual([]);
    // the distributed tables are the model: they all exist
    expect(DISTRIBUTED.filter((table) => !tables.includes(table))).toEqual([]);
  });

  it('keeps patient_id in every key of the distributed tables, except the listed gaps', () => {
    const distributed = new Set(DISTRIBUTED);
    const gaps: string[] = [];
    for (const table of DISTRIBUTED) {
      const nullable = patientIdColumns.get(table);
      if (nullable === undefined) gaps.push(`${table}: no patient_id column`);
      else if (nullable) gaps.push(`${table}: patient_id may be NULL`);
    }
    for (const row of constraints) {
      if (!distributed.has(row.table)) continue;
      const includesPatient = row.columns.includes('patient_id');
      if (row.kind === 'f') {
        // to a reference table: allowed; to a distributed one: on patient_id, both sides
        if (REFERENCE.includes(row.referenced_table ?? '')) continue;
        const colocated =
          distributed.has(row.referenced_table ?? '') &&
          includesPatient &&
          row.referenced_columns?.[row.columns.indexOf('patient_id')] === 'patient_id';
        if (!colocated) gaps.push(`${row.table}: ${row.definition}`);
      } else if (!includesPatient) {
        gaps.push(`${row.table}: ${row.definition}`);
      }
    }
    expect(gaps.sort()).toEqual([...KNOWN_GAPS].sort());
  });

  it('has no foreign key from a reference or coordinator table to a distributed one', () => {
    const offending = constraints.filter(
      (row) =>
        row.kind === 'f' &&
        !DISTRIBUTED.includes(row.table) &&
        DISTRIBUTED.includes(row.referenced_table ?? ''),
    );
    expect(offending.map((row) => `${row.table}: ${row.definition}`)).toEqual([]);
  });

  it('says the same as docs/scaling.md', async () => {
    const plan = await readFile(path.join(REPO_ROOT, 'docs', 'scaling.md'), 'utf8');
    const section = (heading: string): string => {
      const start = plan.indexOf(`## ${heading}`);
      expect(start).toBeGreaterThanOrEqual(0);
      const end = plan.indexOf('\n## ', start + 1);
      return plan.slice(start, end < 0 ? undefined : end);
    };
    const placement = section('Table placement');
    const placedAs = (table: string): string | null => {
      const row = new RegExp(`^\\| \`${table}\` \\| (\\w+)`, 'm').exec(placement);
      return row ? row[1] : null;
    };
    for (const table of DISTRIBUTED)
      expect([table, placedAs(table)]).toEqual([table, 'distributed']);
    for (const table of REFERENCE) expect([table, placedAs(table)]).toEqual([table, 'reference']);
    for (const table of COORDINATOR)
      expect([table, placedAs(table)]).toEqual([table, 'coordinator']);
    const listed = [...section('Required schema changes').matchAll(/^- `([^`]+)`/gm)].map(
      (match) => match[1],
    );
    expect(listed.sort()).toEqual([...KNOWN_GAPS].sort());
  });
});
