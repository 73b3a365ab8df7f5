/**
 * The Node flags the command line and the server run with: `npm run grounds`, `npm run
 * evaluate` and `npm start` write them before the script, the production image sets them in
 * NODE_OPTIONS (Dockerfile), and the bench starts the importer with them
 * (node-flags.spec.ts keeps the four in step).
 *
 * `--max-semi-space-size=8`: V8's young generation, where the importer's rows, lexicon results
 * and COPY lines live and die, sized to 8 MB a half-space. Left to V8 it grows with the machine's
 * memory: reading the texts of 1M orders through the lexicon (the first load's peak) took the
 * process 167 MB on Node 20 and 274 MB on Node 24, 142 and 173 MB with this flag, in the same
 * time (docs/performance.md, "The importer's memory is V8's young generation").
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
