import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFreePort } from '../../backend/src/database/embedded-postgres.js';

const run = promisify(execFile);

/** The PostgreSQL programs a primary and its streaming replica need. */
const PROGRAMS = ['initdb', 'pg_ctl', 'postgres', 'pg_basebackup'];

export interface PostgresBinaries {
  readonly dir: string;
  /** Set when running as root: PostgreSQL refuses root, so everything runs as this user. */
  readonly runAs: { readonly name: string; readonly uid: number; readonly gid: number } | null;
}

/**
 * Where to find PostgreSQL's programs with pg_basebackup (PG_BIN_DIR when set, else the newest
 * /usr/lib/postgresql/<version>/bin: CI's system PostgreSQL 15 provides it), and whom to run
 * them as; or the reason a streaming replica cannot be started on this machine. The
 * embedded-postgres package ships initdb, pg_ctl and postgres only, without pg_basebackup.
 */
export function findPostgresBinaries(): PostgresBinaries | { missing: string } {
  const candidates: string[] = [];
  if (process.env.PG_BIN_DIR) candidates.push(process.env.PG_BIN_DIR);
  const root = '/usr/lib/postgresql';
  if (!process.env.PG_BIN_DIR && existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => path.join(root, version, 'bin')));
  }
  const dir = candidates.find((candidate) =>
    PROGRAMS.every((program) => existsSync(path.join(candidate, program))),
  );
  if (!dir) {
    return {
      missing:
        `no PostgreSQL with ${PROGRAMS.join(', ')} in ${candidates.join(', ') || '/usr/lib/postgresql/*/bin'} ` +
        '(set PG_BIN_DIR, or apt-get install postgresql-15; the embedded-postgres binaries have no pg_basebackup)',
    };
  }
  if (process.getuid?.() !== 0) return { dir, runAs: null };
  try {
    const passwd = readPasswd('postgres');
    return { dir, runAs: { name: 'postgres', ...passwd } };
  } catch {
    return { missing: 'running as root without a `postgres` system user to run PostgreSQL as' };
  }
}

function readPasswd(name: string): { uid: number; gid: number } {
  // os.userInfo() describes the current user only; /etc/passwd names the others
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) throw new Error(`no user ${name}`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export interface StreamingReplication {
  /** postgres://postgres@127.0.0.1:<port>/postgres on the primary. */
  readonly primaryUrl: string;
  /** The same database on the hot-standby replica, streaming from the primary. */
  readonly replicaUrl: string;
  readonly primaryPort: number;
  readonly replicaPort: number;
  /** Server logs: every statement is logged (log_statement = all), one entry per '@@ ' line. */
  readonly primaryLog: string;
  readonly replicaLog: string;
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL primary (wal_level=replica, a replication entry in pg_hba.conf) in a
 * temporary folder, takes a base backup of it with `pg_basebackup -R` (standby.signal and
 * primary_conninfo) and starts that as a hot standby streaming from the primary, each on a free
 * port on 127.0.0.1 (trust authentication: nothing listens beyond loopback and the folder is
 * removed afterwards).
 */
export async function startStreamingReplication(
  binaries: PostgresBinaries,
): Promise<StreamingReplication> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'cg-replica-'));
  await chmod(base, 0o700);
  if (binaries.runAs) await chown(base, binaries.runAs.uid, binaries.runAs.gid);
  const primaryDir = path.join(base, 'primary');
  const replicaDir = path.join(base, 'replica');
  const exec = async (program: string, args: string[]) => {
    const binary = path.join(binaries.dir, program);
    const [command, argv] = binaries.runAs
      ? ['runuser', ['-u', binaries.runAs.name, '--', binary, ...args]]
      : [binary, args];
    try {
      return await run(command, argv, { cwd: base, timeout: 120_000 });
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`${program} ${args.join(' ')} failed: ${stderr ?? String(error)}`, {
        cause: error,
      });
    }
  };
  const started: string[] = [];
  const stop = async () => {
    for (const dir of started.reverse()) {
      await exec('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    }
    started.length = 0;
    await rm(base, { recursive: true, force: true });
  };
  try {
    const primaryPort = await findFreePort(56100 + (process.pid % 800));
    await exec('initdb', [
      '-D',
      primaryDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--no-sync',
    ]);
    await appendFile(
      path.join(primaryDir, 'postgresql.conf'),
      [
        '',
        "listen_addresses = '127.0.0.1'",
        `port = ${primaryPort}`,
        `unix_socket_directories = '${base}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        "wal_keep_size = '256MB'",
        'hot_standby = on',
        'fsync = off',
        // every statement in the log, so a spec can see which server ran it
        "log_statement = 'all'",
        "log_line_prefix = '@@ '",
        '',
      ].join('\n'),
    );
    await appendFile(
      path.join(primaryDir, 'pg_hba.conf'),
      '\nhost replication postgres 127.0.0.1/32 trust\n',
    );
    await exec('pg_ctl', ['-D', primaryDir, '-l', path.join(base, 'primary.log'), '-w', 'start']);
    started.push(primaryDir);
    await exec('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '--checkpoint=fast',
      '--no-sync',
    ]);
    const replicaPort = await findFreePort(primaryPort + 1);
    // the copied postgresql.conf names the primary's port: the last setting wins
    await appendFile(path.join(replicaDir, 'postgresql.conf'), `\nport = ${replicaPort}\n`);
    await exec('pg_ctl', ['-D', replicaDir, '-l', path.join(base, 'replica.log'), '-w', 'start']);
    started.push(replicaDir);
    return {
      primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
      replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
      primaryPort,
      replicaPort,
      primaryLog: path.join(base, 'primary.log'),
      replicaLog: path.join(base, 'replica.log'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
