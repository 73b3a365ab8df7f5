import { Module } from '@nestjs/common';
import { SettingsService } from './settings.service.js';

/** The versioned settings: read the current version, create a new one. */
@Module({ providers: [SettingsService], exports: [SettingsService] })
export class SettingsModule {}
