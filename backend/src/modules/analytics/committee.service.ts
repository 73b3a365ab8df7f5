import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadDatabase } from '../../database/read-database.js';
import { SettingsService } from '../settings/settings.service.js';
import { analyticsInputError } from './analytics.exception.js';
import {
  DEPARTMENT_COUNTS,
  DEPARTMENT_NAMES,
  DEPARTMENT_STRATUM_COUNTS,
  MONTH_RANGE,
  MONTHLY_CONFLICT_COUNTS,
  MONTHLY_STRATUM_COUNTS,
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
 * clinician identifier. SQL gathers the counts; the statistics are the pure domain functions.
 */
@Injectable()
export class CommitteeService {
  constructor(
    private readonly dataSource: DataSource,
    /** The counts run here: on a streaming replica when one is configured. */
    private readonly read: ReadDatabase = new ReadDatabase(dataSource),
  ) {}

  /** The monthly conflict-rate p-chart of the site or one department. */
  async monthlyConflictTrend(filter: {
    department?: string | null;
  }): Promise<CommitteeConflictTrend> {
    const department = filter.department ?? null;
    const names: { name: string }[] = await this.read.query(DEPARTMENT_NAMES);
    const departments = names.map((row) => row.name);
    if (department !== null && !departments.includes(department)) {
      throw analyticsInputError(
        `No department is named "${department}"; leave it out for the whole site or use one of the names listed in departments.`,
      );
    }
    const settings = await new SettingsService(this.dataSource).current();
    const [counts, strata]: [MonthlyConflictCountRow[], MonthlyStratumCountRow[]] =
      await Promise.all([
        this.read.query<MonthlyConflictCountRow>(MONTHLY_CONFLICT_COUNTS, [department]),
        this.read.query<MonthlyStratumCountRow>(MONTHLY_STRATUM_COUNTS, [department]),
      ]);
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

  /** Departments on a funnel plot around the site rate, with their dose-history sensitivity. */
  async departmentVariation(range: {
    from?: string | null;
    to?: string | null;
    measure?: FunnelMeasure | null;
  }): Promise<CommitteeDepartmentVariation> {
    for (const month of [range.from, range.to]) {
      if (month !== undefined && month !== null && !MONTH.test(month)) {
        throw analyticsInputError(`"${month}" is not a month; use YYYY-MM.`);
      }
    }
    const parameters = [range.from ?? null, range.to ?? null];
    const [[months], counts, strata]: [
      MonthRangeRow[],
      DepartmentCountRow[],
      DepartmentStratumCountRow[],
    ] = await Promise.all([
      this.read.query<MonthRangeRow>(MONTH_RANGE, parameters),
      this.read.query<DepartmentCountRow>(DEPARTMENT_COUNTS, parameters),
      this.read.query<DepartmentStratumCountRow>(DEPARTMENT_STRATUM_COUNTS, parameters),
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
