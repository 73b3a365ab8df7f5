#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/app-config.js';
import { ImportError } from '../modules/ingestion/import.exception.js';
import { registerAnalyseCommand, registerExportCommand } from './analyse-command.js';
import { CliError, withDatabase } from './cli-context.js';
import { ExportError } from '../modules/export/export.service.js';
import { ReferenceDataError } from '../modules/reference/reference-seed.service.js';
import { registerEvaluateCommand } from './evaluate-command.js';
import { registerGenerateCommand } from './generate-command.js';
import { registerCaseCommand } from './case-command.js';
import { registerImportCommand } from './import-command.js';
import { registerReferenceCommand } from './reference-command.js';
import { registerSettingsCommand } from './settings-command.js';
import { registerUserCommand } from './user-command.js';
import { AuthError } from '../modules/auth/auth.exception.js';

const program = new Command('grounds')
  .description('Clinical Grounds: imaging decisions on clinical grounds, not dose history')
  .exitOverride()
  .showHelpAfterError(false);

program
  .command('migrate')
  .description('Apply database migrations and seed reference data')
  .action(async () => {
    await withDatabase(async () => {
      console.log('Database is migrated and reference data is seeded.');
    });
  });

registerImportCommand(program);
registerSettingsCommand(program);
registerAnalyseCommand(program);
registerExportCommand(program);
registerEvaluateCommand(program);
registerReferenceCommand(program);
registerCaseCommand(program);
registerGenerateCommand(program);
registerUserCommand(program);

/** Every failure ends as one line on stderr and a non-zero exit. */
const oneLine = (error: unknown): string => {
  if (
    error instanceof ConfigError ||
    error instanceof ImportError ||
    error instanceof CliError ||
    error instanceof ExportError ||
    error instanceof ReferenceDataError ||
    error instanceof AuthError
  ) {
    return error.message;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
};

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode);
  }
  process.stderr.write(`grounds: ${oneLine(error)}\n`);
  process.exit(1);
}
