import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../backend/src/config/paths.js';

/**
 * scripts/ensure-chromium.sh, run by `npm test` before Jest, on a simulated fresh machine: the
 * browser is missing at CHROMIUM_PATH (the system Chromium is never touched).
 */
const SCRIPT = path.join(REPO_ROOT, 'scripts/ensure-chromium.sh');
const isRoot = process.getuid?.() === 0;

const run = (env: Record<string, string>) =>
  spawnSync('/bin/bash', [SCRIPT], { env, encoding: 'utf8' });

describe('ensure-chromium.sh', () => {
  let folder: string;
  let bin: string;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'cg-ensure-chromium-'));
    bin = path.join(folder, 'bin');
    await mkdir(bin);
    await symlink('/usr/bin/id', path.join(bin, 'id'));
  });

  it('does nothing when the browser is there', () => {
    const result = run({ PATH: bin, CHROMIUM_PATH: '/bin/sh' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('fails with one line saying how to install it when apt-get is not available', () => {
    const missing = path.join(folder, 'chromium');
    const result = run({ PATH: bin, CHROMIUM_PATH: missing });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `Chromium is missing at ${missing}: run 'sudo apt-get update && sudo apt-get install -y chromium' (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary, then run npm test again.\n`,
    );
  });

  // skipped unless root: installing Chromium with apt-get needs root (CI runs as root)
  (isRoot ? it : it.skip)(
    'installs Debian’s chromium with apt-get when it runs as root',
    async () => {
      const missing = path.join(folder, 'chromium');
      const log = path.join(folder, 'apt.log');
      // a stand-in apt-get that records its calls and "installs" the binary where it is expected
      await writeFile(
        path.join(bin, 'apt-get'),
        `#!/bin/sh\necho "$*" >> ${log}\ncase "$*" in *install*) printf '#!/bin/sh\\n' > "$CHROMIUM_PATH"; /bin/chmod +x "$CHROMIUM_PATH";; esac\n`,
      );
      await chmod(path.join(bin, 'apt-get'), 0o755);
      const result = run({ PATH: bin, CHROMIUM_PATH: missing });
      expect(result.status).toBe(0);
      expect(await readFile(log, 'utf8')).toBe('update -qq\ninstall -y -qq chromium\n');
      expect(existsSync(missing)).toBe(true);
      expect(result.stdout).toContain(`Chromium installed: ${missing}`);
    },
  );

  // skipped unless root, as above
  (isRoot ? it : it.skip)('fails with the instruction when apt-get cannot install it', async () => {
    await writeFile(path.join(bin, 'apt-get'), '#!/bin/sh\nexit 100\n');
    await chmod(path.join(bin, 'apt-get'), 0o755);
    const result = run({ PATH: bin, CHROMIUM_PATH: path.join(folder, 'chromium') });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^apt-get could not install chromium\. Chromium is missing at /);
  });
});
