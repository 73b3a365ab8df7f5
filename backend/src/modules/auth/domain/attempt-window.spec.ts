import { AttemptWindow } from './attempt-window.js';

describe('AttemptWindow', () => {
  it('allows `limit` attempts per window and says how long to wait after that', () => {
    const window = new AttemptWindow(3, 60_000);
    expect(window.hit('a', 1_000)).toBe(0);
    expect(window.hit('a', 2_000)).toBe(0);
    expect(window.hit('a', 3_000)).toBe(0);
    expect(window.hit('a', 10_000)).toBe(51_000);
    expect(window.hit('b', 10_000)).toBe(0); // keys are counted apart
    expect(window.hit('a', 61_000)).toBe(0); // a new window
  });

  it('stays within its key budget by forgetting expired and then the oldest keys', () => {
    const window = new AttemptWindow(1, 1_000, 2);
    window.hit('a', 0);
    window.hit('b', 0);
    window.hit('c', 500); // a forgotten: its second attempt starts afresh
    expect(window.hit('a', 600)).toBe(0);
  });
});
