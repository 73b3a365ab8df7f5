import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import pg from 'pg';
import { createDataSource } from '../database/data-source.js';
import { prepareDatabase } from '../database/database.js';
import {
  formatBattery,
  runEvaluationBattery,
  type BatteryDatabase,
} from '../modules/evaluation/evaluation-battery.js';
import { EvaluationService, formatEvaluation } from '../modules/evaluation/evaluation.service.js';
import { CliError, formatDuration, withDatabase } from './cli-context.js';

const databaseUrl = (serverUrl: string, name: string): string => {
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database beside the one in use (same server), migrated and seeded. */
const openBatteryDatabase =
  (serverUrl: string, prefix: string, timeZone: string) =>
  async (index: number): Promise<BatteryDatabase> => {
    const name = `${prefix}_battery_${index + 1}`;
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
    const dataSource = createDataSource({ url: databaseUrl(serverUrl, name), timeZone });
    await dataSource.initialize();
    await prepareDatabase(dataSource);
    return {
      dataSource,
      async drop() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  };

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description(
      'Detection quality against a generator truth file, or over the fixed battery of generated hospitals',
    )
    .option('--truth <file>', 'truth.csv written by generate')
    .option(
      '--battery',
      'generate and score the fixed battery (default, weak steering, small, three without steering), each in a fresh database on the same server',
    )
    .option('--source <name>', 'source the orders were imported under', 'csv')
    .option('--out <file>', 'JSON file to write', 'evaluation.json')
    .action(async (options: { truth?: string; battery?: boolean; source: string; out: string }) => {
      if (Boolean(options.truth) === Boolean(options.battery)) {
        throw new CliError('evaluate needs either --truth <file> or --battery.');
      }
      await withDatabase(async ({ config, database }) => {
        if (options.battery) {
          const started = performance.now();
          const prefix = new URL(database.url).pathname.slice(1).replace(/[^a-z0-9_]/gi, '_');
          const results = await runEvaluationBattery({
            openDatabase: openBatteryDatabase(database.url, prefix, config.siteTimeZone),
            onResult: (result) =>
              process.stderr.write(
                `scored ${result.name} (${formatDuration(performance.now() - started)})\n`,
              ),
          });
          console.log(formatBattery(results));
          await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);
          console.log(`\nWritten to ${options.out}.`);
          return;
        }
        const evaluation = await new EvaluationService(database.dataSource).evaluate(
          options.truth as string,
          options.source,
        );
        console.log(formatEvaluation(evaluation));
        await writeFile(options.out, `${JSON.stringify(evaluation, null, 2)}\n`);
        console.log(`\nWritten to ${options.out}.`);
      });
    });
}
