/**
 * Guards for the counts the statistics receive from SQL. A negative, fractional or non-finite
 * count is a programming error upstream (a bad join, a `numeric` not converted), so it throws
 * instead of producing a plausible-looking figure.
 */
export function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}.`);
  }
}

export function assertProbability(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`${name} must be a probability between 0 and 1, got ${value}.`);
  }
}
