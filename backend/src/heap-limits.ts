import { setFlagsFromString } from 'node:v8';

/**
 * V8's heap growth for the command line (the importer), set by the process itself, so
 * `node …/cli/main.js` gets it however it is started (npm, the image, a script):
 *
 * - `--heap-growing-percent=50`: the old generation grows to 1.5 × what the last full collection
 *   kept before the next one, where V8 otherwise lets it reach about 4 × while collecting is
 *   cheap. The importer's texts step promotes its rows and lexicon results steadily, and the
 *   old generation grew from about 40 to 160 MB between collections: the importer's peak.
 * - `--semi-space-growth-factor=1`: the young generation keeps its first size. Node 24 grows it
 *   with the machine's memory (the same step 90 MB higher than on Node 20).
 *
 * Both are read by V8 at each collection, so they take effect when set after start. The texts
 * step over 1M orders, alone with 80 MB of other live objects: 229 to 242 MB without them, 137
 * to 149 MB with them, on Node 20 and 24, in the same time; over 10M orders on Node 24, 346 to
 * 349 MB in 53 to 54 s against 139 to 144 MB in 61 to 69 s (the step is about 2 % of a first
 * load). Not for the server: a request's
 * short bursts of allocation pay for the extra collections (the clinician funnel's first page
 * at 10M orders with nothing kept, about 160 ms without them, 245 ms with them).
 * docs/performance.md, "The importer's memory is V8's heap growth".
 */
export const HEAP_FLAGS: readonly string[] = [
  '--heap-growing-percent=50',
  '--semi-space-growth-factor=1',
];

export function limitHeapGrowth(): void {
  for (const flag of HEAP_FLAGS) setFlagsFromString(flag);
}
