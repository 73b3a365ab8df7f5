import { inLanes, largerFirst } from './lanes.js';

/** A task that ends when its gate is opened, recording when it started and ended. */
const gated = () => {
  const log: string[] = [];
  const gates = new Map<string, () => void>();
  const work = (name: string) =>
    new Promise<void>((resolve) => {
      log.push(`start ${name}`);
      gates.set(name, () => {
        log.push(`end ${name}`);
        resolve();
      });
    });
  const open = async (name: string) => {
    for (let tries = 0; !gates.has(name); tries += 1) {
      if (tries > 100) throw new Error(`${name} never started`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    gates.get(name)?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { log, work, open };
};

describe('inLanes', () => {
  it('runs at most `lanes` at a time, larger first, the next starting as one ends', async () => {
    const { log, work, open } = gated();
    const files = [
      { name: 'patients', bytes: 10 },
      { name: 'orders', bytes: 30 },
      { name: 'changes', bytes: 5 },
      { name: 'exams', bytes: 90 },
    ];
    const done = inLanes(files, 2, (file) => work(file.name), largerFirst);
    await open('orders');
    expect(log).toEqual(['start exams', 'start orders', 'end orders', 'start patients']);
    await open('patients');
    await open('changes');
    await open('exams');
    await done;
    expect(log.slice(4)).toEqual(['end patients', 'start changes', 'end changes', 'end exams']);
  });

  it('starts nothing after a failure, lets the running finish, then throws the first in item order', async () => {
    const started: string[] = [];
    let releaseSlow: () => void = () => undefined;
    const items = ['a', 'b', 'c', 'd'];
    const done = inLanes(items, 2, async (item) => {
      started.push(item);
      if (item === 'a') {
        await new Promise<void>((resolve) => {
          releaseSlow = resolve;
        });
        throw new Error('a failed');
      }
      if (item === 'b') throw new Error('b failed');
    });
    await new Promise((resolve) => setImmediate(resolve));
    // b failed at once: c and d are never started, a is still running
    expect(started).toEqual(['a', 'b']);
    releaseSlow();
    await expect(done).rejects.toThrow('a failed');
    expect(started).toEqual(['a', 'b']);
  });

  it('runs everything on one lane when asked for none, and nothing for no items', async () => {
    const seen: number[] = [];
    await inLanes([1, 2, 3], 0, async (item) => {
      seen.push(item);
    });
    expect(seen).toEqual([1, 2, 3]);
    await expect(inLanes([], 2, async () => undefined)).resolves.toBeUndefined();
  });
});
