/**
 * Where the dashboard aggregates count from. 'rollups' (what the app reads): the monthly
 * rollup tables (migration MonthlyRollups, refreshed by the analysis), one row per month and
 * dimension combination with its number of orders, so every count is a sum: by clinician
 * (assessment_rollups) only when the statement groups or filters by clinician, else by
 * department (department_rollups). 'raw': the same
 * aggregates over order_assessments and orders, one row per order (the equivalence spec and the
 * bench compare the two; the figures are identical).
 *
 * Either way the statement reads an alias `a` with the columns month, provider_id,
 * indication_group, population, setting, band, outcome and level, the order's department id
 * in `department`, and optionally departments as `d`.
 */
export type AggregateSource = 'rollups' | 'raw';

export interface SourceSql {
  /**
   * The FROM clause; `needsOrders`: a raw read joins orders (department conditions);
   * `clinicians`: the statement groups or filters by clinician (a rollup read takes
   * assessment_rollups, else the smaller department_rollups, which has no provider_id).
   */
  from(options?: { needsOrders?: boolean; departments?: boolean; clinicians?: boolean }): string;
  /** Orders counted, as an int, optionally only those matching `condition`. */
  count(condition?: string): string;
  /** An assessable opportunity (outcome known, no exclusion): see committee.sql.ts. */
  readonly assessable: string;
  /** The order's department id. */
  readonly department: string;
}

const RAW: SourceSql = {
  from: ({ needsOrders = false, departments = false } = {}) =>
    `FROM order_assessments a${needsOrders || departments ? ' JOIN orders o ON o.id = a.order_pk' : ''}${
      departments ? ' LEFT JOIN departments d ON d.id = o.department_id' : ''
    }`,
  count: (condition) => (condition ? `count(*) FILTER (WHERE ${condition})::int` : 'count(*)::int'),
  assessable: `(a.is_opportunity AND a.outcome <> 'PENDING' AND a.exclusion IS NULL)`,
  department: 'o.department_id',
};

const ROLLUPS: SourceSql = {
  from: ({ departments = false, clinicians = false } = {}) =>
    `FROM ${clinicians ? 'assessment_rollups' : 'department_rollups'} a${
      departments ? ' LEFT JOIN departments d ON d.id = a.department_id' : ''
    }`,
  count: (condition) =>
    condition
      ? `coalesce(sum(a.orders) FILTER (WHERE ${condition}), 0)::int`
      : 'coalesce(sum(a.orders), 0)::int',
  assessable: 'a.assessable',
  department: 'a.department_id',
};

export const sourceSql = (source: AggregateSource): SourceSql => (source === 'raw' ? RAW : ROLLUPS);

/** The table a source's months come from (min/max month: what was loaded). */
export const monthTable = (source: AggregateSource): string =>
  source === 'raw' ? 'order_assessments' : 'department_rollups';
