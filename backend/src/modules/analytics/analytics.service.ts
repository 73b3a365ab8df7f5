import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadDatabase } from '../../database/read-database.js';
import { analyticsInputError } from './analytics.exception.js';
import type { Principal } from '../auth/principal.js';
import type { AggregateSource } from './aggregate-source.js';
import { analysisScopeOf } from './analysis-filter.js';
import { monthlyOrderVolume } from './order-volume.sql.js';

export interface MonthlyOrderVolumeRow {
  readonly month: string;
  readonly outcome: string;
  readonly orders: number;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

@Injectable()
export class AnalyticsService {
  /** Where the counts come from: the monthly rollups, or the raw tables (spec and bench). */
  private source: AggregateSource = 'rollups';

  constructor(
    private readonly dataSource: DataSource,
    /** The counts run here: on a streaming replica when one is configured. */
    private readonly read: ReadDatabase = new ReadDatabase(dataSource),
  ) {}

  /** The same service counting from another source (the equivalence spec and the bench). */
  over(source: AggregateSource): AnalyticsService {
    const service = new AnalyticsService(this.dataSource, this.read);
    service.source = source;
    return service;
  }

  /** Orders per month and outcome, in the caller's department scope. */
  async monthlyOrderVolume(
    range: { from?: string | null; to?: string | null },
    principal: Principal,
  ): Promise<MonthlyOrderVolumeRow[]> {
    for (const month of [range.from, range.to]) {
      if (month !== undefined && month !== null && !MONTH.test(month)) {
        throw analyticsInputError(`"${month}" is not a month; use YYYY-MM.`);
      }
    }
    const scope = analysisScopeOf(principal);
    const parameters: unknown[] = [range.from ?? null, range.to ?? null];
    if (scope !== null) parameters.push(scope);
    return this.read.query(monthlyOrderVolume(this.source, scope !== null), parameters);
  }
}
