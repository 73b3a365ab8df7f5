import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from './node-flags.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('the Node flags of the command line and the server', () => {
  const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
    .scripts as Record<string, string>;

  it.each(['grounds', 'evaluate', 'start'])('npm run %s starts node with them', (name) => {
    expect(scripts[name]).toContain(`node ${NODE_FLAGS.join(' ')} backend/dist/`);
  });

  it('the production image sets them in NODE_OPTIONS, for the server and the command line', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(new RegExp(`NODE_OPTIONS="${NODE_FLAGS.join(' ')}"`));
  });
});
