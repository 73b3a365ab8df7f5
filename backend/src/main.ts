import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database.js';
import { ensureDemoData } from './demo-data.js';
import { createLogger } from './logger.js';

/**
 * `npm start`: PostgreSQL (embedded under .data/ unless DATABASE_URL is set), migrations,
 * the demo hospital on an empty database, then GraphQL at /graphql and the dashboard at /.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, { log: (message) => logger.info(message) });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await app?.close().catch(() => undefined);
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  let app: Awaited<ReturnType<typeof NestFactory.create>> | undefined = undefined;
  await ensureDemoData(database.dataSource, config, logger);
  app = await NestFactory.create(
    AppModule.forRoot({ dataSource: database.dataSource, authSettings: config.auth }),
    {
      logger: ['error', 'warn'],
    },
  );
  await app.listen(config.port, config.host);
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(`\nClinical Grounds is running at http://${shownHost}:${config.port}/`);
  console.log(`GraphQL: http://${shownHost}:${config.port}/graphql`);
  if (database.embedded) {
    console.log(
      `Embedded PostgreSQL: 127.0.0.1:${database.embedded.port} (data in ${config.dataDir})`,
    );
  }
  console.log(
    'Demo mode: sign-in is not enabled yet; the dashboard is open. Press Ctrl-C to stop.',
  );
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : (error as Error).message;
  process.stderr.write(`Clinical Grounds could not start: ${message.split('\n')[0]}\n`);
  process.exit(1);
});
