import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config.js';
import type { Logger } from './logger.js';
import { PipelineService } from './modules/pipeline/pipeline.service.js';
import { generateHospital } from './modules/synthetic/generate-hospital.js';

export const DEMO_PATIENTS = 20_000;
export const DEMO_MONTHS = 24;

/**
 * On an empty database, writes the synthetic demo hospital (seed 1) and loads it through the
 * real CSV import, so the demo exercises the path users' data takes.
 */
export async function ensureDemoData(
  dataSource: DataSource,
  config: AppConfig,
  logger: Logger,
): Promise<boolean> {
  const [{ orders }] = await dataSource.query('SELECT count(*)::int AS orders FROM orders');
  if (orders > 0) return false;
  const folder = path.join(config.dataDir, 'demo-hospital');
  if (!existsSync(path.join(folder, 'truth.csv'))) {
    logger.info({ patients: DEMO_PATIENTS, months: DEMO_MONTHS }, 'writing the demo hospital');
    await generateHospital({
      patients: DEMO_PATIENTS,
      months: DEMO_MONTHS,
      seed: 1,
      outDir: folder,
    });
  }
  logger.info('importing the demo hospital through the CSV import');
  const summary = await new PipelineService(dataSource).importCsvFolder(folder, {
    source: 'csv',
    startedBy: 'demo',
  });
  logger.info(
    {
      runId: summary.runId,
      rowsRead: summary.rowsRead,
      rowsRejected: summary.rowsRejected,
      durationMs: Math.round(summary.durationMs),
    },
    'demo hospital loaded',
  );
  return true;
}
