import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadDatabase } from '../../database/read-database.js';
import { analyticsInputError } from './analytics.exception.js';
import { MONTHLY_ORDER_VOLUME } from './order-volume.sql.js';

export interface MonthlyOrderVolumeRow {
  readonly month: string;
  readonly outcome: string;
  readonly orders: number;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

@Injectable()
export class AnalyticsService {
  constructor(
    dataSource: DataSource,
    /** On a streaming replica when one is configured. */
    private readonly read: ReadDatabase = new ReadDatabase(dataSource),
  ) {}

  async monthlyOrderVolume(range: {
    from?: string;
    to?: string;
  }): Promise<MonthlyOrderVolumeRow[]> {
    for (const month of [range.from, range.to]) {
      if (month !== undefined && month !== null && !MONTH.test(month)) {
        throw analyticsInputError(`"${month}" is not a month; use YYYY-MM.`);
      }
    }
    return this.read.query(MONTHLY_ORDER_VOLUME, [range.from ?? null, range.to ?? null]);
  }
}
