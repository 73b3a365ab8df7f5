import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SettingsVersionEntity } from './entities/settings-version.entity.js';
import {
  completeSettings,
  defaultSettings,
  parseSetting,
  type Settings,
} from './domain/settings-schema.js';

export interface VersionedSettings {
  readonly version: number;
  readonly values: Settings;
}

/** The newest settings version. */
const LATEST_SETTINGS = `SELECT version, "values" FROM settings_versions ORDER BY version DESC LIMIT 1`;

@Injectable()
export class SettingsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest settings version, creating version 1 with the defaults on a new database. */
  async current(): Promise<VersionedSettings> {
    // plain SQL: read on every COMMITTEE dashboard request, where TypeORM's find (a query
    // builder per call, every column) cost about twice the round trip's CPU
    const [latest]: Pick<SettingsVersionEntity, 'version' | 'values'>[] =
      await this.dataSource.query(LATEST_SETTINGS);
    if (latest) return { version: latest.version, values: completeSettings(latest.values) };
    const repository = this.dataSource.getRepository(SettingsVersionEntity);
    const created = await repository.save({
      values: defaultSettings(),
      createdBy: 'system',
      note: 'defaults',
    });
    return { version: created.version, values: completeSettings(created.values) };
  }

  async byVersion(version: number): Promise<VersionedSettings | null> {
    const row = await this.dataSource.getRepository(SettingsVersionEntity).findOneBy({ version });
    return row ? { version: row.version, values: completeSettings(row.values) } : null;
  }

  /** Creates a new version with one value changed; the old version stays for reproduction. */
  async set(key: string, raw: string, createdBy: string): Promise<VersionedSettings> {
    const value = parseSetting(key, raw);
    const current = await this.current();
    const values = { ...current.values, [key]: value };
    const created = await this.dataSource.getRepository(SettingsVersionEntity).save({
      values,
      createdBy,
      note: `${key} = ${raw}`,
    });
    return { version: created.version, values: completeSettings(created.values) };
  }
}
