/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) and the draws the
 * demo hospital needs. Same seed, same sequence, on every platform: the generator never touches
 * Math.random, so a generated hospital is reproducible byte for byte.
 */

export interface WeightedItem<T> {
  readonly item: T;
  readonly weight: number;
}

const splitmix32 = (state: number): [number, number] => {
  const next = (state + 0x9e3779b9) | 0;
  let mixed = next;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return [next, mixed >>> 0];
};

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = Math.trunc(seed) | 0;
    const words: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      const [nextState, word] = splitmix32(state);
      state = nextState;
      words.push(word);
    }
    [this.a, this.b, this.c, this.d] = words as [number, number, number, number];
    // Discard the first outputs so that nearby seeds diverge at once.
    for (let index = 0; index < 12; index += 1) this.nextUint32();
  }

  /** sfc32: a 32-bit word, uniform on [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform on [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform on [min, max], both included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Cannot pick from an empty list.');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  pickWeighted<T>(items: readonly WeightedItem<T>[]): T {
    const total = items.reduce((sum, entry) => sum + entry.weight, 0);
    if (!(total > 0)) throw new Error('Cannot pick from weights that sum to zero.');
    let threshold = this.next() * total;
    for (const entry of items) {
      threshold -= entry.weight;
      if (threshold < 0) return entry.item;
    }
    return (items[items.length - 1] as WeightedItem<T>).item;
  }

  /** Normal draw (Box–Muller, one value per call so the sequence stays simple). */
  normal(mean: number, standardDeviation: number): number {
    const u1 = 1 - this.next();
    const u2 = this.next();
    return mean + standardDeviation * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Normal draw clipped to [min, max]. */
  clippedNormal(mean: number, standardDeviation: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, this.normal(mean, standardDeviation)));
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Poisson count (Knuth; the means used here are small). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count += 1;
      product *= this.next();
    }
    return count;
  }

  /** Fisher–Yates on a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.next() * (index + 1));
      [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
    }
    return copy;
  }
}

export const createRandom = (seed: number): SeededRandom => new SeededRandom(seed);
