#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { DomainError } from '../common/domain/domain-error.js';
import { isConnectionLoss } from '../modules/ingestion/import.service.js';
import { registerAnalyseCommand, registerExportCommand } from './analyse-command.js';
import { withDatabase } from './cli-context.js';
import { registerEvaluateCommand } from './evaluate-command.js';
import { registerGenerateCommand } from './generate-command.js';
import { registerCaseCommand } from './case-command.js';
import { registerImportCommand } from './import-command.js';
import { registerReferenceCommand } from './reference-command.js';
import { registerSettingsCommand } from './settings-command.js';
import { registerUserCommand } from './user-command.js';
import { limitHeapGrowth } from '../heap-limits.js';

limitHeapGrowth();

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

/**
 * The command line's one mapping of errors: every failure ends as one line on stderr and exit
 * code 1. A module's refusal (DomainError, whatever its code) is its sentence as written; any
 * other error is a bug or an environment failure, shown by its first line.
 */
const oneLine = (error: unknown): string => {
  if (error instanceof DomainError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
};

/**
 * A pooled pg client that the server disconnects while no statement runs on it emits an
 * 'error' event; one without a listener at that moment would end the command with a stack
 * trace instead of its one-line reason (seen once in the fault spec's server restart). The
 * command's next statement on that connection fails with the loss, which the command reports
 * as always ("The connection to PostgreSQL was lost during import run N ..."), so such an
 * event, and only such, is absorbed here; any other uncaught error still ends the process.
 */
process.on('uncaughtException', (error) => {
  if (isConnectionLoss(error)) return;
  process.stderr.write(`${error.stack ?? String(error)}\n`);
  process.exit(1);
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode);
  }
  process.stderr.write(`grounds: ${oneLine(error)}\n`);
  process.exit(1);
}
