import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database.js';
import { ensureDemoAccounts } from './demo-accounts.js';
import { ensureDemoData } from './demo-data.js';
import { createLogger } from './logger.js';

/**
 * `npm start`: PostgreSQL (embedded under .data/ unless DATABASE_URL is set), migrations,
 * the demo hospital on an empty database and, on the embedded demo, one account per role
 * (neither in production); then GraphQL at /graphql and the dashboard at /.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, {
    log: (message) => logger.info(message),
    readReplicas: true,
  });
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

  let app: NestExpressApplication | undefined = undefined;
  const production = config.auth.production;
  // Production never gets demo data or demo accounts; the embedded demo gets both.
  if (!production) await ensureDemoData(database.dataSource, config, logger);
  const demo =
    !production && !config.databaseUrl
      ? await ensureDemoAccounts(database.dataSource, config.dataDir)
      : null;
  app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ dataSource: database.dataSource, authSettings: config.auth }),
    { logger: ['error', 'warn'] },
  );
  await app.listen(config.port, config.host);
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const url = config.auth.publicUrl ?? `http://${shownHost}:${config.port}`;
  console.log(`\nClinical Grounds is running at ${url}/`);
  console.log(`GraphQL: ${url}/graphql`);
  if (database.embedded) {
    console.log(
      `Embedded PostgreSQL: 127.0.0.1:${database.embedded.port} (data in ${config.dataDir})`,
    );
  }
  if (demo) {
    console.log(`\nOpen ${url}/ and sign in as one of (password ${demo.password}):`);
    for (const account of demo.accounts) {
      const scope = account.departments ? account.departments.join(', ') : 'site-wide';
      console.log(`  ${account.email.padEnd(22)} ${account.role.padEnd(16)} ${scope}`);
    }
    console.log(`The password is kept in ${config.dataDir}/demo-password.txt.`);
  } else {
    const [{ users }] = await database.dataSource.query(
      'SELECT count(*)::int AS users FROM users WHERE NOT disabled',
    );
    if (users === 0) {
      console.log(
        'No accounts yet: create one with\n' +
          '  printf \'%s\' "$PASSWORD" | npm run grounds -- user add --email you@example.org --role ADMIN --password-stdin',
      );
    }
  }
  if (config.auth.oidc) console.log(`Hospital sign-in: ${config.auth.oidc.issuer}`);
  console.log('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : (error as Error).message;
  process.stderr.write(`Clinical Grounds could not start: ${message.split('\n')[0]}\n`);
  process.exit(1);
});
