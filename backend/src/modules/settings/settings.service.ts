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

@Injectable()
export class SettingsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest settings version, creating version 1 with the defaults on a new database. */
  async current(): Promise<VersionedSettings> {
    const repository = this.dataSource.getRepository(SettingsVersionEntity);
    const [latest] = await repository.find({ order: { version: 'DESC' }, take: 1 });
    if (latest) return { version: latest.version, values: completeSettings(latest.values) };
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
