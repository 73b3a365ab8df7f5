import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadDatabase } from '../../database/read-database.js';
import type { Principal } from '../auth/principal.js';
import { RequestMemo } from '../../common/request-memo.js';
import type { VersionedSettings } from '../settings/settings.service.js';
import type { AggregateSource } from './aggregate-source.js';
import { analysisScopeOf } from './analysis-filter.js';
import { analyticsInputError } from './analytics.exception.js';
import { DashboardReads } from './dashboard-reads.js';
import {
  departmentCounts,
  departmentStratumCounts,
  monthlyConflictCounts,
  monthlyStratumCounts,
  monthRange,
  type DepartmentCountRow,
  type DepartmentStratumCountRow,
  type MonthlyConflictCountRow,
  type MonthlyStratumCountRow,
  type MonthRangeRow,
  type StratumCountRow,
} from './committee.sql.js';
import {
  assembleConflictTrend,
  assembleDepartmentVariation,
  type ConflictTrend,
  type DepartmentVariation,
  type DoseHistoryStratumCounts,
  type FunnelMeasure,
} from './domain/index.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface CommitteeConflictTrend extends ConflictTrend {
  readonly department: string | null;
  readonly departments: readonly string[];
}

export interface CommitteeDepartmentVariation extends DepartmentVariation {
  readonly firstMonth: string | null;
  readonly lastMonth: string | null;
}

/**
 * The compliance committee's views (DESIGN.md section 3): aggregates only, never a patient or
 * clinician identifier. SQL gathers the counts (from the monthly rollups), in the caller's
 * department scope (a QUALITY_MANAGER with departments sees only theirs, in the query); the
 * statistics are the pure domain functions.
 */
@Injectable()
export class CommitteeService {
  /** Where the counts come from: the monthly rollups, or the raw tables (spec and bench). */
  private source: AggregateSource = 'rollups';

  constructor(
    private readonly dataSource: DataSource,
    /** The counts run here: on a streaming replica when one is configured. */
    private readonly read: ReadDatabase = new ReadDatabase(dataSource),
  ) {}

  /** The same service counting from another source (the equivalence spec and the bench). */
  over(source: AggregateSource): CommitteeService {
    const service = new CommitteeService(this.dataSource, this.read);
    service.source = source;
    return service;
  }

  /** The monthly conflict-rate p-chart of the site (or the caller's scope) or one department. */
  async monthlyConflictTrend(
    filter: { department?: string | null },
    principal: Principal,
    memo: RequestMemo = new RequestMemo(),
  ): Promise<CommitteeConflictTrend> {
    const department = filter.department ?? null;
    const scope = analysisScopeOf(principal);
    const scoped = scope !== null;
    const parameters = scoped ? [department, scope] : [department];
    const reads = new DashboardReads(this.dataSource, this.read, memo);
    // side by side: the counts do not depend on the names (the scope is a condition in SQL,
    // an unknown department counts nothing), which only refuse a department the caller
    // cannot see once everything has answered
    const [names, settings, counts, strata]: [
      string[],
      VersionedSettings,
      MonthlyConflictCountRow[],
      MonthlyStratumCountRow[],
    ] = await Promise.all([
      reads.departmentNames(),
      reads.settings(),
      this.read.query<MonthlyConflictCountRow>(
        monthlyConflictCounts(this.source, scoped),
        parameters,
      ),
      this.read.query<MonthlyStratumCountRow>(
        monthlyStratumCounts(this.source, scoped),
        parameters,
      ),
    ]);
    const departments = names.filter((name) => scope === null || scope.includes(name));
    if (department !== null && !departments.includes(department)) {
      throw analyticsInputError(
        `No department is named "${department}"; leave it out for the whole site or use one of the names listed in departments.`,
      );
    }
    const trend = assembleConflictTrend(
      counts.map((row) => ({
        month: row.month,
        opportunities: row.opportunities,
        conflicts: row.conflicts,
        awaySwitches: row.away_switches,
      })),
      strata.map((row) => ({ month: row.month, ...toStratumCounts(row) })),
      settings.values['pchart.baseline_months'],
    );
    return { ...trend, department, departments };
  }

  /**
   * Departments on a funnel plot around the site rate (a scoped caller: their departments
   * around their scope's rate), with their dose-history sensitivity.
   */
  async departmentVariation(
    range: {
      from?: string | null;
      to?: string | null;
      measure?: FunnelMeasure | null;
    },
    principal: Principal,
  ): Promise<CommitteeDepartmentVariation> {
    for (const month of [range.from, range.to]) {
      if (month !== undefined && month !== null && !MONTH.test(month)) {
        throw analyticsInputError(`"${month}" is not a month; use YYYY-MM.`);
      }
    }
    const scope = analysisScopeOf(principal);
    const scoped = scope !== null;
    const parameters = [range.from ?? null, range.to ?? null, ...(scoped ? [scope] : [])];
    const [[months], counts, strata]: [
      MonthRangeRow[],
      DepartmentCountRow[],
      DepartmentStratumCountRow[],
    ] = await Promise.all([
      this.read.query<MonthRangeRow>(monthRange(this.source, scoped), parameters),
      this.read.query<DepartmentCountRow>(departmentCounts(this.source, scoped), parameters),
      this.read.query<DepartmentStratumCountRow>(
        departmentStratumCounts(this.source, scoped),
        parameters,
      ),
    ]);
    const variation = assembleDepartmentVariation(
      counts.map((row) => ({
        department: row.department,
        opportunities: row.opportunities,
        conflicts: row.conflicts,
        awaySwitches: row.away_switches,
      })),
      strata.map((row) => ({
        isSite: row.is_site,
        department: row.department,
        ...toStratumCounts(row),
      })),
      range.measure ?? 'CONFLICT_RATE',
    );
    return { ...variation, firstMonth: months.first_month, lastMonth: months.last_month };
  }
}

function toStratumCounts(row: StratumCountRow): DoseHistoryStratumCounts {
  return {
    highAwaySwitches: row.high_away_switches,
    highOpportunities: row.high_opportunities,
    lowAwaySwitches: row.low_away_switches,
    lowOpportunities: row.low_opportunities,
  };
}
