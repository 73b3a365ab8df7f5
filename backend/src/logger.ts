import pino from 'pino';

/**
 * Structured logs on stderr. Never log a patient identifier, an order or accession number, or
 * raw rows: log counts, run ids and durations.
 */
export const createLogger = (level: string) =>
  pino({ level, base: { service: 'clinical-grounds' } }, pino.destination(2));

export type Logger = ReturnType<typeof createLogger>;
