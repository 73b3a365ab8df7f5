/**
 * Files of one load landed side by side: each on its own connection, so PostgreSQL parses and
 * checks two of them at once (its work is one backend per statement). Two lanes: the exams
 * file is about half of a CSV folder's bytes, so a second lane lands the three others beside
 * it, and a load never holds more than five connections of the pool (the run lock, then a
 * file's COPY connection and, for the rows the SQL checks refuse, the validator's, per lane).
 */
export const LANDING_LANES = 2;

/**
 * Runs `work` on every item, at most `lanes` at a time, starting them in `startOrder` (stable:
 * the items' own order among equals). After a failure no item is started; the others finish,
 * and then the error of the first failed item, in the items' own order, is thrown.
 */
export async function inLanes<T>(
  items: readonly T[],
  lanes: number,
  work: (item: T) => Promise<void>,
  startOrder: (a: T, b: T) => number = () => 0,
): Promise<void> {
  const queue = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => startOrder(a.item, b.item));
  const failures: { index: number; error: unknown }[] = [];
  const lane = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      try {
        await work(next.item);
      } catch (error) {
        failures.push({ index: next.index, error });
        queue.length = 0;
      }
    }
  };
  const count = Math.max(1, Math.min(lanes, items.length));
  await Promise.all(Array.from({ length: count }, lane));
  if (failures.length > 0) {
    throw failures.reduce((first, one) => (one.index < first.index ? one : first)).error;
  }
}

/** Larger first: the longest file starts at once, the smaller ones fill the other lane. */
export const largerFirst = <T extends { readonly bytes: number }>(a: T, b: T): number =>
  b.bytes - a.bytes;
