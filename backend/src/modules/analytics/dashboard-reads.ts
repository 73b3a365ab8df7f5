import type { DataSource } from 'typeorm';
import type { RequestMemo } from '../../common/request-memo.js';
import type { ReadDatabase } from '../../database/read-database.js';
import type { Principal } from '../auth/principal.js';
import { SettingsService, type VersionedSettings } from '../settings/settings.service.js';
import { loadClinicianPseudonyms } from '../vocabulary/clinician-pseudonym.js';
import type { AggregateSource } from './aggregate-source.js';
import { latestMonth } from './aggregate.sql.js';
import { analysisScopeOf, type AnalysisCaller } from './analysis-filter.js';
import { DEPARTMENT_NAMES } from './committee.sql.js';

/**
 * The small reads a dashboard query needs besides its counts, each once per request (the
 * request's memo: a document asking for several aggregates reads them once) and never cached
 * beyond it: settings are versioned and may change between two requests on another instance,
 * departments and the latest month change with a load. The site secret is the exception: it
 * never changes once stored, so loadClinicianPseudonyms keeps it for the process.
 */
export class DashboardReads {
  constructor(
    private readonly dataSource: DataSource,
    private readonly read: ReadDatabase,
    private readonly memo: RequestMemo,
  ) {}

  /** The current settings (on the primary: a change is seen by the next request). */
  settings(): Promise<VersionedSettings> {
    return this.memo.once('settings', () => new SettingsService(this.dataSource).current());
  }

  /** Every department name, in order. */
  departmentNames(): Promise<string[]> {
    return this.memo.once('department-names', async () => {
      const rows = await this.read.query<{ name: string }>(DEPARTMENT_NAMES);
      return rows.map((row) => row.name);
    });
  }

  /** The latest month with an assessed order (site-wide: what was loaded). */
  latestMonth(source: AggregateSource): Promise<string | null> {
    return this.memo.once(`latest-month:${source}`, async () => {
      const [row] = await this.read.query<{ month: string | null }>(latestMonth(source));
      return row?.month ?? null;
    });
  }

  /**
   * The caller as the aggregates see it: their department scope (from the principal) and,
   * for COMMITTEE unless committee.show_clinician_names, the pseudonyms. Only COMMITTEE reads
   * the settings for it.
   */
  caller(principal: Principal): Promise<AnalysisCaller> {
    return this.memo.once('caller', async () => {
      const departmentScope = analysisScopeOf(principal);
      if (principal.role !== 'COMMITTEE') return { departmentScope, pseudonyms: null };
      const settings = await this.settings();
      if (settings.values['committee.show_clinician_names']) {
        return { departmentScope, pseudonyms: null };
      }
      return { departmentScope, pseudonyms: await loadClinicianPseudonyms(this.dataSource) };
    });
  }
}
