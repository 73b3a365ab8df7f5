import type { Command } from 'commander';
import { PipelineService } from '../modules/pipeline/pipeline.service.js';
import {
  SETTINGS_SCHEMA,
  changesAssessments,
  isSettingKey,
} from '../modules/settings/domain/settings-schema.js';
import { SettingsService } from '../modules/settings/settings.service.js';
import { currentUser } from '../modules/ingestion/import.service.js';
import { createLogger } from '../logger.js';
import { describeAnalysis } from './analyse-command.js';
import { withDatabase } from './cli-context.js';

export function registerSettingsCommand(program: Command): void {
  const settings = program.command('settings').description('Show or change versioned settings');
  settings
    .command('show')
    .description('Print the current settings version')
    .action(async () => {
      await withDatabase(async ({ get }) => {
        const current = await get(SettingsService).current();
        console.log(`Settings version ${current.version}`);
        for (const [key, spec] of Object.entries(SETTINGS_SCHEMA)) {
          const value = current.values[key as keyof typeof current.values];
          console.log(
            `${key} = ${Array.isArray(value) ? value.join(',') : String(value)}    # ${spec.description}`,
          );
        }
      });
    });
  settings
    .command('set <key> <value>')
    .description(
      'Create a new settings version with KEY changed to VALUE, then bring the analysis up to it ' +
        '(as `analyse`; not for a setting that only changes display)',
    )
    .option('--no-analyse', 'only create the version; the next `analyse` or load applies it')
    .action(async (key: string, value: string, options: { analyse: boolean }) => {
      await withDatabase(async ({ config, get }) => {
        const created = await get(SettingsService).set(key, value, currentUser());
        console.log(`Settings version ${created.version}: ${key} = ${value}`);
        if (!options.analyse || !isSettingKey(key) || !changesAssessments(key)) return;
        const logger = createLogger(config.logLevel);
        const summary = await get(PipelineService).analyse('stale', (timing) =>
          logger.debug(timing, 'analysis step'),
        );
        console.log(describeAnalysis(summary));
      });
    });
}
