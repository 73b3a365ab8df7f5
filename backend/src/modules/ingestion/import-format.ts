/**
 * The CSV import format (DESIGN.md section 5), defined in domain/import-format.ts (pure data,
 * usable by the domain's validation). Re-exported here, where adapters, the synthetic generator
 * and tests have always imported it.
 */
export * from './domain/import-format.js';
