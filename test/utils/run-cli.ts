import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI (`npm run build -w backend`), run as a child process like an operator would. */
export const CLI_MAIN = fileURLToPath(
  new URL('../../backend/dist/backend/src/cli/main.js', import.meta.url),
);

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliProcess {
  readonly child: ChildProcess;
  /** Settles when the process has exited, however it ended. */
  readonly done: Promise<CliResult>;
}

/** Starts `grounds <args>` against `databaseUrl`, with a hard time limit; `input` is piped to stdin. */
export function startCli(
  args: readonly string[],
  databaseUrl: string,
  timeoutMs = 120_000,
  input?: string,
): CliProcess {
  if (!existsSync(CLI_MAIN)) {
    throw new Error(`${CLI_MAIN} is missing: run \`npm run build -w backend\` first.`);
  }
  const child = spawn(process.execPath, [CLI_MAIN, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: '' },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin?.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`grounds ${args.join(' ')} did not finish in ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // Let the pipes drain before reporting.
      setImmediate(() => resolve({ code, signal, stdout, stderr }));
    });
  });
  return { child, done };
}

/** Runs `grounds <args>` to completion and fails with its output unless it exits 0. */
export async function runCli(
  args: readonly string[],
  databaseUrl: string,
  input?: string,
): Promise<CliResult> {
  const result = await startCli(args, databaseUrl, 120_000, input).done;
  if (result.code !== 0) {
    throw new Error(
      `grounds ${args.join(' ')} exited ${result.code ?? result.signal}:\n${result.stderr}`,
    );
  }
  return result;
}

/** Polls `condition` every `intervalMs` until it holds; fails after `timeoutMs`. */
export async function waitFor(
  description: string,
  condition: () => Promise<boolean>,
  timeoutMs = 60_000,
  intervalMs = 25,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
}
